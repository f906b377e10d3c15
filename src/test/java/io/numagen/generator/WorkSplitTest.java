package io.numagen.generator;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class WorkSplitTest {
    private static final long MIB = 1 << 20;

    @Test
    void granuleIsWholeBlocksAndWholeHugePages() {
        assertEquals(2 * MIB, WorkSplit.granule(1 << 20, 2 * MIB));
        assertEquals(4 * MIB, WorkSplit.granule(4 << 20, 2 * MIB));
        assertEquals(6 * MIB, WorkSplit.granule(12 << 10, 2 * MIB));
        assertEquals(MIB, WorkSplit.granule(1 << 20, 4096));
    }

    @Test
    void sharesCoverTheRangeInOrderOnGranuleBoundaries() {
        long from = 3 * MIB + 5;
        long to = 61 * MIB + 7;
        long granule = 2 * MIB;
        int workers = 4;
        assertEquals(from, WorkSplit.boundary(from, to, granule, workers, 0));
        assertEquals(to, WorkSplit.boundary(from, to, granule, workers, workers));
        for (int i = 1; i < workers; i++) {
            long b = WorkSplit.boundary(from, to, granule, workers, i);
            assertEquals(0, b % granule, "boundary " + i + " at " + b);
            assertTrue(b >= WorkSplit.boundary(from, to, granule, workers, i - 1));
        }
    }

    @Test
    void moreWorkersThanGranulesLeavesSomeSharesEmpty() {
        long end = 3 * MIB;
        long[] b = new long[9];
        for (int i = 0; i <= 8; i++) {
            b[i] = WorkSplit.boundary(0, end, 2 * MIB, 8, i);
        }
        int nonEmpty = 0;
        for (int i = 0; i < 8; i++) {
            nonEmpty += b[i + 1] > b[i] ? 1 : 0;
        }
        assertEquals(2, nonEmpty);
        assertEquals(end, b[8]);
    }
}
