package io.numagen.memory;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlacementTallyTest {
    private static final long PAGE = 4096;
    private static final int ENOENT = -2;
    private static final int EFAULT = -14;
    private static final int EACCES = -13;

    @Test
    void twoNodesEachWritingItsHalfLocally() {
        List<WriterRange> writers = List.of(new WriterRange(0, 4 * PAGE, 0), new WriterRange(4 * PAGE, 4 * PAGE, 1));
        PlacementReport report = tally(writers, 0, 0, 0, 0, 1, 1, 1, 1);
        assertEquals(8, report.pages());
        assertEquals(0.5, report.share(0));
        assertEquals(0.5, report.share(1));
        assertEquals(1.0, report.localShare());
        assertEquals(List.of(new PlacementReport.NodeShare(0, 4, 4, 4, 4),
                new PlacementReport.NodeShare(1, 4, 4, 4, 4)), report.nodes());
    }

    @Test
    void fourNodesWithRemotePagesUntouchedAndFailed() {
        List<WriterRange> writers = List.of(new WriterRange(0, 2 * PAGE, 0), new WriterRange(2 * PAGE, 2 * PAGE, 1),
                new WriterRange(4 * PAGE, 2 * PAGE, 2), new WriterRange(6 * PAGE, 2 * PAGE, 3));
        // writer 0: local, remote(3) | writer 1: local, untouched | writer 2: remote(0), failed | writer 3: local, local
        PlacementReport report = tally(writers, 0, 3, 1, ENOENT, 0, EACCES, 3, 3);
        assertEquals(8, report.pages());
        assertEquals(1, report.untouchedPages());
        assertEquals(1, report.failedPages());
        assertEquals(13, report.failureErrno());
        assertEquals(6, report.placedPages());
        assertEquals(4.0 / 6, report.localShare(), 1e-12);
        PlacementReport.NodeShare node0 = report.nodes().get(0);
        assertEquals(new PlacementReport.NodeShare(0, 2, 2, 1, 2), node0, "one own page, one of writer 2");
        assertEquals(new PlacementReport.NodeShare(2, 0, 0, 0, 1), report.nodes().get(2),
                "node 2 holds nothing but wrote a page placed remotely");
        assertEquals(new PlacementReport.NodeShare(3, 3, 3, 2, 2), report.nodes().get(3));
        assertEquals(0.375, report.share(3));
    }

    @Test
    void pagesWithoutAKnownWriterCountForPlacementButNotLocality() {
        List<WriterRange> writers = List.of(new WriterRange(0, PAGE, WriterRange.UNKNOWN_NODE),
                new WriterRange(PAGE, PAGE, 0));
        PlacementReport report = tally(writers, 0, 0, 0);
        assertEquals(1.0, report.share(0));
        assertEquals(1.0, report.localShare(), "only the second page has a known writer");
        assertEquals(new PlacementReport.NodeShare(0, 3, 1, 1, 1), report.nodes().get(0));
    }

    @Test
    void aPageSharedByTwoWritersBelongsToTheOneHoldingItsFirstQueriedByte() {
        // writer 0 ends 100 bytes into page 1; page 1 is attributed to writer 0, page 2 to writer 1.
        List<WriterRange> writers = List.of(new WriterRange(0, PAGE + 100, 0), new WriterRange(PAGE + 100, PAGE, 1));
        PlacementReport report = tally(writers, 0, 0, 1);
        assertEquals(List.of(new PlacementReport.NodeShare(0, 2, 2, 2, 2),
                new PlacementReport.NodeShare(1, 1, 1, 1, 1)), report.nodes());
        // A query starting mid-page attributes that first page by the query's first byte.
        PlacementTally fromMiddle = new PlacementTally(writers, PAGE + 200);
        fromMiddle.accept(PAGE, 1);
        assertEquals(1.0, fromMiddle.report(PAGE).localShare());
    }

    @Test
    void rendersSharesAsPercentages() {
        String text = tally(List.of(new WriterRange(0, 4 * PAGE, 0)), 0, 0, 0, ENOENT).render();
        assertTrue(text.startsWith("4 pages of 4096 bytes: 3 placed, 1 untouched, 0 failed\n"), text);
        assertTrue(text.contains("node 0: 75.0 % (3 pages), local to writer: 100.0 %\n"), text);
        assertTrue(text.contains("local to writer overall: 100.0 %"), text);
        String failed = tally(List.of(), EACCES).render();
        assertTrue(failed.contains("1 failed (e.g. EACCES (13)") && failed.contains("overall: n/a"), failed);
        // 6.1 kernels answer EFAULT for never-touched pages no page table covers yet.
        assertTrue(tally(List.of(), EFAULT, ENOENT).render().startsWith("2 pages of 4096 bytes: 0 placed, 2 untouched, "
                + "0 failed"));
    }

    @Test
    void overlappingWritersAreRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PlacementTally(
                List.of(new WriterRange(PAGE, PAGE, 1), new WriterRange(0, PAGE + 1, 0)), 0));
        assertTrue(e.getMessage().contains("overlap"), e.getMessage());
    }

    private static PlacementReport tally(List<WriterRange> writers, int... statuses) {
        PlacementTally tally = new PlacementTally(writers, 0);
        for (int i = 0; i < statuses.length; i++) {
            tally.accept(i * PAGE, statuses[i]);
        }
        return tally.report(PAGE);
    }
}
