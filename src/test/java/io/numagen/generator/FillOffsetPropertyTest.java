package io.numagen.generator;

import io.numagen.memory.NativeBuffer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/**
 * {@code fill(target, offset)} holds the one-shot output's bytes at that offset, for any offset (not only multiples
 * of 8 or of a block), length, thread count, block size and ratio: the property behind streaming, partitioned output
 * and zero-copy fills.
 */
class FillOffsetPropertyTest {
    private static final int ONE_SHOT = 3 << 20;

    @Test
    void fillAtAnyOffsetEqualsTheOneShotBytesThere() {
        SplittableRandom random = new SplittableRandom(2024);
        int[] blockSizes = {4096, 8192, 65536, 1 << 20};
        double[] compress = {1, 1, 1.7, 3, 5.5};
        for (int trial = 0; trial < 40; trial++) {
            GeneratorConfig config = new GeneratorConfig(blockSizes[random.nextInt(blockSizes.length)],
                    random.nextBoolean() ? 1 : 2, compress[random.nextInt(compress.length)], random.nextLong());
            byte[] whole = GeneratorTestSupport.oneShot(config, 2, ONE_SHOT);
            int threads = random.nextInt(1, 5);
            int offset = random.nextBoolean() ? random.nextInt(0, 4096) : random.nextInt(0, ONE_SHOT / 2);
            int length = random.nextInt(1, ONE_SHOT - offset);
            try (DataGenerator g = DataGenerator.create(config, threads);
                 NativeBuffer target = NativeBuffer.allocate(length)) {
                g.fill(target, offset);
                assertArrayEquals(Arrays.copyOfRange(whole, offset, offset + length),
                        GeneratorTestSupport.bytes(target, 0, length),
                        () -> "with " + config + ", " + threads + " threads, offset " + offset
                                + ", length " + length);
            }
        }
    }

    @Test
    void fillAtOffset100WithSmallBlocksIsExact() {
        // The reported case: offset 100, 4 KiB blocks, 1 MiB, compress 1.
        GeneratorConfig config = new GeneratorConfig(4096, 1, 1, 9);
        byte[] whole = GeneratorTestSupport.oneShot(config, 1, (1 << 20) + 100);
        try (DataGenerator g = DataGenerator.create(config, 2); NativeBuffer target = NativeBuffer.allocate(1 << 20)) {
            g.fill(target, 100);
            assertArrayEquals(Arrays.copyOfRange(whole, 100, whole.length), GeneratorTestSupport.bytes(target, 0,
                    1 << 20));
        }
    }
}
