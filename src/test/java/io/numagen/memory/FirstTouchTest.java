package io.numagen.memory;

import io.numagen.memory.FirstTouch.ThpAdvice;
import io.numagen.memory.FirstTouch.ThpMode;
import io.numagen.nativeio.Affinity;
import io.numagen.nativeio.Mmap;
import io.numagen.testing.FreshThread;
import io.numagen.testing.LiveMachine;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class FirstTouchTest {
    private static final long PAGE = 4096;
    private static final long HUGE = 2 << 20;

    @Test
    void hugePagesOnlyWhereTransparentHugePagesApply() {
        assertEquals(HUGE, FirstTouch.allocationUnit(ThpMode.ALWAYS, ThpAdvice.NONE, PAGE, HUGE));
        assertEquals(HUGE, FirstTouch.allocationUnit(ThpMode.ALWAYS, ThpAdvice.HUGEPAGE, PAGE, HUGE));
        assertEquals(PAGE, FirstTouch.allocationUnit(ThpMode.ALWAYS, ThpAdvice.NOHUGEPAGE, PAGE, HUGE));
        assertEquals(HUGE, FirstTouch.allocationUnit(ThpMode.MADVISE, ThpAdvice.HUGEPAGE, PAGE, HUGE));
        assertEquals(PAGE, FirstTouch.allocationUnit(ThpMode.MADVISE, ThpAdvice.NONE, PAGE, HUGE));
        assertEquals(PAGE, FirstTouch.allocationUnit(ThpMode.NEVER, ThpAdvice.HUGEPAGE, PAGE, HUGE));
        assertEquals(PAGE, FirstTouch.allocationUnit(ThpMode.ALWAYS, ThpAdvice.NONE, PAGE, 0),
                "a kernel without THP reports no huge page size");
        assertEquals(64 * 1024, FirstTouch.allocationUnit(ThpMode.NEVER, ThpAdvice.NONE, 64 * 1024, 512 << 20));
    }

    @Test
    void thpModeIsTheBracketedWord() {
        assertEquals(ThpMode.MADVISE, ThpMode.parse("always [madvise] never\n"));
        assertEquals(ThpMode.ALWAYS, ThpMode.parse("[always] madvise never"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ThpMode.parse("sometimes"));
        assertTrue(e.getMessage().contains("sometimes"), e.getMessage());
    }

    @Test
    void basePagesAreEachTouchedOnceFromTheFirstByte() {
        assertEquals(List.of(100L, 4096L, 8192L), points(100, 12_000, PAGE));
        assertEquals(List.of(4096L), points(4096, 4097, PAGE));
    }

    @Test
    void hugeUnitsAreTouchedOnceAndUnalignedEdgesPageByPage() {
        long start = HUGE - 2 * PAGE + 10;
        long end = 3 * HUGE + PAGE + 1;
        List<Long> expected = List.of(start, HUGE - PAGE, HUGE, 2 * HUGE, 3 * HUGE, 3 * HUGE + PAGE);
        assertEquals(expected, points(start, end, HUGE));
    }

    @Test
    void everyBasePageOfAnyRangeGetsItsHugeOrBasePageTouched() {
        for (long start : new long[] {0, 1, PAGE, HUGE - 1, HUGE + 3 * PAGE}) {
            for (long length : new long[] {1, PAGE, HUGE, 3 * HUGE + 5}) {
                TreeSet<Long> touched = new TreeSet<>(points(start, start + length, HUGE));
                long unitsStart = PageRange.alignUp(start, HUGE);
                long unitsEnd = PageRange.alignDown(start + length, HUGE);
                for (long page = PageRange.alignDown(start, PAGE); page < start + length; page += PAGE) {
                    boolean inHuge = unitsStart < unitsEnd && page >= unitsStart && page < unitsEnd;
                    long unit = inHuge ? PageRange.alignDown(page, HUGE) : page;
                    long size = inHuge ? HUGE : PAGE;
                    Long first = touched.ceiling(unit);
                    assertTrue(first != null && first < unit + size,
                            "page 0x" + Long.toHexString(page) + " of [" + start + ", +" + length + ")");
                }
            }
        }
    }

    @Test
    void touchingFromAThreadPlacesEveryPageOfTheRange() throws Exception {
        assumeTrue(Mmap.unavailableReason() == null, Mmap.unavailableReason());
        try (NativeBuffer buffer = NativeBuffer.allocate(64 * PAGE)) {
            long[] written = new long[1];
            FreshThread.run(() -> written[0] = FirstTouch.touch(buffer, 10, 40 * PAGE, PAGE, PAGE));
            assertEquals(41, written[0], "bytes 10 .. 40 pages + 10 span 41 pages");
            PlacementReport report = PagePlacement.query(buffer, PAGE, List.of()).orThrow();
            assertEquals(64, report.pages());
            assertEquals(41, report.placedPages(), report.render());
            assertEquals(23, report.untouchedPages(), report.render());
        }
    }

    @Test
    void oneWritePerHugePageSufficesWhenTheKernelGivesHugePages() throws Exception {
        assumeTrue(Mmap.unavailableReason() == null, Mmap.unavailableReason());
        Path thp = Path.of("/sys/kernel/mm/transparent_hugepage");
        assumeTrue(Files.isReadable(thp.resolve("enabled")), "no transparent huge pages");
        ThpMode mode = ThpMode.parse(Files.readString(thp.resolve("enabled")));
        long huge = Long.parseLong(Files.readString(thp.resolve("hpage_pmd_size")).trim());
        long unit = FirstTouch.allocationUnit(mode, ThpAdvice.HUGEPAGE, PAGE, huge);
        assumeTrue(unit == huge, "THP is " + mode);
        try (NativeBuffer buffer = NativeBuffer.allocate(4 * huge)) {
            assertTrue(Mmap.adviseHugePages(buffer.address(), buffer.length(), true).isOk());
            long[] written = new long[1];
            int cpu = LiveMachine.cpuOnAMemoryNode();
            FreshThread.run(() -> {
                Affinity.pin(cpu).orThrow();
                written[0] = FirstTouch.touch(buffer, 0, buffer.length(), PAGE, unit);
            });
            PlacementReport report = PagePlacement.query(buffer, PAGE, List.of()).orThrow();
            assertTrue(written[0] < report.pages() / 2, written[0] + " writes for " + report.pages() + " pages");
            // Under memory fragmentation the kernel falls back to base pages; only then may pages stay untouched.
            assumeTrue(report.untouchedPages() == 0, "kernel gave base pages: " + report.render());
            assertEquals(1.0, report.share(LiveMachine.nodeOfCpu(cpu)), report.render());
        }
    }

    @Test
    void touchOutsideTheBufferIsRejected() {
        assumeTrue(Mmap.unavailableReason() == null, Mmap.unavailableReason());
        try (NativeBuffer buffer = NativeBuffer.allocate(PAGE)) {
            assertThrows(IndexOutOfBoundsException.class, () -> FirstTouch.touch(buffer, 1, PAGE, PAGE, PAGE));
        }
    }

    private static List<Long> points(long start, long end, long unit) {
        List<Long> at = new ArrayList<>();
        FirstTouch.forEachTouchPoint(start, end, PAGE, unit, at::add);
        return at;
    }
}
