package io.numagen.generator;

/**
 * How a byte range of the output is split among workers: contiguous, block-aligned shares of nearly equal block
 * counts, fixed by (range, block size, worker count) alone. The NUMA layer uses the same split to first-touch or bind
 * each worker's share before that worker writes it.
 */
public final class WorkSplit {
    private WorkSplit() {
    }

    /**
     * The start of worker {@code i}'s share of {@code [from, to)} (and, for {@code i == workers}, {@code to}).
     * Shares are block-aligned except at the range's own ends; a worker's share may be empty.
     */
    public static long boundary(long from, long to, int blockSize, int workers, int i) {
        if (i <= 0) {
            return from;
        }
        if (i >= workers) {
            return to;
        }
        long firstBlock = from / blockSize;
        long blocks = ceilDiv(to, blockSize) - firstBlock;
        long block = firstBlock + multiplyDivide(blocks, i, workers);
        return Math.max(from, Math.min(to, block * blockSize));
    }

    static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }

    /** blocks × i / workers without overflow for any block count. */
    private static long multiplyDivide(long blocks, int i, int workers) {
        return blocks / workers * i + blocks % workers * i / workers;
    }
}
