package io.numagen.generator;

import io.numagen.exec.ChunkRing;
import io.numagen.exec.NumaOptions;
import io.numagen.exec.NumaPlan;
import io.numagen.exec.WorkerLocation;
import io.numagen.exec.WorkerPool;
import io.numagen.memory.FirstTouch;
import io.numagen.memory.NativeBuffer;
import io.numagen.memory.NodeBinding;
import io.numagen.memory.PagePlacement;
import io.numagen.memory.PlacementReport;
import io.numagen.memory.WriterRange;
import io.numagen.metrics.Phase;
import io.numagen.metrics.PhaseClock;
import io.numagen.metrics.PhaseTimes;
import io.numagen.nativeio.CpuLocation;
import io.numagen.nativeio.NativeResult;
import io.numagen.nativeio.NumaPlatform;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The generator: writes the output stream defined by a {@link GeneratorConfig} into native memory with a reusable
 * pool of workers. Byte {@code i} of the output depends only on the config, so a one-shot buffer, a caller's buffer
 * and a {@link DataStream} read in any chunks all hold the same bytes.
 *
 * <p>Each call splits its range with {@link WorkSplit}; worker {@code w} always writes share {@code w}, so placement
 * decided per worker holds for the pages it writes. The {@link NumaPlan} says what placement applies: workers pinned
 * at start, and for newly allocated memory each worker binds and/or first-touches its own share before writing it.
 */
public final class DataGenerator implements AutoCloseable {
    /** The most bytes one ByteBuffer slice covers while writing; whole blocks always fit. */
    private static final long RUN_BYTES = 1L << 30;
    /**
     * Buffers in a stream ring ({@link #allocateRing}, {@link DataStream#pipe}): while the output takes one chunk the
     * workers fill the others, so neither waits for the other unless it is the slower one. Two left the workers
     * waiting now and then when one of them fell behind (2 threads into /dev/null: 20-26 against 27 GB/s at dedup 2
     * compress 3); four gained nothing over three.
     */
    public static final int RING_BUFFERS = 3;
    /**
     * The ring chunk {@code numagen generate} uses per worker: the ring's chunks stay in the last-level cache until
     * written out, so generation runs at cache speed (64 MiB chunks, DRAM-sized, ran at about 0.6x of 4 MiB ones into
     * /dev/null). As the workers wait for no hand-off per chunk, a chunk need not be long to hide one: 4 MiB per
     * thread matched or beat 8 (2 threads, dedup 2 compress 3, 8 GiB: 32-33 against 28-30 GB/s).
     */
    public static final long RING_CHUNK_PER_THREAD = 4L << 20;

    private static final CpuLocation UNKNOWN_LOCATION = new CpuLocation(-1, WriterRange.UNKNOWN_NODE);

    private final GeneratorConfig config;
    private final NumaPlatform platform;
    private final DedupLayout layout;
    private final NumaPlan numa;
    private final long pageSize;
    /** Worker shares are whole multiples of this: whole blocks and whole placement units (huge pages). */
    private final long granule;
    private final WorkerPool pool;
    private final boolean ownsPool;
    /** The node each worker last ran on (getcpu at the start of each job), -1 where unknown. */
    private final int[] workerNodes;
    /** Who wrote which bytes in the last job, for placement reports. */
    private List<WriterRange> lastWriters = List.of();
    private final Kernel kernel;
    private final BlockWriter[] writers;
    /** Per-worker block buffers for blocks only partly inside a range; made on first need. */
    private final ByteBuffer[] partialBlocks;

    private DataGenerator(GeneratorConfig config, Kernel kernel, NumaPlatform platform, NumaPlan numa,
                          WorkerPool pool, boolean ownsPool) {
        this.config = config;
        this.kernel = kernel;
        this.platform = platform;
        this.layout = new DedupLayout(config.dedupRatio(), config.seed());
        this.numa = numa;
        this.pageSize = platform.pageSize();
        this.granule = WorkSplit.granule(config.blockSize(), numa.touchUnit());
        this.pool = pool;
        this.ownsPool = ownsPool;
        this.workerNodes = new int[pool.size()];
        this.writers = new BlockWriter[pool.size()];
        this.partialBlocks = new ByteBuffer[pool.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = new BlockWriter(config, kernel);
        }
    }

    /**
     * The default worker count: the CPUs this process may run on (affinity and cgroup cpuset), which can be fewer
     * than the machine's.
     */
    public static int defaultThreads() {
        return Math.max(1, NumaPlatform.live().topology().allowedCpus().size());
    }

    /** A generator with its own pool of {@code threads} workers and NUMA mode auto, closed with it. */
    public static DataGenerator create(GeneratorConfig config, int threads) {
        return create(config, threads, NumaOptions.auto());
    }

    /** As {@link #create(GeneratorConfig, int, NumaOptions, Kernel)} with the best kernel this JVM can run. */
    public static DataGenerator create(GeneratorConfig config, int threads, NumaOptions numa) {
        return create(config, threads, numa, Kernel.best());
    }

    /**
     * A generator with its own pool of {@code threads} workers placed as {@code numa} resolves on this machine.
     *
     * The vector kernel's paths for this config are warmed up here, once per JVM, so a caller's clock started after
     * this call sees compiled speed from the first byte.
     *
     * @throws IllegalArgumentException if {@code kernel} cannot run in this JVM (with the reason)
     * @throws IllegalStateException if pinning was asked for and a worker could not be pinned (with the reason)
     */
    public static DataGenerator create(GeneratorConfig config, int threads, NumaOptions numa, Kernel kernel) {
        return create(config, threads, numa, kernel, NumaPlatform.live());
    }

    /** Like {@link #create(GeneratorConfig, int, NumaOptions, Kernel)} on the machine {@code platform} stands for. */
    public static DataGenerator create(GeneratorConfig config, int threads, NumaOptions numa, Kernel kernel,
                                       NumaPlatform platform) {
        if (kernel == Kernel.VECTOR) {
            // Also refuses, with the reason, a vector kernel this JVM cannot run (Kernels.create).
            Warmup.vector(config);
        }
        NumaPlan plan = NumaPlan.resolve(numa, platform.topology(), threads, platform.pageSize());
        WorkerPool.WorkerStart start = plan.cpus()
                .<WorkerPool.WorkerStart>map(cpus -> w -> platform.pin(List.of(cpus.cpuOf(w))).orThrow())
                .orElse(w -> { });
        return new DataGenerator(config, kernel, platform, plan, new WorkerPool(threads, "numagen-worker", start),
                true);
    }

    /** Asks every worker where it runs now and which CPUs it may run on (pinning made observable). */
    public List<WorkerLocation> workerLocations() {
        WorkerLocation[] found = new WorkerLocation[pool.size()];
        pool.run(w -> {
            CpuLocation at = platform.location().orElse(UNKNOWN_LOCATION);
            found[w] = new WorkerLocation(w, at.cpu(), at.node(), platform.allowedCpus().orElse(List.of()));
        });
        return List.of(found);
    }

    /** What NUMA placement this generator applies, and what it skipped and why. */
    public NumaPlan numaPlan() {
        return numa;
    }

    public GeneratorConfig config() {
        return config;
    }

    /** The kernel computing the random bytes (the bytes do not depend on it). */
    public Kernel kernel() {
        return kernel;
    }

    /**
     * How long the once-per-JVM warm-up of the vector kernel's paths this generator runs took (CPU nanoseconds), or -1
     * where it runs the scalar kernel; negative too if compiled speed was not reached within its time limit (then
     * minus the time).
     */
    public long kernelWarmupNanos() {
        if (kernel != Kernel.VECTOR) {
            return -1;
        }
        Warmup.Outcome w = Warmup.vector(config);
        return w.reached() ? w.nanos() : -w.nanos();
    }

    public int threads() {
        return pool.size();
    }

    /**
     * The first {@code size} bytes of the output in newly mapped native memory (any size, beyond 2 GiB too). Each
     * worker binds and/or first-touches its share first where the NUMA plan says so.
     */
    public NativeBuffer generate(long size) {
        return allocate(size, true, false);
    }

    /**
     * Newly mapped memory of {@code size} bytes with every page faulted in by the worker that would write it, placed
     * as the NUMA plan says, and nothing generated: what {@link #generate} pays before writing. Pages a plan without
     * first touch would leave to the writes are touched by the same workers the writes would come from.
     */
    public NativeBuffer prefault(long size) {
        return allocate(size, false, true);
    }

    /**
     * Native memory for stream chunks of {@code size} bytes read at block-aligned positions: each worker binds and/or
     * first-touches the share it will write in every chunk, so a worker on node N fills memory on node N.
     */
    public NativeBuffer allocateChunk(long size) {
        return allocate(size, false, false);
    }

    /**
     * {@value #RING_BUFFERS} chunk buffers of {@code size} bytes each for {@link DataStream#pipe}, placed as
     * {@link #allocateChunk} places one; the caller closes them.
     */
    public List<NativeBuffer> allocateRing(long size) {
        List<NativeBuffer> ring = new ArrayList<>(RING_BUFFERS);
        try {
            for (int i = 0; i < RING_BUFFERS; i++) {
                ring.add(allocateChunk(size));
            }
        } catch (RuntimeException e) {
            ring.forEach(NativeBuffer::close);
            throw e;
        }
        return List.copyOf(ring);
    }

    private NativeBuffer allocate(long size, boolean write, boolean touchAll) {
        boolean huge = numa.touchUnit() > pageSize && size >= numa.touchUnit();
        NativeBuffer buffer = NativeBuffer.allocate(platform, size, huge ? numa.touchUnit() : pageSize);
        try {
            if (huge) {
                // One fault per 2 MiB instead of per 4 KiB: page faults, not stores, bound writing fresh memory.
                platform.adviseHugePages(buffer.address(), size, true).orThrow();
            }
            run(buffer, 0, size, true, touchAll, write);
        } catch (RuntimeException e) {
            buffer.close();
            throw e;
        }
        return buffer;
    }

    /**
     * Which node holds each page of {@code buffer} and how much is local to the worker that wrote it, for a buffer
     * this generator filled last.
     */
    public NativeResult<PlacementReport> placement(NativeBuffer buffer) {
        return PagePlacement.query(buffer, pageSize, lastWriters);
    }

    /** Fills all of {@code target} with output bytes {@code [streamOffset, streamOffset + target.length())}. */
    public void fill(NativeBuffer target, long streamOffset) {
        if (streamOffset < 0) {
            throw new IllegalArgumentException("stream offset must be ≥ 0, got " + streamOffset);
        }
        fillRange(target, streamOffset, streamOffset + target.length());
    }

    /**
     * Zero-copy fill of a caller's buffer (direct or heap) from its position to its limit with the output's first
     * bytes, by the workers. The buffer's position is not moved.
     *
     * @throws IllegalArgumentException if the buffer is read-only or has nothing remaining
     */
    public void fill(ByteBuffer direct) {
        fill(NativeBuffer.wrap(direct), 0);
    }

    /**
     * Zero-copy fill of exactly {@code size} bytes at the buffer's position.
     *
     * @throws IllegalArgumentException if the buffer has fewer than {@code size} bytes remaining
     */
    public void fill(ByteBuffer direct, long size) {
        if (size < 1 || size > direct.remaining()) {
            throw new IllegalArgumentException("fill size must be from 1 to the buffer's " + direct.remaining()
                    + " remaining bytes, got " + size);
        }
        fill(NativeBuffer.wrap(direct.duplicate().limit(direct.position() + (int) size)), 0);
    }

    /** A stream over the first {@code size} bytes of the output, read in chunks of any size with constant memory. */
    public DataStream stream(long size) {
        return new DataStream(this, size);
    }

    /** Writes output bytes {@code [from, to)} into {@code target} (which holds exactly those bytes), in parallel. */
    void fillRange(NativeBuffer target, long from, long to) {
        run(target, from, to, false, false, true);
    }

    /**
     * One job over {@code [from, to)}: every worker notes its node, then on its own share binds and first-touches
     * (if {@code place} and the plan says so, or {@code touchAll}) and writes (if {@code write}).
     */
    private void run(NativeBuffer target, long from, long to, boolean place, boolean touchAll, boolean write) {
        long[] bounds = split(from, to);
        pool.run(w -> {
            workerNodes[w] = platform.location().orElse(UNKNOWN_LOCATION).node();
            if (place) {
                place(w, target, bounds[w] - from, bounds[w + 1] - bounds[w], touchAll);
            }
            if (write) {
                writeShare(w, target, from, bounds[w], bounds[w + 1]);
            }
        });
        lastWriters = writerRanges(bounds);
    }

    /**
     * Output bytes {@code [from, to)} in chunks as long as the ring's buffers (the last one shorter), chunk k written
     * into buffer {@code k % ring.size()} by all workers, each its usual share, and handed to {@code sink} in order on
     * the calling thread while the workers go on with the next chunks (see {@link ChunkRing}).
     *
     * @throws IOException as the sink threw it, once the workers have stopped
     */
    void pipe(List<NativeBuffer> ring, long from, long to, DataStream.ChunkSink sink) throws IOException {
        long chunk = ring.get(0).length();
        for (NativeBuffer b : ring) {
            if (b.length() != chunk || chunk > NativeBuffer.MAX_SLICE) {
                throw new IllegalArgumentException("ring buffers must all be as long as the first (" + chunk
                        + " bytes, at most " + NativeBuffer.MAX_SLICE + "), got one of " + b.length());
            }
        }
        long chunks = WorkSplit.ceilDiv(to - from, chunk);
        ChunkRing handoff = new ChunkRing(ring.size(), pool.size());
        pool.run(w -> {
            workerNodes[w] = platform.location().orElse(UNKNOWN_LOCATION).node();
            try {
                for (long k = 0; k < chunks && handoff.awaitSlot(w, k); k++) {
                    long start = from + k * chunk;
                    long end = Math.min(to, start + chunk);
                    writeShare(w, ring.get(handoff.slotOf(k)), start,
                            WorkSplit.boundary(start, end, granule, pool.size(), w),
                            WorkSplit.boundary(start, end, granule, pool.size(), w + 1));
                    handoff.finished(w, k);
                }
            } catch (RuntimeException | Error e) {
                handoff.cancel();
                throw e;
            }
        }, () -> {
            try {
                for (long k = 0; k < chunks && handoff.awaitComplete(k); k++) {
                    int length = (int) (Math.min(to, from + (k + 1) * chunk) - (from + k * chunk));
                    sink.accept(ring.get(handoff.slotOf(k)).slice(0, length));
                    handoff.release(k);
                }
            } catch (IOException | RuntimeException | Error e) {
                handoff.cancel();
                throw e;
            }
        });
        lastWriters = writerRanges(split(from, from + Math.min(chunk, to - from)));
    }

    /** Worker shares of {@code [from, to)}: worker w writes {@code [bounds[w], bounds[w + 1])}. */
    private long[] split(long from, long to) {
        int workers = pool.size();
        long[] bounds = new long[workers + 1];
        for (int w = 0; w <= workers; w++) {
            bounds[w] = WorkSplit.boundary(from, to, granule, workers, w);
        }
        return bounds;
    }

    /** Who writes which bytes of a target holding {@code [bounds[0], bounds[workers])}. */
    private List<WriterRange> writerRanges(long[] bounds) {
        List<WriterRange> ranges = new ArrayList<>(pool.size());
        for (int w = 0; w < pool.size(); w++) {
            ranges.add(new WriterRange(bounds[w] - bounds[0], bounds[w + 1] - bounds[w], workerNodes[w]));
        }
        return ranges;
    }

    private void place(int worker, NativeBuffer target, long offset, long length, boolean touchAll) {
        if (length == 0) {
            return;
        }
        if (numa.bind()) {
            NodeBinding.bind(target, offset, length, numa.bindNodeOf(worker), pageSize, NodeBinding.Rounding.INWARD)
                    .orThrow();
        }
        if (numa.firstTouch() || touchAll) {
            FirstTouch.touch(target, offset, length, pageSize, numa.touchUnit());
        }
    }

    /** Writes output bytes {@code [from, to)} into {@code target} (which holds output bytes from targetStart on). */
    private void writeShare(int worker, NativeBuffer target, long targetStart, long from, long to) {
        PhaseClock clock = PhaseTimes.begin();
        writeBlocks(worker, target, targetStart, from, to);
        clock.end(Phase.WRITE);
        if (target.owned()) {
            // A caller's direct buffer was placed when it was zeroed; only our own mappings place here.
            platform.written(target.address() + from - targetStart, to - from);
        }
    }

    private void writeBlocks(int worker, NativeBuffer target, long targetStart, long from, long to) {
        BlockWriter writer = writers[worker];
        int blockSize = config.blockSize();
        ByteBuffer run = null;
        long runStart = 0;
        long runEnd = 0;
        for (long pos = from; pos < to; ) {
            long block = pos / blockSize;
            long blockStart = block * blockSize;
            long end = Math.min(to, blockStart + blockSize);
            long content = layout.contentOf(block);
            if (pos == blockStart && end - pos == blockSize) {
                if (run == null || end > runEnd) {
                    // Runs start at a whole block, so blocks sit at multiples of the block size within them, as
                    // the kernels' long stores need, whatever the target's offset in the stream.
                    runStart = pos;
                    runEnd = Math.min(to, pos + Math.max(RUN_BYTES / blockSize * blockSize, blockSize));
                    run = target.slice(runStart - targetStart, (int) (runEnd - runStart));
                }
                writer.write(run, (int) (pos - runStart), content);
            } else {
                ByteBuffer whole = partialBlock(worker);
                writer.write(whole, 0, content);
                target.slice(pos - targetStart, (int) (end - pos)).put(0, whole, (int) (pos - blockStart),
                        (int) (end - pos));
            }
            pos = end;
        }
    }

    /** Writes block {@code block}'s whole content into {@code dst} at {@code offset} with the given writer. */
    void writeBlock(BlockWriter writer, ByteBuffer dst, int offset, long block) {
        writer.write(dst, offset, layout.contentOf(block));
    }

    private ByteBuffer partialBlock(int worker) {
        ByteBuffer b = partialBlocks[worker];
        if (b == null) {
            b = ByteBuffer.allocateDirect(config.blockSize()).order(ByteOrder.LITTLE_ENDIAN);
            partialBlocks[worker] = b;
        }
        return b;
    }

    /** Stops the workers if this generator owns its pool. */
    @Override
    public void close() {
        if (ownsPool) {
            pool.close();
        }
    }
}
