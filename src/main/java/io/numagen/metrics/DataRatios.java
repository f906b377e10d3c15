package io.numagen.metrics;

import com.github.luben.zstd.Zstd;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.Deflater;

/**
 * Measures what a dedup appliance and real compressors would see in data fed block by block: the dedup ratio
 * (blocks / distinct block contents, by SHA-256) and the zstd (level 3) and gzip (deflate level 6) ratios of whole
 * blocks. Each distinct block is compressed once: a duplicate compresses to the same size.
 */
public final class DataRatios {
    /** The zstd level storage systems commonly default to. */
    public static final int ZSTD_LEVEL = 3;

    private final MessageDigest sha256;
    /** Each distinct block's digest, mapped to itself so a duplicate finds its first occurrence's sizes. */
    private final Map<Digest, Digest> seen = new HashMap<>();
    private final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
    private byte[] in = new byte[0];
    private byte[] out = new byte[0];

    private long blocks;
    private long bytes;
    private long uniqueBytes;
    private long zstdBytes;
    private long gzipBytes;
    private long uniqueZstdBytes;

    public DataRatios() {
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 missing from this JVM", e);
        }
    }

    /** Adds one block: the bytes from position to limit (position is left unchanged). */
    public void add(ByteBuffer block) {
        int n = block.remaining();
        if (in.length < n) {
            in = new byte[n];
            out = new byte[(int) Zstd.compressBound(n) + 64];
        }
        block.duplicate().get(in, 0, n);
        sha256.update(in, 0, n);
        Digest d = new Digest(sha256.digest());
        blocks++;
        bytes += n;
        Digest first = seen.putIfAbsent(d, d);
        if (first == null) {
            first = d;
            first.zstd = Zstd.compressByteArray(out, 0, out.length, in, 0, n, ZSTD_LEVEL);
            first.gzip = gzipSize(n);
            uniqueBytes += n;
            uniqueZstdBytes += first.zstd;
        }
        zstdBytes += first.zstd;
        gzipBytes += first.gzip;
    }

    private long gzipSize(int n) {
        deflater.reset();
        deflater.setInput(in, 0, n);
        deflater.finish();
        long total = 0;
        while (!deflater.finished()) {
            total += deflater.deflate(out);
        }
        // A gzip member adds a 10-byte header and an 8-byte trailer around the raw deflate stream.
        return total + 18;
    }

    public long blocks() {
        return blocks;
    }

    public long bytes() {
        return bytes;
    }

    public long distinctBlocks() {
        return seen.size();
    }

    /** blocks / distinct blocks. */
    public double dedupRatio() {
        return seen.isEmpty() ? Double.NaN : (double) blocks / seen.size();
    }

    /** bytes / zstd-compressed bytes, block by block. */
    public double zstdRatio() {
        return zstdBytes == 0 ? Double.NaN : (double) bytes / zstdBytes;
    }

    /** bytes / gzip-compressed bytes, block by block. */
    public double gzipRatio() {
        return gzipBytes == 0 ? Double.NaN : (double) bytes / gzipBytes;
    }

    /** bytes / (zstd bytes of distinct blocks only): what a dedup-then-compress appliance stores. */
    public double combinedRatio() {
        return uniqueZstdBytes == 0 ? Double.NaN : (double) bytes / uniqueZstdBytes;
    }

    public long uniqueBytes() {
        return uniqueBytes;
    }

    /** A block digest with the compressed sizes of its first occurrence. */
    private static final class Digest {
        private final byte[] hash;
        private final int hashCode;
        long zstd;
        long gzip;

        Digest(byte[] hash) {
            this.hash = hash;
            this.hashCode = Arrays.hashCode(hash);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Digest && Arrays.equals(hash, ((Digest) o).hash);
        }

        @Override
        public int hashCode() {
            return hashCode;
        }
    }
}
