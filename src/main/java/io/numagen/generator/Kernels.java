package io.numagen.generator;

import io.numagen.memory.NativeBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;

/**
 * Makes kernels, and keeps the Vector API out of reach where its module is not resolved: {@link VectorKernel} is only
 * loaded once {@link #vectorUnavailable()} said it may be.
 *
 * <p>Warm-up: until C2 compiles it, Vector API code runs boxed in the interpreter at about 0.1 GB/s, so a 4 GiB run
 * would spend its first seconds there. A generator that uses the vector kernel warms it once per JVM before it does
 * any work (so before a caller's clock starts): it fills a small buffer until it runs at compiled speed.
 */
final class Kernels {
    private static final String MODULE = "jdk.incubator.vector";
    /** Why the vector kernel cannot run, or null; decided once. */
    private static final String VECTOR_UNAVAILABLE = probeVector();

    /** The warm-up buffer: 64 KiB stays in L2, so its speed is the kernel's, not memory's. */
    private static final int WARM_BYTES = 64 << 10;
    /** Compiled code fills it in a few microseconds, the interpreter in about a millisecond. */
    private static final long COMPILED_NANOS_PER_FILL = 40_000;
    private static final int FAST_FILLS_IN_A_ROW = 20;
    private static final long WARM_LIMIT_NANOS = 10_000_000_000L;
    private static volatile Warmup warmup;

    private Kernels() {
    }

    /** How the vector kernel warm-up went: CPU time it took and whether compiled speed was reached. */
    record Warmup(long nanos, boolean reached) {
    }

    static String vectorUnavailable() {
        return VECTOR_UNAVAILABLE;
    }

    static String vectorShape() {
        return VECTOR_UNAVAILABLE == null ? VectorKernel.shape() : "unavailable";
    }

    /** A new kernel of the given kind for one worker. */
    static RandomKernel create(Kernel kind) {
        if (kind == Kernel.SCALAR) {
            return new ScalarKernel();
        }
        if (VECTOR_UNAVAILABLE != null) {
            throw new IllegalArgumentException("the vector kernel cannot run here: " + VECTOR_UNAVAILABLE);
        }
        return new VectorKernel();
    }

    /** Warms the vector kernel once per JVM; later calls return the first warm-up's outcome. */
    static synchronized Warmup warmVector() {
        if (warmup == null) {
            warmup = runWarmup(create(Kernel.VECTOR));
        }
        return warmup;
    }

    private static Warmup runWarmup(RandomKernel kernel) {
        // The same kind of memory the generator writes: code compiled for another buffer class is thrown away
        // (deoptimised) at its first generator call, costing a second warm-up in the timed run.
        try (NativeBuffer memory = NativeBuffer.allocate(WARM_BYTES)) {
            return runWarmup(kernel, memory.slice(0, WARM_BYTES));
        }
    }

    private static Warmup runWarmup(RandomKernel kernel, ByteBuffer scratch) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        // CPU time, not wall time: a busy machine must not make a compiled kernel look slow.
        boolean cpuClock = cpu.isCurrentThreadCpuTimeSupported();
        StreamState state = new StreamState();
        state.seed(0);
        long start = now(cpu, cpuClock);
        int fastInARow = 0;
        long t = start;
        while (fastInARow < FAST_FILLS_IN_A_ROW && t - start < WARM_LIMIT_NANOS) {
            kernel.fill(state, scratch, 0, WARM_BYTES);
            long after = now(cpu, cpuClock);
            fastInARow = after - t <= COMPILED_NANOS_PER_FILL ? fastInARow + 1 : 0;
            t = after;
        }
        return new Warmup(t - start, fastInARow >= FAST_FILLS_IN_A_ROW);
    }

    private static long now(ThreadMXBean cpu, boolean cpuClock) {
        return cpuClock ? cpu.getCurrentThreadCpuTime() : System.nanoTime();
    }

    private static String probeVector() {
        if (ModuleLayer.boot().findModule(MODULE).isEmpty()) {
            return MODULE + " is not resolved (run java with --add-modules " + MODULE + ")";
        }
        try {
            return VectorKernel.unsuitable();
        } catch (LinkageError e) {
            return MODULE + " failed to load: " + e;
        }
    }
}
