package io.numagen.generator;

import io.numagen.memory.NativeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;

/**
 * The first {@code size} bytes of a generator's output, read in successive chunks of any sizes. Whole blocks inside a
 * chunk are written in parallel straight into the caller's buffer; blocks cut by a chunk edge come from one cached
 * block, so memory stays constant (one block) and small chunks do not regenerate a block per chunk. The concatenated
 * chunks equal the one-shot output byte for byte.
 */
public final class DataStream {
    private final DataGenerator generator;
    private final long size;
    private final int blockSize;
    private final BlockWriter writer;
    private final ByteBuffer cache;
    private long cachedBlock = -1;
    private long position;

    DataStream(DataGenerator generator, long size) {
        if (size < 1) {
            throw new IllegalArgumentException("stream size must be ≥ 1 byte, got " + size);
        }
        this.generator = generator;
        this.size = size;
        this.blockSize = generator.config().blockSize();
        this.writer = new BlockWriter(generator.config(), generator.kernel());
        this.cache = ByteBuffer.allocateDirect(blockSize).order(ByteOrder.LITTLE_ENDIAN);
    }

    public long size() {
        return size;
    }

    public long position() {
        return position;
    }

    public long remaining() {
        return size - position;
    }

    public boolean hasRemaining() {
        return position < size;
    }

    /** Moves to byte {@code newPosition} (0..size) of the output. */
    public DataStream position(long newPosition) {
        if (newPosition < 0 || newPosition > size) {
            throw new IllegalArgumentException("stream position must be from 0 to " + size + ", got " + newPosition);
        }
        position = newPosition;
        return this;
    }

    /** Back to the first byte: the stream repeats exactly. */
    public DataStream reset() {
        return position(0);
    }

    /**
     * Writes the next {@code min(dst.remaining(), remaining())} bytes at dst's position and advances both.
     *
     * @return the number of bytes written, 0 at the end of the stream
     */
    public int fill(ByteBuffer dst) {
        int n = (int) Math.min(dst.remaining(), remaining());
        long from = position;
        long to = from + n;
        int at = dst.position();
        long pos = from;
        if (pos % blockSize != 0 || to - pos < blockSize) {
            long end = Math.min(to, (pos / blockSize + 1) * blockSize);
            at = copyFromCache(dst, at, pos, end);
            pos = end;
        }
        long wholeEnd = pos + (to - pos) / blockSize * blockSize;
        if (wholeEnd > pos) {
            int len = (int) (wholeEnd - pos);
            generator.fillRange(NativeBuffer.wrap(dst.duplicate().limit(at + len).position(at)), pos, wholeEnd);
            at += len;
            pos = wholeEnd;
        }
        if (pos < to) {
            at = copyFromCache(dst, at, pos, to);
        }
        dst.position(at);
        position = to;
        return n;
    }

    /** Takes the chunks of {@link #pipe}, in order, on the thread that called it. */
    @FunctionalInterface
    public interface ChunkSink {
        /** {@code chunk} holds the next bytes from position 0 to its limit; it is overwritten after this returns. */
        void accept(ByteBuffer chunk) throws IOException;
    }

    /**
     * Streams the next {@code min(bytes, remaining())} bytes through {@code ring}, buffers of one length: the workers
     * write chunk k into buffer {@code k % ring.size()} while {@code sink} takes the chunks before it, so generation
     * and the sink's work overlap with no hand-off per chunk beyond waking the sink. With a buffer or two more than
     * the sink holds at once, the workers wait for it only when it is the slower side. Buffers from
     * {@link DataGenerator#allocateChunk} are placed for this: each worker writes the same share of every chunk.
     * Advances the position by the bytes the sink took.
     *
     * @return the bytes the sink took
     * @throws IOException as the sink threw it, after the workers have stopped; the position is then after the last
     *                     chunk the sink took whole
     */
    public long pipe(List<NativeBuffer> ring, long bytes, ChunkSink sink) throws IOException {
        if (ring.isEmpty()) {
            throw new IllegalArgumentException("a pipe needs at least 1 buffer, got none");
        }
        long n = Math.min(bytes, remaining());
        if (n <= 0) {
            return 0;
        }
        long[] taken = {0};
        try {
            generator.pipe(ring, position, position + n, chunk -> {
                int length = chunk.remaining();
                sink.accept(chunk);
                taken[0] += length;
            });
        } finally {
            position += taken[0];
        }
        return taken[0];
    }

    /** Copies output bytes {@code [from, to)} block by block through the cache; returns the new dst index. */
    private int copyFromCache(ByteBuffer dst, int at, long from, long to) {
        for (long pos = from; pos < to; ) {
            long block = pos / blockSize;
            long blockStart = block * blockSize;
            long end = Math.min(to, blockStart + blockSize);
            if (block != cachedBlock) {
                generator.writeBlock(writer, cache, 0, block);
                cachedBlock = block;
            }
            int len = (int) (end - pos);
            dst.put(at, cache, (int) (pos - blockStart), len);
            at += len;
            pos = end;
        }
        return at;
    }
}
