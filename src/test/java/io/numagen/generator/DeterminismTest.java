package io.numagen.generator;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static io.numagen.generator.GeneratorTestSupport.oneShot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeterminismTest {
    /** Not a whole number of blocks, so the last block is cut. */
    private static final int SIZE = 9 * 65536 + 12345;

    @ParameterizedTest
    @CsvSource({"1, 1", "2.5, 1", "1, 3", "3, 2.2"})
    void sameBytesForAnyThreadCount(double dedup, double compress) {
        GeneratorConfig config = new GeneratorConfig(65536, dedup, compress, 42);
        byte[] one = oneShot(config, 1, SIZE);
        for (int threads : new int[] {2, 3, 7, 16}) {
            assertArrayEquals(one, oneShot(config, threads, SIZE), "threads=" + threads);
        }
    }

    @Test
    void outputIsAPrefixOfLongerOutput() {
        GeneratorConfig config = new GeneratorConfig(65536, 2, 2, 7);
        byte[] longer = oneShot(config, 2, SIZE);
        byte[] shorter = oneShot(config, 3, 100_000);
        assertArrayEquals(java.util.Arrays.copyOf(longer, shorter.length), shorter);
    }

    @Test
    void seedChangesEverything() {
        GeneratorConfig config = new GeneratorConfig(4096, 1, 1, 1);
        byte[] a = oneShot(config, 2, 65536);
        byte[] b = oneShot(config.withSeed(2), 2, 65536);
        int equal = 0;
        for (int i = 0; i < a.length; i++) {
            equal += a[i] == b[i] ? 1 : 0;
        }
        // Independent random bytes agree about 1 time in 256.
        assertTrue(equal < a.length / 128, "too many equal bytes: " + equal);
    }

    @Test
    void callerBufferGetsTheSameBytesWithoutMovingItsPosition() {
        GeneratorConfig config = new GeneratorConfig(8192, 1.5, 2, 99);
        byte[] expected = oneShot(config, 2, 50_000);
        ByteBuffer direct = ByteBuffer.allocateDirect(50_010);
        direct.position(10);
        try (DataGenerator g = DataGenerator.create(config, 2)) {
            g.fill(direct);
        }
        assertEquals(10, direct.position());
        assertArrayEquals(expected, GeneratorTestSupport.bytes(direct));
    }

    @Test
    void poolIsReusedAcrossCalls() {
        GeneratorConfig config = new GeneratorConfig(4096, 1, 1, 5);
        try (DataGenerator g = DataGenerator.create(config, 2)) {
            ByteBuffer a = ByteBuffer.allocateDirect(40_000);
            ByteBuffer b = ByteBuffer.allocateDirect(40_000);
            Thread[] before = threadsNamed("numagen-worker");
            g.fill(a);
            g.fill(b);
            assertEquals(before.length, threadsNamed("numagen-worker").length, "no new workers per call");
            assertArrayEquals(GeneratorTestSupport.bytes(a), GeneratorTestSupport.bytes(b));
        }
    }

    @Test
    void entropySeedsDiffer() {
        assertFalse(GeneratorConfig.entropySeed() == GeneratorConfig.entropySeed()
                && GeneratorConfig.entropySeed() == GeneratorConfig.entropySeed());
    }

    private static Thread[] threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith(prefix)).toArray(Thread[]::new);
    }
}
