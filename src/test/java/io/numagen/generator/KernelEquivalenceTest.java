package io.numagen.generator;

import io.numagen.exec.NumaOptions;
import io.numagen.memory.NativeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.ByteBuffer;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The kernel changes speed, never bytes: scalar and vector agree on every stream state, length and configuration. */
class KernelEquivalenceTest {
    @BeforeAll
    static void vectorKernelRunsInTheTestJvm() {
        // The build adds --add-modules jdk.incubator.vector to test JVMs; without it this class would test nothing.
        assertNull(Kernel.VECTOR.unavailable(), "the vector kernel must run in tests");
    }

    @Test
    void kernelsWriteTheSameStreamBytes() {
        SplittableRandom random = new SplittableRandom(11);
        RandomKernel scalar = Kernels.create(Kernel.SCALAR);
        RandomKernel vector = Kernels.create(Kernel.VECTOR);
        for (int trial = 0; trial < 200; trial++) {
            long seed = random.nextLong();
            int length = RandomKernel.STEP_BYTES * random.nextInt(1, 100);
            int offset = 8 * random.nextInt(0, 64);
            ByteBuffer a = ByteBuffer.allocateDirect(offset + length);
            ByteBuffer b = ByteBuffer.allocate(offset + length);
            StreamState sa = new StreamState();
            StreamState sb = new StreamState();
            sa.seed(seed);
            sb.seed(seed);
            // Two calls: state carried over between fills must agree too.
            scalar.fill(sa, a, offset, length / 2 / RandomKernel.STEP_BYTES * RandomKernel.STEP_BYTES);
            vector.fill(sb, b, offset, length / 2 / RandomKernel.STEP_BYTES * RandomKernel.STEP_BYTES);
            int done = length / 2 / RandomKernel.STEP_BYTES * RandomKernel.STEP_BYTES;
            scalar.fill(sa, a, offset + done, length - done);
            vector.fill(sb, b, offset + done, length - done);
            assertArrayEquals(GeneratorTestSupport.bytes(a), GeneratorTestSupport.bytes(b), "trial " + trial);
            assertArrayEquals(sa.s0, sb.s0);
            assertArrayEquals(sa.s3, sb.s3);
        }
    }

    @ParameterizedTest(name = "block {0}, dedup {1}, compress {2}")
    // 4096 at 11 (near its maximum, 11.3): most literal runs are empty or under a step and copies near the block start
    // are dropped, the corners of the compressible path.
    @CsvSource({"65536, 1, 1", "4096, 2, 1", "65536, 1, 3", "8192, 1.5, 7.5", "1048576, 1, 1.5", "4096, 1, 11"})
    void generatorsWithEitherKernelWriteTheSameBytes(int block, double dedup, double compress) {
        GeneratorConfig config = new GeneratorConfig(block, dedup, compress, 5);
        int size = 3 * (1 << 20) + 4321;
        byte[] scalar = oneShot(config, 1, Kernel.SCALAR, size);
        for (int threads : new int[] {1, 2, 3}) {
            assertArrayEquals(scalar, oneShot(config, threads, Kernel.VECTOR, size), "threads " + threads);
        }
    }

    @Test
    void generatorReportsItsKernel() {
        try (DataGenerator g = DataGenerator.create(GeneratorConfig.of(1), 1, NumaOptions.off(), Kernel.SCALAR)) {
            assertEquals(Kernel.SCALAR, g.kernel());
            assertEquals(-1, g.kernelWarmupNanos());
        }
        try (DataGenerator g = DataGenerator.create(GeneratorConfig.of(1), 1, NumaOptions.off(), Kernel.VECTOR)) {
            assertEquals(Kernel.VECTOR, g.kernel());
            assertEquals(true, g.kernelWarmupNanos() > 0, "warm-up reached compiled speed");
        }
    }

    static byte[] oneShot(GeneratorConfig config, int threads, Kernel kernel, int size) {
        try (DataGenerator g = DataGenerator.create(config, threads, NumaOptions.off(), kernel);
             NativeBuffer b = g.generate(size)) {
            return GeneratorTestSupport.bytes(b, 0, size);
        }
    }
}
