package io.numagen.nativeio;

/** Asks which node holds each page of a run of pages, placing none; owns scratch for {@link #capacity()} pages. */
public interface PageQuery extends AutoCloseable {

    int capacity();

    /**
     * Queries {@code count} pages at {@code firstPage}, {@code firstPage + pageSize}, ... into
     * {@code statusOut[0..count)}: each a node id, or {@code -errno} ({@code -ENOENT}: never touched; {@code -EFAULT}: not mapped).
     *
     * @return 0, or the errno of the call as a whole failing (statusOut is then unspecified)
     * @throws IllegalArgumentException if count is outside 1..capacity or statusOut is shorter
     */
    int query(long firstPage, long pageSize, int count, int[] statusOut);

    @Override
    void close();

    /**
     * The argument check every query does first.
     *
     * @throws IllegalArgumentException if count is outside 1..capacity or statusOut is shorter
     */
    static void checkCount(int count, int capacity, int[] statusOut) {
        if (count <= 0 || count > capacity || statusOut.length < count) {
            throw new IllegalArgumentException("page count must be in 1.." + Math.min(capacity, statusOut.length)
                    + ", got " + count);
        }
    }
}
