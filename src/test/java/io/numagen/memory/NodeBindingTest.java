package io.numagen.memory;

import io.numagen.memory.NodeBinding.Binding;
import io.numagen.memory.NodeBinding.Rounding;
import io.numagen.nativeio.MemoryPolicy;
import io.numagen.nativeio.Mmap;
import io.numagen.nativeio.Numa;
import io.numagen.testing.FreshThread;
import io.numagen.testing.LiveMachine;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NodeBindingTest {
    /** The highest node with memory: binding there moves pages off the first-touch node on a multi-node machine. */
    private static final int LAST = LiveMachine.MEMORY_NODES.get(LiveMachine.MEMORY_NODES.size() - 1);
    private static final long PAGE = 4096;
    private static final long BASE = 0x10000;

    @Test
    void outwardRoundingOfAnOwnedBufferStaysInsideItsMapping() {
        assertEquals(new PageRange(BASE, 3 * PAGE),
                NodeBinding.pagesToBind(BASE, 3 * PAGE - 10, true, 100, 3 * PAGE - 110, PAGE, Rounding.OUTWARD),
                "the owned buffer's partly used last page is its own");
    }

    @Test
    void outwardRoundingOfAWrappedBufferNeverBindsForeignEdgePages() {
        long start = BASE + 100;
        assertEquals(new PageRange(BASE + PAGE, PAGE),
                NodeBinding.pagesToBind(start, 3 * PAGE - 200, false, 0, 3 * PAGE - 200, PAGE, Rounding.OUTWARD));
    }

    @Test
    void inwardRoundingLeavesSharedEdgePagesAlone() {
        assertEquals(new PageRange(BASE + PAGE, PAGE),
                NodeBinding.pagesToBind(BASE, 4 * PAGE, true, 10, 2 * PAGE + 10, PAGE, Rounding.INWARD));
        assertTrue(NodeBinding.pagesToBind(BASE, 4 * PAGE, true, 10, PAGE, PAGE, Rounding.INWARD).isEmpty());
    }

    @Test
    void describeSaysHowTheRangeWasRounded() {
        Binding outward = new Binding(0, 100, 2 * PAGE, BASE, new PageRange(BASE, 3 * PAGE));
        assertEquals(100, outward.extraBefore());
        assertEquals(PAGE - 100, outward.extraAfter());
        assertTrue(outward.describe().contains("100 bytes before the start bound too, 3996 bytes after the end bound"),
                outward.describe());
        Binding inward = new Binding(1, 100, 3 * PAGE, BASE, new PageRange(BASE + PAGE, 2 * PAGE));
        assertTrue(inward.describe().contains("first 3996 bytes left unbound, last 100 bytes left unbound"),
                inward.describe());
        Binding exact = new Binding(0, 0, PAGE, BASE, new PageRange(BASE, PAGE));
        assertTrue(exact.describe().endsWith("(page-aligned, no rounding)"), exact.describe());
        Binding nothing = new Binding(0, 10, 100, BASE, new PageRange(BASE + PAGE, 0));
        assertTrue(nothing.describe().contains("hold no whole page: nothing bound"), nothing.describe());
    }

    @Test
    void bindingBeforeTouchingPlacesThePagesOnTheNode() throws Exception {
        assumeTrue(Mmap.unavailableReason() == null, Mmap.unavailableReason());
        try (NativeBuffer buffer = NativeBuffer.allocate(32 * PAGE)) {
            Binding binding = NodeBinding.bind(buffer, 0, buffer.length(), LAST, PAGE, Rounding.OUTWARD).orThrow();
            assertEquals(32, binding.bound().pages(PAGE));
            assertEquals(MemoryPolicy.bind(LAST), Numa.rangePolicy(buffer.address()).orThrow());
            assertEquals(32, PagePlacement.query(buffer, PAGE, List.of()).orThrow().untouchedPages(),
                    "binding alone allocates nothing");
            FreshThread.run(() -> FirstTouch.touch(buffer, 0, buffer.length(), PAGE, PAGE));
            assertEquals(1.0, PagePlacement.query(buffer, PAGE, List.of()).orThrow().share(LAST));
        }
    }

    @Test
    void bindingTouchedPagesOfAWrappedDirectBufferMovesThemStrictly() {
        assumeTrue(Mmap.unavailableReason() == null, Mmap.unavailableReason());
        ByteBuffer direct = ByteBuffer.allocateDirect((int) (8 * PAGE));
        NativeBuffer buffer = NativeBuffer.wrap(direct);
        Binding binding = NodeBinding.bind(buffer, 0, buffer.length(), LAST, PAGE, Rounding.OUTWARD).orThrow();
        long bound = binding.bound().pages(PAGE);
        assertEquals(buffer.address() % PAGE == 0 ? 8 : 7, bound, binding.describe());
        PlacementReport report = PagePlacement.query(buffer, PAGE, List.of()).orThrow();
        // The bound pages moved to LAST; the unaligned edges, shared with other memory, stay where they were.
        assertTrue(report.share(LAST) >= (double) bound / report.pages(), report.render());
    }

    @Test
    void badNodesAreRejectedByValue() {
        assumeTrue(Mmap.unavailableReason() == null, Mmap.unavailableReason());
        try (NativeBuffer buffer = NativeBuffer.allocate(PAGE)) {
            for (int bad : new int[] {LiveMachine.nodeIdLimit() + 998, -1}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> NodeBinding.bind(buffer, 0, PAGE, bad, PAGE, Rounding.INWARD));
                assertTrue(e.getMessage().startsWith("node " + bad + " is outside the node ids this kernel supports"),
                        e.getMessage());
            }
            assertThrows(IndexOutOfBoundsException.class,
                    () -> NodeBinding.bind(buffer, 0, 2 * PAGE, 0, PAGE, Rounding.INWARD));
        }
    }
}
