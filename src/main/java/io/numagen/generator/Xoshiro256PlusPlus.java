package io.numagen.generator;

/** xoshiro256++ (Blackman and Vigna): state in fields so a reused instance allocates nothing. */
final class Xoshiro256PlusPlus {
    long s0, s1, s2, s3;

    /** Seeds the four state words from outputs {@code first..first+3} of a SplitMix64 sequence at {@code state}. */
    void seed(long state, int first) {
        s0 = SplitMix64.nth(state, first);
        s1 = SplitMix64.nth(state, first + 1);
        s2 = SplitMix64.nth(state, first + 2);
        s3 = SplitMix64.nth(state, first + 3);
    }

    long next() {
        long r = Long.rotateLeft(s0 + s3, 23) + s0;
        long x = s1 << 17;
        s2 ^= s0;
        s3 ^= s1;
        s1 ^= s2;
        s0 ^= s3;
        s2 ^= x;
        s3 = Long.rotateLeft(s3, 45);
        return r;
    }
}
