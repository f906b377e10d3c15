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
        assertEquals(3, GeneratorConfig.FORMAT_VERSION, "golden values below are for format 3");
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
            "65536, 1, 3, 42, 3aa796203e5553067ea7512b163fdfd9ac89f3ca74da8872a8428342472ea1a8",
            "4096, 3, 2.5, 7, 09b1ebdc0c8b48399a783c04c361ea2181401a298898ab348b04e9cdff0c83e3",
            "131072, 1.5, 10, -5, 08fa1e1d0573b393d7dbeb9b4d9df1aa2cf38017e0b5cd33f16e2e11a55bd353"})
    void firstMibMatchesItsGoldenSha256(int block, double dedup, double compress, long seed, String golden)
            throws NoSuchAlgorithmException {
        GeneratorConfig config = new GeneratorConfig(block, dedup, compress, seed);
        byte[] first = GeneratorTestSupport.oneShot(config, 2, 1 << 20);
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first));
        assertEquals(golden, sha, "first MiB of " + config);
    }
}
