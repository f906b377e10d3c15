package io.numagen.generator;

import java.nio.ByteBuffer;

/**
 * Writes one block's content. Its random bytes come from {@value StreamState#STREAMS} interleaved xoshiro256++
 * streams seeded from (seed, content index) through SplitMix64 ({@link StreamState}), computed by a
 * {@link RandomKernel}. When a compression ratio is asked for, back-references to nearby earlier bytes (copies) are
 * spread evenly through the block over those random bytes, which then remain only as the literal runs between
 * copies; copy lengths and distances come from a separate control stream. One per worker thread: it holds its state
 * in fields so writing allocates nothing.
 */
final class BlockWriter {
    /**
     * Copies are 64..575 bytes long, runs of hundreds of bytes: each copy costs a call whatever its length, so
     * longer copies make compressible data faster to write (and let zstd reach higher ratios).
     */
    static final int MIN_COPY = 64;
    static final int COPY_SPREAD = 512;
    /** Copies reach back at most this far, like a small-window LZ match. */
    static final int WINDOW = 1024;
    /**
     * Random bytes are written ahead of the copies in windows of this size: small enough that a window is still in
     * L1 when its copies land on it, whole steps of the streams.
     */
    private static final int FILL_WINDOW = 4096;
    /** SplitMix64 outputs after the 16 streams' 64 seed the control stream. */
    private static final int CONTROL_SEED_INDEX = 4 * StreamState.STREAMS;

    private final int blockSize;
    private final long seed;
    /** Literal bytes owed per copied byte; 0 for incompressible data (no copies at all). */
    private final double literalsPerCopiedByte;
    private final RandomKernel kernel;
    private final StreamState streams = new StreamState();
    private final Xoshiro256PlusPlus control = new Xoshiro256PlusPlus();

    BlockWriter(GeneratorConfig config, Kernel kind) {
        this.blockSize = config.blockSize();
        this.seed = SplitMix64.mix(config.seed());
        this.literalsPerCopiedByte = CompressionModel.literalsPerCopiedByte(config.compressRatio(), blockSize);
        this.kernel = Kernels.create(kind);
    }

    int blockSize() {
        return blockSize;
    }

    /**
     * Writes the whole block for {@code content} at {@code dst[offset, offset + blockSize)}.
     *
     * @param offset a multiple of 8 from the buffer's position
     */
    void write(ByteBuffer dst, int offset, long content) {
        long state = seed ^ SplitMix64.mix(content);
        streams.seed(state);
        if (literalsPerCopiedByte == 0) {
            kernel.fill(streams, dst, offset, blockSize);
        } else {
            control.seed(state, CONTROL_SEED_INDEX);
            writeCompressible(dst, offset);
        }
    }

    /**
     * Alternates literal runs and copies of earlier bytes. The literal run before each copy is sized by an error
     * accumulator so the literal share converges to its target evenly through the block instead of leaving one
     * compressible tail; stretches that must stay literal near the block start (no room to copy from) count against
     * that budget. Random bytes are filled a window ahead of each copy, so a copy always overwrites them, never the
     * reverse, and its source (wholly before it) is final.
     */
    private void writeCompressible(ByteBuffer dst, int offset) {
        int filled = 0;
        int pos = 0;
        double owed = 0;
        while (pos < blockSize) {
            long c = control.next();
            int copy = MIN_COPY + (int) (c & (COPY_SPREAD - 1));
            owed += copy * literalsPerCopiedByte;
            int literal = (int) Math.max(0, Math.min(owed, blockSize - pos));
            owed -= literal;
            pos += literal;
            copy = Math.min(copy, blockSize - pos);
            if (copy <= 0) {
                break;
            }
            int reach = Math.min(WINDOW, pos);
            if (reach < copy) {
                // Too close to the block start to copy without overlap: this stretch stays literal.
                owed -= copy;
            } else {
                filled = fillTo(dst, offset, filled, pos + copy);
                // Lemire's multiply-shift maps the high 32 bits onto [0, reach - copy] without a division.
                int distance = copy + (int) (((c >>> 32) * (reach - copy + 1)) >>> 32);
                dst.put(offset + pos, dst, offset + pos - distance, copy);
            }
            pos += copy;
        }
        fillTo(dst, offset, filled, blockSize);
    }

    /** Fills whole windows of random bytes from {@code filled} until at least {@code needed}; returns the new mark. */
    private int fillTo(ByteBuffer dst, int offset, int filled, int needed) {
        while (filled < needed) {
            int length = Math.min(FILL_WINDOW, blockSize - filled);
            kernel.fill(streams, dst, offset + filled, length);
            filled += length;
        }
        return filled;
    }
}
