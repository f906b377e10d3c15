package io.numagen.bench;

import io.numagen.bench.run.Combinations;
import io.numagen.bench.run.ParamValues;
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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Generator throughput (secondary metric {@code bytes}, bytes/s) into an already mapped off-heap buffer of the same
 * size and allocation as {@link BaselineBenchmark}'s, one-shot, through a stream read in chunks, and piped through a
 * ring of chunk buffers as {@code numagen generate} streams (its output taking each chunk at no cost, as /dev/null). {@code kernel}
 * (scalar, vector) makes the vector kernel's gain measurable; the bytes are the same.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class GeneratorBenchmark {
    /** Stream chunk: large enough that per-chunk work is noise, small enough to be a realistic I/O size. */
    private static final int STREAM_CHUNK = 8 << 20;

    @Param({"8MiB", "256MiB"})
    public String size;

    @Param({"1", "max"})
    public String threads;

    @Param({"1", "2"})
    public double dedup;

    @Param({"1", "2", "4"})
    public double compress;

    @Param("vector")
    public String kernel;

    private DataGenerator generator;
    private NativeBuffer buffer;
    private DataStream stream;
    private ByteBuffer chunk;
    private List<NativeBuffer> ring;
    private long length;

    @Setup(Level.Trial)
    public void setUp() {
        ParamValues.check(Combinations.params("size", size, "threads", threads, "kernel", kernel));
        length = BenchSupport.size(size);
        GeneratorConfig config = new GeneratorConfig(GeneratorConfig.DEFAULT_BLOCK_SIZE, dedup, compress, 42);
        generator = DataGenerator.create(config, BenchSupport.threads(threads), NumaOptions.auto(),
                Kernel.parse(kernel));
        buffer = generator.generate(length);
        stream = generator.stream(length);
        chunk = ByteBuffer.allocateDirect(STREAM_CHUNK);
        // The ring numagen generate streams through by default.
        ring = generator.allocateRing(Math.min(length, DataGenerator.RING_CHUNK_PER_THREAD * generator.threads()));
    }

    /** Runs inside the last iteration: recording stops first so its unmap is not counted as that iteration's. */
    @TearDown(Level.Trial)
    public void tearDown() {
        PhaseTimes.record(false);
        generator.close();
        buffer.close();
        ring.forEach(NativeBuffer::close);
    }

    @Benchmark
    public void oneShot(BytesCounter counter) {
        generator.fill(buffer, 0);
        counter.bytes += length;
    }

    @Benchmark
    public void streaming(BytesCounter counter) {
        stream.reset();
        while (stream.hasRemaining()) {
            chunk.clear();
            stream.fill(chunk);
        }
        counter.bytes += length;
    }

    @Benchmark
    public void piped(BytesCounter counter) throws IOException {
        counter.bytes += stream.reset().pipe(ring, length, taken -> { });
    }
}
