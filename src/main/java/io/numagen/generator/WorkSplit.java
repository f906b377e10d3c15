package io.numagen.generator;

/**
 * How a byte range of the output is split among workers: contiguous shares of nearly equal size, aligned to a granule
 * (whole blocks, and whole huge pages where memory comes in huge pages, so no block or page has two writers), fixed
 * by (range, granule, worker count) alone. The NUMA layer uses the same split to first-touch or bind each worker's
 * share before that worker writes it.
 */
public final class WorkSplit {
    private WorkSplit() {
    }

    /**
     * The start of worker {@code i}'s share of {@code [from, to)} (and, for {@code i == workers}, {@code to}).
     * Shares are granule-aligned except at the range's own ends; a worker's share may be empty.
     */
    public static long boundary(long from, long to, long granule, int workers, int i) {
        if (i <= 0) {
            return from;
        }
        if (i >= workers) {
            return to;
        }
        long first = from / granule;
        long granules = ceilDiv(to, granule) - first;
        long at = first + multiplyDivide(granules, i, workers);
        return Math.max(from, Math.min(to, at * granule));
    }

    /** The smallest size that is a whole number of blocks and of placement units (pages or huge pages). */
    public static long granule(int blockSize, long placementUnit) {
        long a = blockSize;
        long b = placementUnit;
        while (b != 0) {
            long t = a % b;
            a = b;
            b = t;
        }
        return blockSize / a * placementUnit;
    }

    static long ceilDiv(long x, long y) {
        return -Math.floorDiv(-x, y);
    }

    /** n × i / workers without overflow for any n. */
    private static long multiplyDivide(long n, int i, int workers) {
        return n / workers * i + n % workers * i / workers;
    }
}
