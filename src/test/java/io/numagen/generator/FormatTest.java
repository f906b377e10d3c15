package io.numagen.generator;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The byte format is pinned: the generators against their reference algorithms' published outputs, and the first
 * MiB of a handful of configurations against golden SHA-256 values. A failure here means the bytes changed: if that
 * was deliberate, bump {@link GeneratorConfig#FORMAT_VERSION} and the golden values together.
 */
class FormatTest {
    @Test
    void formatVersionMatchesTheGoldenValues() {
        assertEquals(2, GeneratorConfig.FORMAT_VERSION, "golden values below are for format 2");
    }

    @Test
    void splitMix64MatchesItsReferenceOutputs() {
        // Vigna's splitmix64.c seeded with 0; its first output is the widely published 0xe220a8397b1dcdaf.
        assertEquals(0xE220A8397B1DCDAFL, SplitMix64.nth(0, 0));
        // java.util.SplittableRandom is an independent implementation of the same sequence (same gamma and mix).
        SplittableRandom reference = new SplittableRandom(0x1234_5678_9ABC_DEF0L);
        for (int i = 0; i < 1000; i++) {
            assertEquals(reference.nextLong(), SplitMix64.nth(0x1234_5678_9ABC_DEF0L, i), "output " + i);
        }
    }

    @Test
    void xoshiro256PlusPlusMatchesTheReferenceImplementation() {
        // xoshiro256plusplus.c (Blackman and Vigna) from state {0, 0, 0, 1}: its first ten outputs.
        long[] expected = {0x0000000000800000L, 0x0000000000800011L, 0x0002200000800011L, 0x0002200044000020L,
                0x00022000448008A1L, 0x01102100802208A0L, 0x0114002284200880L, 0x0402896644A64095L,
                0x8A14A0A244ACC891L, 0x8C88BA4680B20495L};
        Xoshiro256PlusPlus x = new Xoshiro256PlusPlus();
        x.s3 = 1;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], x.next(), "output " + (i + 1));
        }
    }

    @Test
    void longIOfABlockIsStepIOver16OfStreamIMod16() {
        GeneratorConfig config = new GeneratorConfig(4096, 1, 1, 77);
        StreamState reference = new StreamState();
        reference.seed(SplitMix64.mix(config.seed()) ^ SplitMix64.mix(0));
        Xoshiro256PlusPlus[] streams = new Xoshiro256PlusPlus[StreamState.STREAMS];
        for (int k = 0; k < streams.length; k++) {
            streams[k] = new Xoshiro256PlusPlus();
            streams[k].s0 = reference.s0[k];
            streams[k].s1 = reference.s1[k];
            streams[k].s2 = reference.s2[k];
            streams[k].s3 = reference.s3[k];
        }
        java.nio.ByteBuffer bytes = java.nio.ByteBuffer.wrap(GeneratorTestSupport.oneShot(config, 1, 4096))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 512; i++) {
            assertEquals(streams[i % 16].next(), bytes.getLong(8 * i), "long " + i);
        }
    }

    @ParameterizedTest(name = "block {0}, dedup {1}, compress {2}")
    @CsvSource({
            "1048576, 1, 1, 1, d80304eb413a90edafad5ebbd912612cfa29040b992d2efeb81c296cd7ab3124",
            "1048576, 2, 1, 1, c36c1dd65949ba4a2f0e6bf981e8dd0d78fffa3bd3740bc7a57644992c01a9d2",
            "65536, 1, 3, 42, f6f57c13a3c74395ffe1b093196b0877ca71229979ba9156626a5fd761583338",
            "4096, 3, 2.5, 7, fd8dc9f92bce747f3fd40520b532f1dc23a7e7a2cb84d03e2eee3c311f777f9e",
            "131072, 1.5, 10, -5, 40c4890bad4ed51a5be838dc0dd78cc6d9e0aaceb3dc55d4fa0ac75fc8d1ae2b"})
    void firstMibMatchesItsGoldenSha256(int block, double dedup, double compress, long seed, String golden)
            throws NoSuchAlgorithmException {
        GeneratorConfig config = new GeneratorConfig(block, dedup, compress, seed);
        byte[] first = GeneratorTestSupport.oneShot(config, 2, 1 << 20);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first));
        assertEquals(golden, sha, "first MiB of " + config);
    }
}
