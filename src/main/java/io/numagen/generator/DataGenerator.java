package io.numagen.generator;

import io.numagen.exec.WorkerPool;
import io.numagen.memory.NativeBuffer;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The generator: writes the output stream defined by a {@link GeneratorConfig} into native memory with a reusable
 * pool of workers. Byte {@code i} of the output depends only on the config, so a one-shot buffer, a caller's buffer
 * and a {@link DataStream} read in any chunks all hold the same bytes.
 *
 * <p>Each call splits its range with {@link WorkSplit}; worker {@code w} always writes share {@code w}, so placement
 * decided per worker (pinning, first touch) holds for the pages it writes.
 */
public final class DataGenerator implements AutoCloseable {
    /** The most bytes one ByteBuffer slice covers while writing; whole blocks always fit. */
    private static final long RUN_BYTES = 1L << 30;

    private final GeneratorConfig config;
    private final DedupLayout layout;
    private final WorkerPool pool;
    private final boolean ownsPool;
    private final BlockWriter[] writers;
    /** Per-worker block buffers for blocks only partly inside a range; made on first need. */
    private final ByteBuffer[] partialBlocks;

    private DataGenerator(GeneratorConfig config, WorkerPool pool, boolean ownsPool) {
        this.config = config;
        this.layout = new DedupLayout(config.dedupRatio(), config.seed());
        this.pool = pool;
        this.ownsPool = ownsPool;
        this.writers = new BlockWriter[pool.size()];
        this.partialBlocks = new ByteBuffer[pool.size()];
        for (int i = 0; i < writers.length; i++) {
            writers[i] = new BlockWriter(config);
        }
    }

    /** A generator with its own pool of {@code threads} workers, closed with it. */
    public static DataGenerator create(GeneratorConfig config, int threads) {
        return new DataGenerator(config, new WorkerPool(threads, "numagen-worker"), true);
    }

    /** A generator that borrows a pool (shared by several generators, or pinned by the NUMA layer). */
    public static DataGenerator on(GeneratorConfig config, WorkerPool pool) {
        return new DataGenerator(config, pool, false);
    }

    public GeneratorConfig config() {
        return config;
    }

    public int threads() {
        return pool.size();
    }

    WorkerPool pool() {
        return pool;
    }

    /** The first {@code size} bytes of the output in newly mapped native memory (any size, beyond 2 GiB too). */
    public NativeBuffer generate(long size) {
        NativeBuffer buffer = NativeBuffer.allocate(size);
        try {
            fill(buffer, 0);
        } catch (RuntimeException e) {
            buffer.close();
            throw e;
        }
        return buffer;
    }

    /** Fills all of {@code target} with output bytes {@code [streamOffset, streamOffset + target.length())}. */
    public void fill(NativeBuffer target, long streamOffset) {
        if (streamOffset < 0) {
            throw new IllegalArgumentException("stream offset must be ≥ 0, got " + streamOffset);
        }
        fillRange(target, streamOffset, streamOffset + target.length());
    }

    /**
     * Zero-copy fill of a caller's direct buffer from its position to its limit with the output's first bytes. The
     * buffer's position is not moved.
     *
     * @throws IllegalArgumentException if the buffer is not direct, is read-only or has nothing remaining
     */
    public void fill(ByteBuffer direct) {
        fill(NativeBuffer.wrap(direct), 0);
    }

    /**
     * Zero-copy fill of exactly {@code size} bytes at the buffer's position.
     *
     * @throws IllegalArgumentException if the buffer is not direct or has fewer than {@code size} bytes remaining
     */
    public void fill(ByteBuffer direct, long size) {
        if (size < 1 || size > direct.remaining()) {
            throw new IllegalArgumentException("fill size must be from 1 to the buffer's " + direct.remaining()
                    + " remaining bytes, got " + size);
        }
        fill(direct.duplicate().limit(direct.position() + (int) size), 0);
    }

    /** A stream over the first {@code size} bytes of the output, read in chunks of any size with constant memory. */
    public DataStream stream(long size) {
        return new DataStream(this, size);
    }

    /** Writes output bytes {@code [from, to)} into {@code target} (which holds exactly those bytes), in parallel. */
    void fillRange(NativeBuffer target, long from, long to) {
        int workers = pool.size();
        int blockSize = config.blockSize();
        pool.run(w -> writeShare(w, target, from,
                WorkSplit.boundary(from, to, blockSize, workers, w),
                WorkSplit.boundary(from, to, blockSize, workers, w + 1)));
    }

    private void writeShare(int worker, NativeBuffer target, long targetStart, long from, long to) {
        if (from >= to) {
            return;
        }
        BlockWriter writer = writers[worker];
        int blockSize = config.blockSize();
        ByteBuffer run = null;
        long runStart = 0;
        long runEnd = 0;
        for (long pos = from; pos < to; ) {
            long block = pos / blockSize;
            long blockStart = block * blockSize;
            long end = Math.min(to, blockStart + blockSize);
            if (run == null || end > runEnd) {
                runStart = pos;
                runEnd = Math.min(to, pos + Math.max(RUN_BYTES / blockSize * blockSize, blockSize));
                run = target.slice(runStart - targetStart, (int) (runEnd - runStart));
            }
            int at = (int) (pos - runStart);
            long content = layout.contentOf(block);
            if (pos == blockStart && end - pos == blockSize) {
                writer.write(run, at, content);
            } else {
                ByteBuffer whole = partialBlock(worker);
                writer.write(whole, 0, content);
                run.put(at, whole, (int) (pos - blockStart), (int) (end - pos));
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
