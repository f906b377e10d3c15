package io.numagen.generator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.LongBuffer;
import java.util.Arrays;

/**
 * The portable kernel: two streams at a time with the state in locals and {@link Xoshiro256PlusPlus#next} inlined by
 * hand (one stream's serial dependency chain would bound the speed; more streams spill registers), into a small
 * {@code long[]} written with one bulk put per 4 KiB, which beat a putLong per value by about 1.4x here.
 */
final class ScalarKernel implements RandomKernel {
    /** Steps per bulk put: 4 KiB, small enough to stay in L1. */
    private static final int BATCH_STEPS = 32;

    private final long[] batch = new long[BATCH_STEPS * StreamState.STREAMS];
    /** A long view of the last destination; a destination is reused for many blocks, so views are rarely made. */
    private ByteBuffer viewed;
    private LongBuffer longs;

    @Override
    public Kernel kind() {
        return Kernel.SCALAR;
    }

    @Override
    public void fill(StreamState state, ByteBuffer dst, int offset, int length) {
        LongBuffer out = longsOf(dst);
        for (int at = offset >>> 3, end = (offset + length) >>> 3; at < end; ) {
            int steps = Math.min(BATCH_STEPS, (end - at) / StreamState.STREAMS);
            generate(state, batch, steps);
            int count = steps * StreamState.STREAMS;
            out.put(at, batch, 0, count);
            at += count;
        }
    }

    @Override
    public void fillConstant(ByteBuffer dst, int offset, int length, long value) {
        LongBuffer out = longsOf(dst);
        Arrays.fill(batch, value);
        for (int at = offset >>> 3, end = (offset + length) >>> 3; at < end; ) {
            int count = Math.min(batch.length, end - at);
            out.put(at, batch, 0, count);
            at += count;
        }
    }

    private LongBuffer longsOf(ByteBuffer dst) {
        if (dst != viewed) {
            viewed = dst;
            longs = dst.duplicate().order(ByteOrder.LITTLE_ENDIAN).asLongBuffer();
        }
        return longs;
    }

    /** Advances every stream {@code steps} times: step {@code t} of stream {@code k} goes to {@code out[16t + k]}. */
    static void generate(StreamState state, long[] out, int steps) {
        long[] w0 = state.s0, w1 = state.s1, w2 = state.s2, w3 = state.s3;
        for (int k = 0; k < StreamState.STREAMS; k += 2) {
            long s0 = w0[k], s1 = w1[k], s2 = w2[k], s3 = w3[k];
            long t0 = w0[k + 1], t1 = w1[k + 1], t2 = w2[k + 1], t3 = w3[k + 1];
            for (int o = k, end = k + steps * StreamState.STREAMS; o < end; o += StreamState.STREAMS) {
                out[o] = Long.rotateLeft(s0 + s3, 23) + s0;
                long x = s1 << 17;
                s2 ^= s0;
                s3 ^= s1;
                s1 ^= s2;
                s0 ^= s3;
                s2 ^= x;
                s3 = Long.rotateLeft(s3, 45);

                out[o + 1] = Long.rotateLeft(t0 + t3, 23) + t0;
                long y = t1 << 17;
                t2 ^= t0;
                t3 ^= t1;
                t1 ^= t2;
                t0 ^= t3;
                t2 ^= y;
                t3 = Long.rotateLeft(t3, 45);
            }
            w0[k] = s0; w1[k] = s1; w2[k] = s2; w3[k] = s3;
            w0[k + 1] = t0; w1[k + 1] = t1; w2[k + 1] = t2; w3[k + 1] = t3;
        }
    }
}
