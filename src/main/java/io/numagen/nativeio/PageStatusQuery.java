package io.numagen.nativeio;

import com.sun.jna.Memory;

/**
 * Asks the kernel which node holds each page of a run of pages ({@code move_pages} with no target nodes: query only,
 * nothing moves). Owns native scratch for {@link #capacity()} pages, reused by every call, so querying a 4 GiB buffer
 * in batches allocates nothing per page or per batch. One thread at a time.
 */
public final class PageStatusQuery implements PageQuery {
    private final int capacity;
    private final Memory pages;
    private final Memory status;

    private PageStatusQuery(int capacity) {
        this.capacity = capacity;
        this.pages = new Memory(capacity * 8L);
        this.status = new Memory(capacity * 4L);
    }

    /**
     * Scratch for batches of up to {@code capacity} pages.
     *
     * @throws IllegalArgumentException if capacity is not positive
     */
    public static NativeResult<PageStatusQuery> open(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("batch capacity must be > 0 pages, got " + capacity);
        }
        if (Kernel.UNAVAILABLE != null) {
            return NativeResult.unavailable(Kernel.UNAVAILABLE);
        }
        return NativeResult.ok(new PageStatusQuery(capacity));
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public int query(long firstPage, long pageSize, int count, int[] statusOut) {
        PageQuery.checkCount(count, capacity, statusOut);
        for (int i = 0; i < count; i++) {
            pages.setLong(i * 8L, firstPage + i * pageSize);
        }
        long result = Kernel.call(Kernel.NR.movePages(), 0, count, Kernel.address(pages), 0,
                Kernel.address(status), 0);
        if (result < 0) {
            return (int) -result;
        }
        status.read(0, statusOut, 0, count);
        return 0;
    }

    @Override
    public void close() {
        pages.close();
        status.close();
    }
}
