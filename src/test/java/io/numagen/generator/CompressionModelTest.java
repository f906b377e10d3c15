package io.numagen.generator;

import io.numagen.memory.NativeBuffer;
import io.numagen.metrics.DataRatios;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every compress ratio the generator accepts is what zstd level 3 measures, within 5 %, at block sizes on and between
 * the model's measured rows; beyond the block size's maximum the config is refused, naming the maximum.
 */
@Tag("slow")
class CompressionModelTest {
    private static final double[] TARGETS = {1.05, 1.5, 2, 3, 4.5, 7, 10, 13, 16, 20, 24, 30, 38};

    @ParameterizedTest(name = "{0}-byte blocks")
    @ValueSource(ints = {4096, 12288, 36864, 57344, 196608, 1 << 20, 8 << 20})
    void everyAcceptedRatioIsReachedWithinFivePercent(int blockSize) {
        List<Double> targets = new ArrayList<>();
        for (double t : TARGETS) {
            if (t < CompressionModel.maxRatio(blockSize)) {
                targets.add(t);
            }
        }
        targets.add(CompressionModel.maxRatio(blockSize));
        List<String> misses = new ArrayList<>();
        long size = Math.max(16L << 20, 4L * blockSize);
        for (double target : targets) {
            double measured = zstdRatio(new GeneratorConfig(blockSize, 1, target, 31), size);
            if (Math.abs(measured - target) > 0.05 * target) {
                misses.add(target + " -> " + measured);
            }
        }
        assertTrue(misses.isEmpty(), "outside 5 % at " + blockSize + "-byte blocks: " + misses);
    }

    @Test
    void ratiosBeyondTheBlockSizesMaximumAreRefusedNamingIt() {
        double max = CompressionModel.maxRatio(4096);
        assertEquals(11.3, max);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new GeneratorConfig(4096, 1, 11.4, 1));
        assertTrue(e.getMessage().startsWith("compress ratio must be a number from 1 to 11.3 for 4096-byte blocks"),
                e.getMessage());
        assertEquals(44.4, CompressionModel.maxRatio(GeneratorConfig.MAX_BLOCK_SIZE));
    }

    @Test
    void maximumGrowsWithBlockSizeUpTo32KiB() {
        double previous = 0;
        for (int size = 4096; size <= 32768; size += 4096) {
            double max = CompressionModel.maxRatio(size);
            assertTrue(max >= previous, size + ": " + max + " < " + previous);
            previous = max;
        }
    }

    private static double zstdRatio(GeneratorConfig config, long size) {
        DataRatios ratios = new DataRatios();
        int block = config.blockSize();
        try (DataGenerator g = DataGenerator.create(config, 2); NativeBuffer b = g.generate(size)) {
            for (long off = 0; off + block <= size; off += block) {
                ratios.add(b.slice(off, block));
            }
        }
        return ratios.zstdRatio();
    }
}
