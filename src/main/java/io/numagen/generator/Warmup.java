package io.numagen.generator;

import io.numagen.memory.NativeBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;

/**
 * Compiles the vector kernel's code paths before a caller's clock starts. Until C2 compiles it, Vector API code runs
 * boxed in the interpreter at about 0.1 GB/s, and a compressible block's loop of literal runs and copies has to be
 * compiled around the kernel too (without it, a 4 GiB run at compress 3 spent its first 1.5 s below 2 GB/s). So a
 * generator that uses the vector kernel first writes 64 KiB blocks, incompressible and, if its own blocks are
 * compressible, compressible ones, until they run at compiled speed: once per JVM and path.
 */
final class Warmup {
    /** 64 KiB stays in L2, so the speed is the code's, not memory's. */
    private static final int BLOCK = 64 << 10;
    /** Compiled code writes the block in 2-8 µs (either path), the interpreter in 0.3-3 ms. */
    private static final long COMPILED_NANOS_PER_BLOCK = 40_000;
    private static final int FAST_BLOCKS_IN_A_ROW = 20;
    private static final long LIMIT_NANOS = 10_000_000_000L;
    /** The ratio the compressible path is warmed at: any ratio runs the same code. */
    private static final double COMPRESSIBLE = 3;

    private static Outcome incompressible;
    private static Outcome compressible;

    private Warmup() {
    }

    /** How a warm-up went: the CPU time it took and whether compiled speed was reached within its limit. */
    record Outcome(long nanos, boolean reached) {
        Outcome plus(Outcome other) {
            return new Outcome(nanos + other.nanos, reached && other.reached);
        }
    }

    /**
     * Warms the vector kernel's paths a generator of {@code config} runs; later calls return the first warm-ups'
     * outcome (the paths' CPU time summed).
     *
     * @throws IllegalArgumentException if the vector kernel cannot run in this JVM (with the reason)
     */
    static synchronized Outcome vector(GeneratorConfig config) {
        if (incompressible == null) {
            incompressible = run(1);
        }
        if (config.compressRatio() == 1) {
            return incompressible;
        }
        if (compressible == null) {
            compressible = run(COMPRESSIBLE);
        }
        return incompressible.plus(compressible);
    }

    private static Outcome run(double compressRatio) {
        BlockWriter writer = new BlockWriter(new GeneratorConfig(BLOCK, 1, compressRatio, 0), Kernel.VECTOR);
        // The same kind of memory the generator writes: code compiled for another buffer class is thrown away
        // (deoptimised) at its first generator call, costing a second warm-up in the timed run.
        try (NativeBuffer memory = NativeBuffer.allocate(BLOCK)) {
            return run(writer, memory.slice(0, BLOCK));
        }
    }

    private static Outcome run(BlockWriter writer, ByteBuffer block) {
        ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
        // CPU time, not wall time: a busy machine must not make compiled code look slow.
        boolean cpuClock = cpu.isCurrentThreadCpuTimeSupported();
        long start = now(cpu, cpuClock);
        int fastInARow = 0;
        long t = start;
        for (long content = 0; fastInARow < FAST_BLOCKS_IN_A_ROW && t - start < LIMIT_NANOS; content++) {
            writer.write(block, 0, content);
            long after = now(cpu, cpuClock);
            fastInARow = after - t <= COMPILED_NANOS_PER_BLOCK ? fastInARow + 1 : 0;
            t = after;
        }
        return new Outcome(t - start, fastInARow >= FAST_BLOCKS_IN_A_ROW);
    }

    private static long now(ThreadMXBean cpu, boolean cpuClock) {
        return cpuClock ? cpu.getCurrentThreadCpuTime() : System.nanoTime();
    }
}
