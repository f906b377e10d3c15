package io.numagen.generator;

/** SplitMix64's finaliser: turns counters into well-mixed, independent 64-bit seeds. */
final class SplitMix64 {
    static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SplitMix64() {
    }

    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** The i-th output of a SplitMix64 sequence started at {@code state}. */
    static long nth(long state, long i) {
        return mix(state + (i + 1) * GOLDEN_GAMMA);
    }
}
