package io.numagen.generator;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

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
     * Copies are multiples of 8 bytes, from 128 (longer than the step a literal run may overshoot by) up to 2168 in
     * blocks of 32 KiB and more, 376 in 4 KiB blocks: each copy and each literal run costs a call whatever its
     * length, so long runs make compressible data fast to write (format 2's 64..575-byte copies ran at a third of
     * this speed), while small blocks keep enough copies for zstd's ratio to follow the literal share smoothly.
     * Always shorter than 4 KiB, so copies never make whole 4 KiB blocks repeat.
     */
    static final int MIN_COPY = RandomKernel.STEP_BYTES;
    private static final int MAX_COPY_STEPS = 255;
    /** Copies reach back at most this far, well inside gzip's and lz4's windows. */
    static final int WINDOW = 4096;
    /** SplitMix64 outputs after the 16 streams' 64 seed the control stream. */
    private static final int CONTROL_SEED_INDEX = 4 * StreamState.STREAMS;

    private final int blockSize;
    /** Copy lengths are MIN_COPY plus 8 times 0..copyStepsMask. */
    private final int copyStepsMask;
    private final long seed;
    /** Literal bytes owed per copied byte; 0 for incompressible data (no copies at all). */
    private final double literalsPerCopiedByte;
    private final RandomKernel kernel;
    private final StreamState streams = new StreamState();
    private final Xoshiro256PlusPlus control = new Xoshiro256PlusPlus();
    /** One step of the streams, for the block's last partial step. */
    private final ByteBuffer step = ByteBuffer.allocateDirect(RandomKernel.STEP_BYTES).order(ByteOrder.LITTLE_ENDIAN);

    BlockWriter(GeneratorConfig config, Kernel kind) {
        this(config.blockSize(), config.seed(),
                CompressionModel.literalsPerCopiedByte(config.compressRatio(), config.blockSize()), kind);
    }

    /** A writer keeping {@code literalsPerCopiedByte} literal bytes per copied byte (what calibration varies). */
    BlockWriter(int blockSize, long seed, double literalsPerCopiedByte, Kernel kind) {
        this.blockSize = blockSize;
        this.copyStepsMask = Math.min(MAX_COPY_STEPS, blockSize / RandomKernel.STEP_BYTES - 1);
        this.seed = SplitMix64.mix(seed);
        this.literalsPerCopiedByte = literalsPerCopiedByte;
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
     * compressible tail. A copy too long for the room behind it (near the block start) is dropped and its length
     * charged to the accumulator, so the next literal "run" may be negative: the next copy then starts inside the
     * dropped stretch (never before the previous copy's end, as the charge is one copy length), instead of the block
     * starting with a literal prefix as long as its longest copies, which capped small blocks' ratios (7.5 instead
     * of 11.3 at 4 KiB) and made their ratio flat in the literal share. Positions stay multiples of 8 (the kernels'
     * alignment). A literal run is written in whole steps of the streams; the part of the last step past the run's
     * end lands inside the next copy (longer than a step), which overwrites it, so only the block's final run needs
     * a partial step.
     */
    private void writeCompressible(ByteBuffer dst, int offset) {
        int literalStart = 0;
        int pos = 0;
        double owed = 0;
        while (pos < blockSize) {
            long c = control.next();
            int copy = MIN_COPY + (((int) c & copyStepsMask) << 3);
            owed += copy * literalsPerCopiedByte;
            int literal = (int) Math.min(owed, blockSize - pos) & ~7;
            owed -= literal;
            pos += literal;
            copy = Math.min(copy, blockSize - pos);
            if (copy < MIN_COPY) {
                break;
            }
            int reach = Math.min(WINDOW, pos);
            if (reach < copy) {
                // Too close to the block start to copy without overlap: drop the copy, charge its length.
                owed -= copy;
            } else {
                literalRun(dst, offset, literalStart, pos);
                // Lemire's multiply-shift maps the high 32 bits onto [0, reach - copy] without a division.
                int distance = copy + (int) (((c >>> 32) * (reach - copy + 1)) >>> 32);
                dst.put(offset + pos, dst, offset + pos - distance, copy);
                literalStart = pos + copy;
            }
            pos += copy;
        }
        int tail = (blockSize - literalStart) & -RandomKernel.STEP_BYTES;
        literalRun(dst, offset, literalStart, literalStart + tail);
        int last = blockSize - literalStart - tail;
        if (last > 0) {
            kernel.fill(streams, step, 0, RandomKernel.STEP_BYTES);
            dst.put(offset + literalStart + tail, step, 0, last);
        }
    }

    /** Random bytes over {@code [from, to)}, in whole steps: up to one step past {@code to} is written too. */
    private void literalRun(ByteBuffer dst, int offset, int from, int to) {
        if (to > from) {
            int steps = (to - from + RandomKernel.STEP_BYTES - 1) / RandomKernel.STEP_BYTES;
            kernel.fill(streams, dst, offset + from, steps * RandomKernel.STEP_BYTES);
        }
    }
}
