package io.numagen.metrics;

/**
 * The distinct block contents seen so far: each as a 128-bit fingerprint (16 bytes of its SHA-256) with its
 * occurrence count, length and compressed sizes, in open-addressed parallel arrays of at most {@code maxSlots}
 * slots of {@value #BYTES_PER_SLOT} bytes, whatever the input size.
 *
 * <p>While the distinct contents fit (3/4 of the slots), every one is kept and all sums are exact. When they no
 * longer fit, the table keeps only contents whose fingerprint starts with {@code level} zero bits and raises the level
 * by one, evicting about half (adaptive distinct sampling, Gibbons 2001). Every content is then in or out of the
 * sample for good, with all its occurrences, so ratios of the sums estimate the whole input's ratios with a relative
 * standard error of about 1/sqrt(sampled contents): at most 0.2 % with the default 2^21 slots.
 *
 * <p>Not thread-safe: {@link DataRatios} serialises access (lookups are short next to hashing and compressing).
 */
final class DistinctBlockTable {
    /** Two fingerprint longs, a count, and three ints (length, zstd size, gzip size). */
    static final int BYTES_PER_SLOT = 3 * Long.BYTES + 3 * Integer.BYTES;
    /** 2^21 slots: 72 MiB, exact up to 1.5 M distinct blocks (1.5 TiB of distinct data in 1 MiB blocks). */
    static final int DEFAULT_MAX_SLOTS = 1 << 21;

    /** What {@link #add} found. */
    enum Outcome { NEW, SEEN, NOT_SAMPLED }

    private static final int INITIAL_SLOTS = 1 << 10;

    private final int maxSlots;
    private long[] hi;
    private long[] lo;
    private long[] count;
    private int[] length;
    private int[] zstd;
    private int[] gzip;
    private int size;
    private int level;

    DistinctBlockTable(int maxSlots) {
        if (Integer.bitCount(maxSlots) != 1 || maxSlots < 4) {
            throw new IllegalArgumentException("maxSlots must be a power of two >= 4, got " + maxSlots);
        }
        this.maxSlots = maxSlots;
        allocate(Math.min(INITIAL_SLOTS, maxSlots));
    }

    private void allocate(int slots) {
        hi = new long[slots];
        lo = new long[slots];
        count = new long[slots];
        length = new int[slots];
        zstd = new int[slots];
        gzip = new int[slots];
    }

    /** Counts one occurrence of a content; NEW means the caller must measure it and call {@link #setSizes}. */
    Outcome add(long fpHi, long fpLo, int bytes) {
        if (!sampled(fpHi)) {
            return Outcome.NOT_SAMPLED;
        }
        int slot = find(fpHi, fpLo);
        if (count[slot] != 0) {
            count[slot]++;
            return Outcome.SEEN;
        }
        hi[slot] = fpHi;
        lo[slot] = fpLo;
        count[slot] = 1;
        length[slot] = bytes;
        size++;
        if (size > hi.length / 4 * 3) {
            makeRoom();
        }
        return Outcome.NEW;
    }

    /** Records a content's compressed sizes; a no-op if it has been evicted from the sample meanwhile. */
    void setSizes(long fpHi, long fpLo, int zstdBytes, int gzipBytes) {
        if (!sampled(fpHi)) {
            return;
        }
        int slot = find(fpHi, fpLo);
        if (count[slot] != 0) {
            zstd[slot] = zstdBytes;
            gzip[slot] = gzipBytes;
        }
    }

    private boolean sampled(long fpHi) {
        return level == 0 || fpHi >>> (Long.SIZE - level) == 0;
    }

    /** The slot holding the fingerprint, or the empty slot where it belongs (linear probing on the low bits). */
    private int find(long fpHi, long fpLo) {
        int mask = hi.length - 1;
        int slot = (int) fpLo & mask;
        while (count[slot] != 0 && (hi[slot] != fpHi || lo[slot] != fpLo)) {
            slot = (slot + 1) & mask;
        }
        return slot;
    }

    private void makeRoom() {
        int slots = hi.length < maxSlots ? hi.length * 2 : hi.length;
        while (hi.length == maxSlots && size > slots / 4 * 3) {
            level++;
            size = 0;
            for (int i = 0; i < hi.length; i++) {
                if (count[i] != 0 && sampled(hi[i])) {
                    size++;
                }
            }
        }
        long[] oldHi = hi;
        long[] oldLo = lo;
        long[] oldCount = count;
        int[] oldLength = length;
        int[] oldZstd = zstd;
        int[] oldGzip = gzip;
        allocate(slots);
        for (int i = 0; i < oldHi.length; i++) {
            if (oldCount[i] != 0 && sampled(oldHi[i])) {
                int slot = find(oldHi[i], oldLo[i]);
                hi[slot] = oldHi[i];
                lo[slot] = oldLo[i];
                count[slot] = oldCount[i];
                length[slot] = oldLength[i];
                zstd[slot] = oldZstd[i];
                gzip[slot] = oldGzip[i];
            }
        }
    }

    /** Sums over the kept contents; exact while {@link #level()} is 0, a sample after. */
    Sums sums() {
        long occurrences = 0;
        long bytes = 0;
        long zstdBytes = 0;
        long gzipBytes = 0;
        long uniqueBytes = 0;
        long uniqueZstdBytes = 0;
        for (int i = 0; i < hi.length; i++) {
            long c = count[i];
            if (c != 0) {
                occurrences += c;
                bytes += c * length[i];
                zstdBytes += c * zstd[i];
                gzipBytes += c * gzip[i];
                uniqueBytes += length[i];
                uniqueZstdBytes += zstd[i];
            }
        }
        return new Sums(size, occurrences, bytes, zstdBytes, gzipBytes, uniqueBytes, uniqueZstdBytes);
    }

    /** Fingerprints kept are those starting with this many zero bits: 0 = all (exact), k = about 1 in 2^k. */
    int level() {
        return level;
    }

    int maxSlots() {
        return maxSlots;
    }

    /** Sums over the kept contents: each content once (distinct, unique*) or once per occurrence (the others). */
    record Sums(long distinct, long occurrences, long bytes, long zstdBytes, long gzipBytes, long uniqueBytes,
                long uniqueZstdBytes) {
    }
}
