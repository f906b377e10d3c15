package io.numagen.bench;

import io.numagen.bench.run.Combinations;
import io.numagen.bench.run.ParamValues;
import io.numagen.exec.WorkerPool;
import io.numagen.generator.DataGenerator;
import io.numagen.generator.GeneratorConfig;
import io.numagen.generator.Kernel;
import io.numagen.generator.StorePath;
import io.numagen.generator.WorkSplit;
import io.numagen.memory.NativeBuffer;
import io.numagen.nativeio.NativeMemory;
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

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The references every generator score is divided by, measured in the same run on the same buffer size and thread
 * count, in memory obtained exactly as the generator's (its own allocation: alignment, MADV_HUGEPAGE, placement, and
 * written once so pages are mapped): memset (the machine's write bandwidth), each kernel's store path with the
 * random numbers taken out (constant longs through the scalar kernel's bulk puts, constant vectors through the
 * vector kernel's stores: the SIMD ceiling), and what a Java user gets without numagen (SplittableRandom.nextBytes
 * into an array, copied into the buffer). Sizes: 8 MiB stays in the last-level cache when reused (what peers
 * usually publish), 256 MiB is DRAM-resident.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class BaselineBenchmark {
    /** Store runs: whole shares up to 1 GiB (shares are whole MiB, so runs are whole vectors). */
    private static final int MAX_RUN = 1 << 30;
    /** Chunk a naive user fills with nextBytes before copying. */
    private static final int NAIVE_CHUNK = 1 << 20;

    @Param({"8MiB", "256MiB"})
    public String size;

    @Param({"1", "max"})
    public String threads;

    private WorkerPool pool;
    private NativeBuffer buffer;
    private StorePath[] scalarStores;
    private StorePath[] vectorStores;
    private long length;
    private byte[][] naiveChunks;
    private SplittableRandom[] naiveRandoms;

    @Setup(Level.Trial)
    public void setUp() {
        ParamValues.check(Combinations.params("size", size, "threads", threads));
        length = BenchSupport.size(size);
        int workers = BenchSupport.threads(threads);
        pool = new WorkerPool(workers, "baseline-worker");
        try (DataGenerator memorySource = DataGenerator.create(GeneratorConfig.of(42), workers)) {
            // The generator's own allocation, placed and written by workers like GeneratorBenchmark's buffer.
            buffer = memorySource.generate(length);
        }
        scalarStores = new StorePath[workers];
        vectorStores = new StorePath[workers];
        for (int w = 0; w < workers; w++) {
            scalarStores[w] = StorePath.of(Kernel.SCALAR);
            vectorStores[w] = Kernel.VECTOR.unavailable() == null ? StorePath.of(Kernel.VECTOR) : null;
        }
        naiveChunks = new byte[pool.size()][NAIVE_CHUNK];
        naiveRandoms = new SplittableRandom[pool.size()];
        SplittableRandom root = new SplittableRandom(42);
        for (int i = 0; i < pool.size(); i++) {
            naiveRandoms[i] = root.split();
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        pool.close();
        buffer.close();
    }

    /** libc memset over each worker's share: the physical write limit. */
    @Benchmark
    public void fill(BytesCounter counter) {
        fill();
        counter.bytes += length;
    }

    private void fill() {
        int n = pool.size();
        pool.run(w -> {
            long from = share(w, n);
            NativeMemory.fill(buffer.address() + from, share(w + 1, n) - from, (byte) w);
        });
    }

    /** Constant longs through the scalar kernel's store path (bulk puts from a long[]): its ceiling. */
    @Benchmark
    public void storeLongs(BytesCounter counter) {
        storeConstants(scalarStores);
        counter.bytes += length;
    }

    /** Constant vectors through the vector kernel's stores: the SIMD ceiling. */
    @Benchmark
    public void storeVectors(BytesCounter counter) {
        if (vectorStores[0] == null) {
            throw new IllegalStateException("storeVectors skipped: " + Kernel.VECTOR.unavailable());
        }
        storeConstants(vectorStores);
        counter.bytes += length;
    }

    private void storeConstants(StorePath[] stores) {
        int n = pool.size();
        pool.run(w -> {
            long from = share(w, n);
            long to = share(w + 1, n);
            for (long run = from; run < to; run += MAX_RUN) {
                int len = (int) Math.min(to - run, MAX_RUN);
                stores[w].write(buffer.slice(run, len), len, 0x5555_5555_5555_5555L + w);
            }
        });
    }

    /** What a Java user writes without numagen: SplittableRandom.nextBytes into an array, then a bulk put. */
    @Benchmark
    public void naiveRandom(BytesCounter counter) {
        int n = pool.size();
        pool.run(w -> {
            long from = share(w, n);
            long to = share(w + 1, n);
            byte[] chunk = naiveChunks[w];
            SplittableRandom random = naiveRandoms[w];
            for (long pos = from; pos < to; pos += NAIVE_CHUNK) {
                int len = (int) Math.min(NAIVE_CHUNK, to - pos);
                random.nextBytes(chunk);
                buffer.slice(pos, len).put(chunk, 0, len);
            }
        });
        counter.bytes += length;
    }

    private long share(int worker, int workers) {
        return WorkSplit.boundary(0, length, 1 << 20, workers, worker);
    }
}
