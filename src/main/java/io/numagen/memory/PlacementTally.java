package io.numagen.memory;

import io.numagen.nativeio.Errno;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Pure aggregation of per-page move_pages statuses into a {@link PlacementReport}. Pages arrive in ascending order;
 * each is attributed to the writer whose range holds the page's first byte within the queried range, found with a
 * cursor that only moves forward, so a page costs a few array updates and no allocation.
 */
final class PlacementTally {
    private final WriterRange[] writers;
    private final long rangeStart;
    private int cursor;

    private long pages;
    private long untouched;
    private long failed;
    private int failureErrno;
    private long[] placed = new long[0];
    private long[] withWriter = new long[0];
    private long[] local = new long[0];
    private long[] writtenFrom = new long[0];

    /**
     * @param writers    non-overlapping byte ranges (offsets relative to the buffer), any order
     * @param rangeStart the buffer offset where the queried range starts
     * @throws IllegalArgumentException if writer ranges overlap
     */
    PlacementTally(List<WriterRange> writers, long rangeStart) {
        this.writers = writers.stream().sorted(Comparator.comparingLong(WriterRange::offset))
                .toArray(WriterRange[]::new);
        for (int i = 1; i < this.writers.length; i++) {
            if (this.writers[i].offset() < this.writers[i - 1].end()) {
                throw new IllegalArgumentException("writer ranges overlap: " + this.writers[i - 1] + " and "
                        + this.writers[i]);
            }
        }
        this.rangeStart = rangeStart;
    }

    /**
     * Counts one page.
     *
     * @param pageOffset the page's first byte, relative to the buffer (negative for a buffer starting mid-page)
     * @param status     move_pages' status: a node id, or -errno (-ENOENT or -EFAULT: never touched)
     */
    void accept(long pageOffset, int status) {
        pages++;
        // Never-touched pages of our own mapping are ENOENT where a page table covers them and EFAULT where none does
        // yet (seen on 6.1 kernels for fresh mappings): neither is placed anywhere.
        if (status == -Errno.ENOENT || status == -Errno.EFAULT) {
            untouched++;
            return;
        }
        if (status < 0) {
            failed++;
            failureErrno = -status;
            return;
        }
        int writerNode = writerNode(Math.max(pageOffset, rangeStart));
        ensureNode(Math.max(status, writerNode));
        placed[status]++;
        if (writerNode != WriterRange.UNKNOWN_NODE) {
            withWriter[status]++;
            writtenFrom[writerNode]++;
            if (writerNode == status) {
                local[status]++;
            }
        }
    }

    PlacementReport report(long pageSize) {
        List<PlacementReport.NodeShare> nodes = new ArrayList<>();
        for (int node = 0; node < placed.length; node++) {
            if (placed[node] > 0 || writtenFrom[node] > 0) {
                nodes.add(new PlacementReport.NodeShare(node, placed[node], withWriter[node], local[node],
                        writtenFrom[node]));
            }
        }
        return new PlacementReport(pageSize, pages, untouched, failed, failureErrno, nodes);
    }

    private int writerNode(long position) {
        while (cursor < writers.length && writers[cursor].end() <= position) {
            cursor++;
        }
        return cursor < writers.length && writers[cursor].offset() <= position
                ? writers[cursor].node() : WriterRange.UNKNOWN_NODE;
    }

    /** Grows the per-node counters to hold {@code node}: once per new highest node, not per page. */
    private void ensureNode(int node) {
        if (node >= placed.length) {
            int size = node + 1;
            placed = Arrays.copyOf(placed, size);
            withWriter = Arrays.copyOf(withWriter, size);
            local = Arrays.copyOf(local, size);
            writtenFrom = Arrays.copyOf(writtenFrom, size);
        }
    }
}
