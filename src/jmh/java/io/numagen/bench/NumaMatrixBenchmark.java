package io.numagen.bench;

import io.numagen.bench.profile.PlacementProbe;
import io.numagen.bench.run.Combinations;
import io.numagen.bench.run.JvmFlags;
import io.numagen.bench.run.MachineNodes;
import io.numagen.exec.NumaMode;
import io.numagen.exec.NumaOptions;
import io.numagen.generator.DataGenerator;
import io.numagen.generator.DataStream;
import io.numagen.generator.GeneratorConfig;
import io.numagen.memory.NativeBuffer;
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
 *       iteration. With {@code buffer=heap} the op fills one {@code byte[]} of that size, made at setup, through
 *       {@code fill(ByteBuffer)}: the workers write it in parallel as they write native memory, and nothing is
 *       allocated per op (placement features do not apply: the JVM zeroed, so placed, the array).</li>
 *   <li>{@code stream}: the whole size read through a {@link DataStream} into one 8 MiB chunk (off-heap: the
 *       generator's placement-aware {@code allocateChunk}; heap: a {@code byte[]}), whole blocks by the workers.</li>
 * </ul>
 * Params: {@code threads} (1, half, all or a number), {@code numaMode} (OFF, AUTO, FORCE: AUTO applies nothing on one
 * node, FORCE applies it anyway so its cost shows), {@code pinning} (none, scatter, compact), {@code firstTouch},
 * {@code allocation} (default, bind), {@code dedup}, {@code compress}, {@code size}, {@code buffer} (offheap, heap),
 * {@code jvm} (default, UseNUMA, AlwaysPreTouch, UseNUMA+AlwaysPreTouch: the fork's JVM flags, see {@link JvmFlags}).
 * Invalid combinations (see {@link Combinations}, which also asks {@link NumaOptions}) are skipped by
 * {@link io.numagen.bench.run.MatrixRunner} and fail setup with the reason under plain JMH. Secondary metric
 * {@code bytes} (bytes/s); the off-heap buffer's placement is published to {@code NumaProfiler}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
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
    /** The heap op's target, reused: a caller's array. */
    private ByteBuffer heapTarget;
    private volatile NativeBuffer last;
    private DataStream stream;
    private ByteBuffer chunk;
    private NativeBuffer chunkMemory;

    @Setup(Level.Trial)
    public void setUp() {
        Map<String, String> params = Combinations.params("threads", threads, "numaMode", numaMode, "pinning", pinning,
                "firstTouch", firstTouch, "allocation", allocation, "size", size, "buffer", buffer);
        Combinations.check(params, MachineNodes.current());
        JvmFlags.check(jvm);
        length = BenchSupport.size(size);
        heap = buffer.trim().equalsIgnoreCase("heap");
        NumaOptions numa = new NumaOptions(NumaMode.parse(numaMode), pinning, Boolean.parseBoolean(firstTouch),
                allocation.trim().equalsIgnoreCase("bind"));
        GeneratorConfig config = new GeneratorConfig(GeneratorConfig.DEFAULT_BLOCK_SIZE, dedup, compress, 42);
        generator = DataGenerator.create(config, BenchSupport.threads(threads), numa);
        stream = generator.stream(length);
        if (heap) {
            chunk = ByteBuffer.allocate(STREAM_CHUNK);
            heapTarget = ByteBuffer.wrap(new byte[(int) length]);
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
            generator.fill(heapTarget);
            return heapTarget;
        }
        NativeBuffer previous = last;
        if (previous != null) {
            previous.close();
        }
        last = generator.generate(length);
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

    @TearDown(Level.Trial)
    public void tearDown() {
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
