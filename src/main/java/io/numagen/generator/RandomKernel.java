package io.numagen.generator;

import java.nio.ByteBuffer;

/**
 * Computes a block's interleaved random streams into a buffer. Every implementation writes the same bytes, so the
 * choice changes speed only: little-endian longs, long {@code i} being output {@code i / 16} of stream
 * {@code i % 16} (see {@link StreamState}). One per worker: implementations may cache a view of the last destination.
 */
interface RandomKernel {
    /** Bytes one step of all streams writes: 16 longs. */
    int STEP_BYTES = StreamState.STREAMS * Long.BYTES;

    /**
     * Advances every stream {@code length / 128} steps, writing them at {@code dst[offset, offset + length)}, offsets
     * counted from the buffer's position.
     *
     * @param offset a multiple of 8
     * @param length a multiple of {@value #STEP_BYTES}
     */
    void fill(StreamState state, ByteBuffer dst, int offset, int length);

    /**
     * Writes {@code value} over {@code dst[offset, offset + length)} through this kernel's own store path, with the
     * random numbers taken out: the ceiling the kernel could reach (a benchmark baseline).
     */
    void fillConstant(ByteBuffer dst, int offset, int length, long value);

    Kernel kind();
}
