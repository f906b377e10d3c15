package io.numagen.metrics;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataRatiosTest {
    private static final int BLOCK = 4096;

    /** Content i, repeated (i % 3) + 1 times: 2 occurrences per content on average over whole triples. */
    private static void feed(DataRatios ratios, int contents) {
        ByteBuffer block = ByteBuffer.allocate(BLOCK);
        for (int i = 0; i < contents; i++) {
            block.clear();
            block.putInt(0, i);
            for (int r = 0; r <= i % 3; r++) {
                ratios.add(block);
            }
        }
    }

    @Test
    void exactWhileTheDistinctBlocksFit() {
        DataRatios ratios = new DataRatios(1 << 10);
        feed(ratios, 600);
        assertTrue(ratios.exact());
        assertEquals(1200, ratios.blocks());
        assertEquals(600, ratios.distinctBlocks());
        assertEquals(2.0, ratios.dedupRatio(), 0);
        assertEquals(1.0, ratios.sampledFraction(), 0);
    }

    @Test
    void pastTheTableItSamplesContentsWithBoundedMemoryAndAStatedError() {
        DataRatios ratios = new DataRatios(1 << 10);
        feed(ratios, 30_000);
        assertFalse(ratios.exact());
        assertEquals(60_000, ratios.blocks());
        assertEquals((1 << 10) * 36L, ratios.tableBytesBound());
        // The table never holds more than 3/4 of its slots; the sample is at least half of that.
        assertTrue(ratios.distinctBlocks() <= 768 && ratios.distinctBlocks() >= 384, "" + ratios.distinctBlocks());
        assertTrue(ratios.sampledFraction() <= 1.0 / 32, "" + ratios.sampledFraction());
        double rse = ratios.relativeStandardError();
        assertEquals(1 / Math.sqrt(ratios.distinctBlocks()), rse, 1e-12);
        assertEquals(2.0, ratios.dedupRatio(), 2.0 * 4 * rse, "estimated dedup " + ratios.dedupRatio());
        // Zero-filled 4 KiB blocks with a 4-byte counter compress the same way, sampled or not.
        assertTrue(ratios.zstdRatio() > 50, "" + ratios.zstdRatio());
    }

    @Test
    void measurersOnSeveralThreadsShareOneTable() throws InterruptedException {
        DataRatios ratios = new DataRatios();
        Thread[] threads = new Thread[3];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                DataRatios.Measurer m = ratios.measurer();
                ByteBuffer block = ByteBuffer.allocateDirect(BLOCK);
                for (int i = 0; i < 500; i++) {
                    block.putInt(0, i);
                    m.add(block);
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1500, ratios.blocks());
        assertEquals(500, ratios.distinctBlocks());
        assertEquals(3.0, ratios.dedupRatio(), 0);
    }
}
