package io.numagen.memory;

/**
 * A run of whole pages {@code [address, address + length)}, as the kernel's page-granular calls (mbind, madvise,
 * move_pages) need it, and the pure rounding of byte ranges to it.
 */
public record PageRange(long address, long length) {

    public PageRange {
        if (length < 0) {
            throw new IllegalArgumentException("page range length must be >= 0, got " + length);
        }
    }

    /** The whole pages inside {@code [address, address + length)}; empty (at the rounded start) if there are none. */
    public static PageRange inward(long address, long length, long pageSize) {
        long start = alignUp(address, pageSize);
        long end = alignDown(address + length, pageSize);
        return new PageRange(start, Math.max(0, end - start));
    }

    /** The pages holding any byte of {@code [address, address + length)}. */
    public static PageRange outward(long address, long length, long pageSize) {
        long start = alignDown(address, pageSize);
        return new PageRange(start, length == 0 ? 0 : alignUp(address + length, pageSize) - start);
    }

    public long end() {
        return address + length;
    }

    public boolean isEmpty() {
        return length == 0;
    }

    /** The pages in both ranges; empty if they do not overlap. */
    public PageRange intersect(PageRange other) {
        long start = Math.max(address, other.address);
        long end = Math.min(end(), other.end());
        return new PageRange(start, Math.max(0, end - start));
    }

    public long pages(long pageSize) {
        return length / checkPageSize(pageSize);
    }

    public static long alignDown(long address, long pageSize) {
        return address & -checkPageSize(pageSize);
    }

    public static long alignUp(long address, long pageSize) {
        long mask = checkPageSize(pageSize) - 1;
        return (address + mask) & ~mask;
    }

    /**
     * @throws IllegalArgumentException unless pageSize is a positive power of two
     */
    public static long checkPageSize(long pageSize) {
        if (pageSize <= 0 || (pageSize & (pageSize - 1)) != 0) {
            throw new IllegalArgumentException("page size must be a positive power of two, got " + pageSize);
        }
        return pageSize;
    }

    @Override
    public String toString() {
        return "[0x" + Long.toHexString(address) + ", 0x" + Long.toHexString(end()) + ")";
    }
}
