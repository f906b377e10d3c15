package io.numagen.generator;

/**
 * The state of a block's {@value #STREAMS} interleaved xoshiro256++ streams, one array per state word (structure of
 * arrays) so a vector kernel loads the same word of adjacent streams with one load.
 *
 * <p>The stream count is part of the byte format, not a property of the machine: long {@code i} of a block's random
 * bytes is output {@code i / 16} of stream {@code i % 16}, whatever vector width (or none) computes it.
 */
final class StreamState {
    static final int STREAMS = 16;

    final long[] s0 = new long[STREAMS];
    final long[] s1 = new long[STREAMS];
    final long[] s2 = new long[STREAMS];
    final long[] s3 = new long[STREAMS];

    /** Seeds stream {@code k} from outputs {@code 4k .. 4k+3} of the SplitMix64 sequence at {@code state}. */
    void seed(long state) {
        for (int k = 0; k < STREAMS; k++) {
            s0[k] = SplitMix64.nth(state, 4 * k);
            s1[k] = SplitMix64.nth(state, 4 * k + 1);
            s2[k] = SplitMix64.nth(state, 4 * k + 2);
            s3[k] = SplitMix64.nth(state, 4 * k + 3);
        }
    }
}
