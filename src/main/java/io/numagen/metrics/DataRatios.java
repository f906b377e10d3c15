package io.numagen.metrics;

import com.github.luben.zstd.Zstd;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.zip.Deflater;

/**
 * Measures what a dedup appliance and real compressors would see in data fed block by block: the dedup ratio
 * (blocks / distinct block contents, by SHA-256) and the zstd (level 3) and gzip (deflate level 6) ratios of whole
 * blocks. Each distinct content is compressed once: a duplicate compresses to the same size.
 *
 * <p>Blocks may come from several threads at once, each through its own {@link #measurer()}. Memory is bounded by the
 * {@link DistinctBlockTable} (72 MiB by default), not by the input: past 1.5 M distinct blocks the ratios are
 * estimated from a sample of contents ({@link #exact()} says which, {@link #relativeStandardError()} how closely).
 */
public final class DataRatios {
    /** The zstd level storage systems commonly default to. */
    public static final int ZSTD_LEVEL = 3;

    private static final VarHandle LONG_AT = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final DistinctBlockTable table;
    private long blocks;
    private long bytes;
    private Measurer own;

    public DataRatios() {
        this(DistinctBlockTable.DEFAULT_MAX_SLOTS);
    }

    /** With a distinct-block table of at most {@code maxSlots} slots (a power of two). */
    DataRatios(int maxSlots) {
        table = new DistinctBlockTable(maxSlots);
    }

    /** A measurer for one thread: its own digest and compressor scratch, this object's shared table. */
    public Measurer measurer() {
        return new Measurer();
    }

    /** Adds one block from the bytes between position and limit (position unchanged); for single-threaded use. */
    public void add(ByteBuffer block) {
        if (own == null) {
            own = measurer();
        }
        own.add(block);
    }

    private synchronized DistinctBlockTable.Outcome record(long fpHi, long fpLo, int n) {
        blocks++;
        bytes += n;
        return table.add(fpHi, fpLo, n);
    }

    private synchronized void sizes(long fpHi, long fpLo, int zstd, int gzip) {
        table.setSizes(fpHi, fpLo, zstd, gzip);
    }

    public synchronized long blocks() {
        return blocks;
    }

    public synchronized long bytes() {
        return bytes;
    }

    private synchronized DistinctBlockTable.Sums sums() {
        return table.sums();
    }

    /** True while every distinct content is kept, so every ratio is exact. */
    public synchronized boolean exact() {
        return table.level() == 0;
    }

    /** About 1/sqrt(sampled contents) once sampling; 0 while exact. */
    public double relativeStandardError() {
        return exact() ? 0 : 1 / Math.sqrt(sums().distinct());
    }

    /** The contents kept: all distinct blocks while exact, else the sample (1 in 2^level of them). */
    public long distinctBlocks() {
        return sums().distinct();
    }

    /** The fraction of distinct contents the table keeps: 1 while exact, 1/2^k once sampling. */
    public synchronized double sampledFraction() {
        return Math.scalb(1.0, -table.level());
    }

    /** The most distinct-block slots the table takes, and so its memory bound. */
    public long tableBytesBound() {
        return (long) table.maxSlots() * DistinctBlockTable.BYTES_PER_SLOT;
    }

    /** blocks / distinct blocks. */
    public double dedupRatio() {
        DistinctBlockTable.Sums s = sums();
        return s.distinct() == 0 ? Double.NaN : (double) s.occurrences() / s.distinct();
    }

    /** bytes / zstd-compressed bytes, block by block. */
    public double zstdRatio() {
        DistinctBlockTable.Sums s = sums();
        return s.zstdBytes() == 0 ? Double.NaN : (double) s.bytes() / s.zstdBytes();
    }

    /** bytes / gzip-compressed bytes, block by block. */
    public double gzipRatio() {
        DistinctBlockTable.Sums s = sums();
        return s.gzipBytes() == 0 ? Double.NaN : (double) s.bytes() / s.gzipBytes();
    }

    /** bytes / (zstd bytes of distinct blocks only): what a dedup-then-compress appliance stores. */
    public double combinedRatio() {
        DistinctBlockTable.Sums s = sums();
        return s.uniqueZstdBytes() == 0 ? Double.NaN : (double) s.bytes() / s.uniqueZstdBytes();
    }

    /** Bytes of the distinct contents kept (all distinct bytes while exact). */
    public long uniqueBytes() {
        return sums().uniqueBytes();
    }

    /** Digests and compresses blocks for one thread; its scratch grows to the largest block once. */
    public final class Measurer {
        private final MessageDigest sha256;
        private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        private final byte[] digest = new byte[32];
        private byte[] in = new byte[0];
        private byte[] out = new byte[0];

        private Measurer() {
            try {
                sha256 = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 missing from this JVM", e);
            }
        }

        /** Adds one block: the bytes from position to limit (position is left unchanged). */
        public void add(ByteBuffer block) {
            int n = block.remaining();
            if (out.length < n) {
                out = new byte[(int) Zstd.compressBound(n) + 64];
            }
            byte[] data;
            int at;
            if (block.hasArray()) {             // a heap buffer: read in place, no copy
                data = block.array();
                at = block.arrayOffset() + block.position();
            } else {
                if (in.length < n) {
                    in = new byte[n];
                }
                block.get(block.position(), in, 0, n);
                data = in;
                at = 0;
            }
            sha256.update(data, at, n);
            try {
                sha256.digest(digest, 0, digest.length);
            } catch (DigestException e) {
                throw new IllegalStateException("SHA-256 digest did not fit 32 bytes", e);
            }
            long fpHi = (long) LONG_AT.get(digest, 0);
            long fpLo = (long) LONG_AT.get(digest, 8);
            if (record(fpHi, fpLo, n) == DistinctBlockTable.Outcome.NEW) {
                int zstd = (int) Zstd.compressByteArray(out, 0, out.length, data, at, n, ZSTD_LEVEL);
                sizes(fpHi, fpLo, zstd, gzipSize(data, at, n));
            }
        }

        private int gzipSize(byte[] data, int at, int n) {
            deflater.reset();
            deflater.setInput(data, at, n);
            deflater.finish();
            int total = 0;
            while (!deflater.finished()) {
                total += deflater.deflate(out);
            }
            // A gzip member adds a 10-byte header and an 8-byte trailer around the raw deflate stream.
            return total + 18;
        }
    }
}
