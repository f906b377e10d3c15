package io.numagen.generator;

/**
 * Which distinct content each block carries. Blocks are grouped in windows of {@value #WINDOW}; window k introduces
 * exactly {@code ceil(64(k+1)/D) - ceil(64k/D)} new contents at seeded-permuted slots, and its other slots repeat
 * a seeded-random earlier content, so the ratio holds to within one window over any prefix and duplicates are
 * neither periodic nor only the previous block. A pure function of (seed, ratio, block index): independent of size,
 * thread count and chunking.
 */
final class DedupLayout {
    static final int WINDOW = 64;
    private static final int WINDOW_MASK = WINDOW - 1;

    private final double ratio;
    private final long seed;

    DedupLayout(double ratio, long seed) {
        this.ratio = ratio;
        this.seed = SplitMix64.mix(seed ^ 0x6A09E667F3BCC909L);
    }

    /** The content index of block {@code block}. */
    long contentOf(long block) {
        if (ratio == 1) {
            return block;
        }
        long window = block / WINDOW;
        int slot = (int) (block & WINDOW_MASK);
        long first = contentsBefore(window);
        long fresh = Math.min(WINDOW, contentsBefore(window + 1) - first);
        long h = SplitMix64.nth(seed, window);
        // An odd multiplier, an offset and an xorshift: a bijection on 0..63 that scatters the fresh slots.
        int rank = (int) ((slot * (h | 1) + (h >>> 32)) & WINDOW_MASK);
        rank ^= rank >>> 3;
        if (rank < fresh) {
            return first + rank;
        }
        long known = first + fresh;
        return Long.remainderUnsigned(SplitMix64.mix(h + slot), known);
    }

    private long contentsBefore(long window) {
        return (long) Math.ceil(window * (double) WINDOW / ratio);
    }
}
