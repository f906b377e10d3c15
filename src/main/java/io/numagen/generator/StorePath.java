package io.numagen.generator;

import java.nio.ByteBuffer;

/**
 * A kernel's store path with the random numbers taken out, for benchmarks: what the generator would reach if
 * computing the bytes were free. One per thread.
 */
public final class StorePath {
    private final RandomKernel kernel;

    private StorePath(RandomKernel kernel) {
        this.kernel = kernel;
    }

    /**
     * @throws IllegalArgumentException if the kernel cannot run in this JVM (with the reason)
     */
    public static StorePath of(Kernel kind) {
        return new StorePath(Kernels.create(kind));
    }

    /** Writes {@code value} over {@code dst[0, length)}, {@code length} a multiple of 64. */
    public void write(ByteBuffer dst, int length, long value) {
        kernel.fillConstant(dst, 0, length, value);
    }
}
