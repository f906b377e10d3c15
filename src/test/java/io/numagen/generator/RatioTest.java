package io.numagen.generator;

import io.numagen.memory.NativeBuffer;
import io.numagen.metrics.DataRatios;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ratios a storage engineer dials in are the ratios a dedup engine and zstd measure. */
class RatioTest {
    private static final int BLOCK = 1 << 20;

    @ParameterizedTest
    @ValueSource(doubles = {1, 1.5, 2, 3, 10})
    void dedupRatioWithinTwoPercentOn256MiB(double dedup) {
        DataRatios ratios = measure(new GeneratorConfig(BLOCK, dedup, 1, 1234), 256L << 20);
        assertEquals(256, ratios.blocks());
        assertEquals(dedup, ratios.dedupRatio(), dedup * 0.02, "measured " + ratios.dedupRatio());
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 1.5, 2, 3, 4, 8})
    void zstdRatioWithinTenPercent(double compress) {
        DataRatios ratios = measure(new GeneratorConfig(BLOCK, 1, compress, 4321), 32L << 20);
        assertEquals(compress, ratios.zstdRatio(), compress * 0.10, "measured zstd " + ratios.zstdRatio());
        if (compress == 1) {
            assertTrue(ratios.zstdRatio() <= 1.01, "incompressible, got zstd " + ratios.zstdRatio());
            assertTrue(ratios.gzipRatio() <= 1.01, "incompressible, got gzip " + ratios.gzipRatio());
        } else {
            // Same matches seen by a different LZ family: close to the target, never wildly off.
            assertEquals(compress, ratios.gzipRatio(), compress * 0.30, "measured gzip " + ratios.gzipRatio());
        }
    }

    private static DataRatios measure(GeneratorConfig config, long size) {
        DataRatios ratios = new DataRatios();
        try (DataGenerator g = DataGenerator.create(config, 2); NativeBuffer b = g.generate(size)) {
            for (long off = 0; off < size; off += BLOCK) {
                ratios.add(b.slice(off, BLOCK));
            }
        }
        return ratios;
    }
}
