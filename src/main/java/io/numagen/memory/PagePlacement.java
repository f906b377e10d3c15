package io.numagen.memory;

import io.numagen.nativeio.NativeResult;
import io.numagen.nativeio.PageQuery;

import java.util.List;

/**
 * Which node holds each page of a buffer, observed without disturbing it (move_pages in query mode never faults a
 * page in), summed up as a {@link PlacementReport}.
 */
public final class PagePlacement {
    /** Pages per move_pages call: 64 MiB of 4 KiB pages, 192 KiB of scratch, a few hundred calls for 4 GiB. */
    static final int BATCH_PAGES = 16384;

    private PagePlacement() {
    }

    /** The placement of the whole buffer; see {@link #query(NativeBuffer, long, long, long, List)}. */
    public static NativeResult<PlacementReport> query(NativeBuffer buffer, long pageSize, List<WriterRange> writers) {
        return query(buffer, 0, buffer.length(), pageSize, writers);
    }

    /**
     * The placement of every page holding a byte of {@code [offset, offset + length)}.
     *
     * @param writers which worker wrote which bytes and the node it ran on (offsets relative to the buffer); may be
     *                empty, then locality is n/a
     * @throws IndexOutOfBoundsException if the range is outside the buffer
     * @throws IllegalArgumentException  if writer ranges overlap or pageSize is not a power of two
     */
    public static NativeResult<PlacementReport> query(NativeBuffer buffer, long offset, long length, long pageSize,
                                                      List<WriterRange> writers) {
        if (offset < 0 || length < 0 || offset + length > buffer.length()) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + "+" + length
                    + ") outside buffer of " + buffer.length() + " bytes");
        }
        PlacementTally tally = new PlacementTally(writers, offset);
        PageRange pages = PageRange.outward(buffer.address() + offset, length, pageSize);
        long remaining = pages.pages(pageSize);
        if (remaining == 0) {
            return NativeResult.ok(tally.report(pageSize));
        }
        NativeResult<PageQuery> opened = buffer.platform().openPageQuery((int) Math.min(BATCH_PAGES, remaining));
        if (!opened.isOk()) {
            return opened.asFailure();
        }
        try (PageQuery query = opened.orThrow()) {
            int[] status = new int[query.capacity()];
            long page = pages.address();
            while (remaining > 0) {
                int count = (int) Math.min(query.capacity(), remaining);
                int errno = query.query(page, pageSize, count, status);
                if (errno != 0) {
                    return NativeResult.failed("move_pages(query " + count + " pages at 0x" + Long.toHexString(page)
                            + ")", errno);
                }
                for (int i = 0; i < count; i++) {
                    tally.accept(page - buffer.address() + i * pageSize, status[i]);
                }
                page += count * pageSize;
                remaining -= count;
            }
        }
        return NativeResult.ok(tally.report(pageSize));
    }
}
