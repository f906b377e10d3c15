package io.numagen.generator;

import java.nio.ByteBuffer;
import java.nio.LongBuffer;

/**
 * Writes one block's content: xoshiro256++ output seeded from (seed, content index) through SplitMix64, and, when a
 * compression ratio is asked for, back-references to nearby earlier bytes spread evenly through the block. One per
 * worker thread; it holds its generator state in fields so writing allocates nothing.
 *
 * <p>Two independent xoshiro256++ lanes are interleaved (even longs from lane A, odd from lane B) because one lane's
 * serial dependency chain, not memory, would otherwise bound a thread's speed. Incompressible data is produced into
 * a small long[] (registers to L1, no bounds checks per store) and written with one bulk LongBuffer put per 4 KiB;
 * measured here, that beat putLong per value by about 1.4x, and four lanes (register spills) was slower than two.
 */
final class BlockWriter {
    /** Copies are 24..279 bytes long: "runs of tens to hundreds of bytes". */
    static final int MIN_COPY = 24;
    static final int COPY_SPREAD = 256;
    /** Copies reach back at most this far, like a small-window LZ match. */
    static final int WINDOW = 1024;
    /**
     * Bytes a zstd/LZ4-class compressor spends per match (offset, length, sequence header), calibrated with zstd
     * level 3 on 1 MiB blocks: the literal share is chosen so literals + matches × this cost = block / ratio.
     */
    static final double MATCH_COST = 7.0;

    private final int blockSize;
    private final long seed;
    /** Literal bytes owed per copied byte; 0 for incompressible data (no copies at all). */
    private final double literalsPerCopiedByte;

    /** Longs per bulk write: one page, small enough to stay in L1. */
    private static final int BATCH = 512;

    private final Xoshiro256PlusPlus laneA = new Xoshiro256PlusPlus();
    private final Xoshiro256PlusPlus laneB = new Xoshiro256PlusPlus();
    private final long[] batch = new long[BATCH];
    /** A long view of the last destination; a destination is reused for many blocks, so views are rarely made. */
    private ByteBuffer viewed;
    private LongBuffer longs;

    BlockWriter(GeneratorConfig config) {
        this.blockSize = config.blockSize();
        this.seed = SplitMix64.mix(config.seed());
        this.literalsPerCopiedByte = literalsPerCopiedByte(config.compressRatio());
    }

    int blockSize() {
        return blockSize;
    }

    /** Writes the whole block for {@code content} at {@code dst[offset, offset + blockSize)}. */
    void write(ByteBuffer dst, int offset, long content) {
        seedLanes(content);
        if (literalsPerCopiedByte == 0) {
            writeRandom(dst, offset, blockSize);
        } else {
            writeCompressible(dst, offset);
        }
    }

    static double literalsPerCopiedByte(double compressRatio) {
        if (compressRatio == 1) {
            return 0;
        }
        double meanCopy = MIN_COPY + (COPY_SPREAD - 1) / 2.0;
        double perByteMatchCost = MATCH_COST / meanCopy;
        // Solve literal + (1 - literal) * perByteMatchCost = 1 / ratio for the literal share.
        double literalShare = (1 / compressRatio - perByteMatchCost) / (1 - perByteMatchCost);
        literalShare = Math.max(literalShare, 0.01);
        return literalShare / (1 - literalShare);
    }

    private void seedLanes(long content) {
        long state = seed ^ SplitMix64.mix(content);
        laneA.seed(state, 0);
        laneB.seed(state, 4);
    }

    /**
     * Fills {@code length} bytes (a multiple of {@value #BATCH} × 8, as block sizes are whole pages) at a multiple of
     * 8; the hot loop of incompressible data, with the state in locals (registers) and
     * {@link Xoshiro256PlusPlus#next} inlined by hand for both lanes.
     */
    private void writeRandom(ByteBuffer dst, int offset, int length) {
        if (dst != viewed) {
            viewed = dst;
            longs = dst.asLongBuffer();
        }
        LongBuffer out = longs;
        long[] values = batch;
        Xoshiro256PlusPlus a = laneA;
        Xoshiro256PlusPlus b = laneB;
        long s0 = a.s0, s1 = a.s1, s2 = a.s2, s3 = a.s3;
        long t0 = b.s0, t1 = b.s1, t2 = b.s2, t3 = b.s3;
        for (int at = offset >>> 3, end = (offset + length) >>> 3; at < end; at += BATCH) {
            for (int i = 0; i < BATCH; i += 2) {
                long ra = Long.rotateLeft(s0 + s3, 23) + s0;
                long x = s1 << 17;
                s2 ^= s0;
                s3 ^= s1;
                s1 ^= s2;
                s0 ^= s3;
                s2 ^= x;
                s3 = Long.rotateLeft(s3, 45);

                long rb = Long.rotateLeft(t0 + t3, 23) + t0;
                long y = t1 << 17;
                t2 ^= t0;
                t3 ^= t1;
                t1 ^= t2;
                t0 ^= t3;
                t2 ^= y;
                t3 = Long.rotateLeft(t3, 45);

                values[i] = ra;
                values[i + 1] = rb;
            }
            out.put(at, values, 0, BATCH);
        }
        a.s0 = s0; a.s1 = s1; a.s2 = s2; a.s3 = s3;
        b.s0 = t0; b.s1 = t1; b.s2 = t2; b.s3 = t3;
    }

    /**
     * Alternates literal runs (lane A) and copies of earlier bytes, with lengths and distances from lane B. The
     * literal run before each copy is sized by an error accumulator so the literal share converges to its target
     * evenly through the block instead of leaving one compressible tail.
     */
    private void writeCompressible(ByteBuffer dst, int offset) {
        int pos = 0;
        double owed = 0;
        while (pos < blockSize) {
            long control = laneB.next();
            int copy = MIN_COPY + (int) (control & (COPY_SPREAD - 1));
            owed += copy * literalsPerCopiedByte;
            int literal = Math.min((int) owed, blockSize - pos);
            owed -= literal;
            writeLiteral(dst, offset, pos, literal);
            pos += literal;
            copy = Math.min(copy, blockSize - pos);
            if (copy <= 0) {
                break;
            }
            int reach = Math.min(WINDOW, pos);
            if (reach < copy) {
                // Too close to the block start to copy without overlap: this stretch stays literal.
                writeLiteral(dst, offset, pos, copy);
            } else {
                int distance = copy + (int) Long.remainderUnsigned(control >>> 8, reach - copy + 1);
                dst.put(offset + pos, dst, offset + pos - distance, copy);
            }
            pos += copy;
        }
    }

    /**
     * Random bytes at {@code [pos, pos + length)} of the block. Whole longs are written even past the run's end when
     * the block has room: those bytes are always overwritten by the next copy or literal, and it avoids byte stores.
     */
    private void writeLiteral(ByteBuffer dst, int offset, int pos, int length) {
        int end = pos + length;
        int p = pos;
        for (; p + 8 <= end || (p < end && p + 8 <= blockSize); p += 8) {
            dst.putLong(offset + p, laneA.next());
        }
        if (p < end) {
            long r = laneA.next();
            for (; p < end; p++, r >>>= 8) {
                dst.put(offset + p, (byte) r);
            }
        }
    }
}
