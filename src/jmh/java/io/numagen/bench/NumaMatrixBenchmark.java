package io.numagen.bench;

import io.numagen.bench.profile.PlacementProbe;
import io.numagen.bench.run.Combinations;
import io.numagen.bench.run.JvmFlags;
import io.numagen.bench.run.MachineNodes;
import io.numagen.bench.run.ParamValues;
import io.numagen.exec.NumaMode;
import io.numagen.exec.NumaOptions;
import io.numagen.generator.DataGenerator;
import io.numagen.generator.DataStream;
import io.numagen.generator.GeneratorConfig;
import io.numagen.generator.Kernel;
import io.numagen.memory.NativeBuffer;
import io.numagen.metrics.PhaseTimes;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The NUMA factor matrix: every NUMA feature of the generator switched on its own, at 1, half and all allowed CPUs.
 *
 * <ul>
 *   <li>{@code generate}: one-shot into newly mapped memory, so allocation-time placement (first touch, mbind) and
 *       the page faults are part of each op, as for a user calling {@code generate}. The previous op's buffer is
 *       unmapped at the start of the next op (inside the measurement) so the last one can be inspected after the
 *       iteration. With {@code buffer=heap} the op is a new {@code byte[]} (the JVM zeroes it: placement features
 *       do not apply) that the workers fill in parallel through {@code fill(ByteBuffer)}, as they fill native memory:
 *       no stream and no block cache per op.</li>
 *   <li>{@code refill}: the same bytes written again into one buffer that {@code generate} made (faulted in and
 *       placed) at set-up: the write phase alone, no page faults (heap: a {@code byte[]} made once, nothing
 *       allocated per op).</li>
 *   <li>{@code place}: newly mapped memory faulted in and placed by the workers as {@code generate} would, with
 *       nothing generated ({@link DataGenerator#prefault}; unmapped as in {@code generate}): map, bind, first touch
 *       and unmap alone (heap: a new {@code byte[]}, which the JVM allocates and zeroes).</li>
 *   <li>{@code stream}: the whole size read through a {@link DataStream} into one 8 MiB chunk (off-heap: the
 *       generator's placement-aware {@code allocateChunk}; heap: a {@code byte[]}), whole blocks by the workers.</li>
 * </ul>
 * {@code generate} ≈ {@code place} + {@code refill} when faults cost the same in both: with
 * {@link io.numagen.bench.profile.PhaseProfiler} each op's time is split into those phases (see docs/phases.md).
 * Params: {@code threads} (1, half, all or a number), {@code numaMode} (OFF, AUTO, FORCE: AUTO applies nothing on one
 * node, FORCE applies it anyway so its cost shows), {@code pinning} (none, scatter, compact), {@code firstTouch},
 * {@code allocation} (default, bind), {@code dedup}, {@code compress}, {@code size}, {@code kernel} (vector, scalar),
 * {@code buffer} (offheap, heap),
 * {@code jvm} (default, UseNUMA, AlwaysPreTouch, UseNUMA+AlwaysPreTouch: the fork's JVM flags, see {@link JvmFlags}).
 * Invalid combinations (see {@link Combinations}, which also asks {@link NumaOptions}) are skipped by
 * {@link io.numagen.bench.run.MatrixRunner} and fail setup with the reason under plain JMH. Secondary metric
 * {@code bytes} (bytes/s); the off-heap buffer's placement is published to {@code NumaProfiler}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class NumaMatrixBenchmark {
    private static final int STREAM_CHUNK = 8 << 20;

    @Param({"1", "half", "all"})
    public String threads;

    @Param({"OFF", "AUTO", "FORCE"})
    public String numaMode;

    @Param({"none", "scatter", "compact"})
    public String pinning;

    @Param({"false", "true"})
    public String firstTouch;

    @Param({"default", "bind"})
    public String allocation;

    @Param("1")
    public double dedup;

    @Param("1")
    public double compress;

    @Param("64MiB")
    public String size;

    /** The generator's kernel: vector (default), or scalar to measure what SIMD is worth; same bytes either way. */
    @Param("vector")
    public String kernel;

    @Param({"offheap", "heap"})
    public String buffer;

    /**
     * JVM-level NUMA flags of the fork: default, UseNUMA, AlwaysPreTouch, UseNUMA+AlwaysPreTouch ({@link JvmFlags}).
     * Only "default" unless asked for: {@link io.numagen.bench.run.MatrixRunner} adds the flags per value, plain JMH
     * does not (and then fails setup for the others).
     */
    @Param("default")
    public String jvm;

    private DataGenerator generator;
    private long length;
    private boolean heap;
    private volatile NativeBuffer last;
    private DataStream stream;
    private ByteBuffer chunk;
    private NativeBuffer chunkMemory;

    @Setup(Level.Trial)
    public void setUp() {
        Map<String, String> params = Combinations.params("threads", threads, "numaMode", numaMode, "pinning", pinning,
                "firstTouch", firstTouch, "allocation", allocation, "size", size, "buffer", buffer, "jvm", jvm, "kernel", kernel);
        ParamValues.check(params);
        Combinations.check(params, MachineNodes.current());
        JvmFlags.check(jvm);
        length = BenchSupport.size(size);
        heap = buffer.trim().equalsIgnoreCase("heap");
        NumaOptions numa = new NumaOptions(NumaMode.parse(numaMode), pinning, Boolean.parseBoolean(firstTouch),
                allocation.trim().equalsIgnoreCase("bind"));
        GeneratorConfig config = new GeneratorConfig(GeneratorConfig.DEFAULT_BLOCK_SIZE, dedup, compress, 42);
        generator = DataGenerator.create(config, BenchSupport.threads(threads), numa, Kernel.parse(kernel));
        stream = generator.stream(length);
        if (heap) {
            chunk = ByteBuffer.allocate(STREAM_CHUNK);
        } else {
            chunkMemory = generator.allocateChunk(STREAM_CHUNK);
            chunk = chunkMemory.slice(0, STREAM_CHUNK);
            PlacementProbe.publish(this::placement);
        }
    }

    @Benchmark
    public Object generate(BytesCounter counter) {
        counter.bytes += length;
        if (heap) {
            return fillByWorkers(ByteBuffer.wrap(new byte[(int) length]));
        }
        unmapLast();
        last = generator.generate(length);
        return last;
    }

    /** The heap path: the workers write the array, as they write native memory. */
    private ByteBuffer fillByWorkers(ByteBuffer array) {
        generator.fill(array);
        return array;
    }

    /** Unmaps the previous op's buffer before the next is mapped, so the two never hold memory at once. */
    private void unmapLast() {
        NativeBuffer previous = last;
        if (previous != null) {
            previous.close();
        }
    }

    /** A buffer (or array) filled once at set-up, for {@code refill}: only that benchmark pays for making it. */
    @State(Scope.Benchmark)
    public static class Filled {
        private NativeBuffer memory;
        private ByteBuffer array;

        @Setup(Level.Trial)
        public void fill(NumaMatrixBenchmark b) {
            if (b.heap) {
                array = b.fillByWorkers(ByteBuffer.wrap(new byte[(int) b.length]));
            } else {
                memory = b.generator.generate(b.length);
            }
        }

        @TearDown(Level.Trial)
        public void release() {
            PhaseTimes.record(false);
            if (memory != null) {
                memory.close();
                memory = null;
            }
        }
    }

    @Benchmark
    public Object refill(Filled filled, BytesCounter counter) {
        counter.bytes += length;
        if (heap) {
            return fillByWorkers(filled.array);
        }
        generator.fill(filled.memory, 0);
        return filled.memory;
    }

    @Benchmark
    public Object place(BytesCounter counter) {
        counter.bytes += length;
        if (heap) {
            return new byte[(int) length];
        }
        unmapLast();
        last = generator.prefault(length);
        return last;
    }

    @Benchmark
    public void stream(BytesCounter counter) {
        stream.reset();
        while (stream.hasRemaining()) {
            chunk.clear();
            stream.fill(chunk);
        }
        counter.bytes += length;
    }

    /** Pages per node of the last generated buffer (or of the stream chunk when only streaming ran). */
    private Map<Integer, Long> placement() {
        NativeBuffer b = last != null ? last : chunkMemory;
        return PlacementProbe.pagesPerNode(generator.placement(b));
    }

    @TearDown(Level.Iteration)
    public void capturePlacement() {
        PlacementProbe.capture();
    }

    /** Runs inside the last iteration: recording stops first so its unmaps are not counted as that iteration's. */
    @TearDown(Level.Trial)
    public void tearDown() {
        PhaseTimes.record(false);
        PlacementProbe.clear();
        if (last != null) {
            last.close();
            last = null;
        }
        if (chunkMemory != null) {
            chunkMemory.close();
        }
        if (generator != null) {
            generator.close();
        }
    }
}
