package io.numagen.bench;

import io.numagen.bench.run.Combinations;
import io.numagen.bench.run.ParamValues;
import io.numagen.exec.WorkerPool;
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

import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The references every generator score is divided by, measured in the same run on the same buffer size and thread
 * count: memset (the machine's write bandwidth), a store loop of constant longs (the generator's store path without
 * the random numbers) and what a Java user gets without numagen (SplittableRandom.nextBytes into an array, copied
 * into the buffer).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = "--enable-native-access=ALL-UNNAMED")
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class BaselineBenchmark {
    /** Chunk a naive user fills with nextBytes before copying. */
    private static final int NAIVE_CHUNK = 1 << 20;

    @Param("256MiB")
    public String size;

    @Param({"1", "max"})
    public String threads;

    private WorkerPool pool;
    private NativeBuffer buffer;
    private long length;
    private byte[][] naiveChunks;
    private SplittableRandom[] naiveRandoms;

    @Setup(Level.Trial)
    public void setUp() {
        ParamValues.check(Combinations.params("size", size, "threads", threads));
        length = BenchSupport.size(size);
        pool = new WorkerPool(BenchSupport.threads(threads), "baseline-worker");
        buffer = NativeBuffer.allocate(length);
        naiveChunks = new byte[pool.size()][NAIVE_CHUNK];
        naiveRandoms = new SplittableRandom[pool.size()];
        SplittableRandom root = new SplittableRandom(42);
        for (int i = 0; i < pool.size(); i++) {
            naiveRandoms[i] = root.split();
        }
        // Map every page once so all baselines, like the generator, measure writes, not page faults.
        fill();
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

    /** putLong of a constant over each share: the generator's store path with the random numbers taken out. */
    @Benchmark
    public void storeLongs(BytesCounter counter) {
        int n = pool.size();
        pool.run(w -> {
            long from = share(w, n);
            long to = share(w + 1, n);
            for (long run = from; run < to; run += NativeBuffer.MAX_SLICE & ~7L) {
                int len = (int) Math.min(to - run, NativeBuffer.MAX_SLICE & ~7L);
                ByteBuffer b = buffer.slice(run, len);
                long v = 0x5555_5555_5555_5555L + w;
                for (int p = 0; p + 8 <= len; p += 8) {
                    b.putLong(p, v);
                }
            }
        });
        counter.bytes += length;
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
