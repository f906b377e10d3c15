package io.numagen.memory;

import io.numagen.exec.WorkerPool;
import io.numagen.nativeio.Affinity;
import io.numagen.nativeio.CpuLocation;
import io.numagen.nativeio.Mmap;
import io.numagen.testing.FreshThread;
import io.numagen.testing.LiveMachine;
import io.numagen.topology.NumaNode;
import io.numagen.topology.Topology;
import io.numagen.topology.TopologyReader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PagePlacementTest {
    private static final long PAGE = 4096;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Mmap.unavailableReason() == null, Mmap.unavailableReason());
        assumeTrue(Mmap.pageSize().orThrow() == PAGE, "tests assume 4 KiB pages");
    }

    @Test
    void freshMappingIsAllUntouchedAcrossSeveralBatches() {
        long pages = PagePlacement.BATCH_PAGES * 2L + 5;
        try (NativeBuffer buffer = NativeBuffer.allocate(pages * PAGE)) {
            PlacementReport report = PagePlacement.query(buffer, PAGE, List.of()).orThrow();
            assertEquals(pages, report.pages());
            assertEquals(pages, report.untouchedPages(), report.render());
            assertEquals(0, report.placedPages());
        }
    }

    @Test
    void afterFirstTouchFromAThreadEveryPageIsOnItsNodeAndLocal() throws Exception {
        try (NativeBuffer buffer = NativeBuffer.allocate(1024 * PAGE)) {
            int[] node = new int[1];
            FreshThread.run(() -> {
                Affinity.pin(LiveMachine.cpuOnAMemoryNode()).orThrow();
                node[0] = Affinity.location().orThrow().node();
                FirstTouch.touch(buffer, 0, buffer.length(), PAGE, PAGE);
            });
            PlacementReport report = PagePlacement.query(buffer, PAGE,
                    List.of(new WriterRange(0, buffer.length(), node[0]))).orThrow();
            assertEquals(1.0, report.share(node[0]), report.render());
            assertEquals(1.0, report.localShare(), report.render());
            assertTrue(report.render().contains("node " + node[0] + ": 100.0 % (1024 pages), local to writer: 100.0 %"),
                    report.render());
        }
    }

    @Test
    void pinnedWorkersTouchingTheirOwnRangesAreAllLocal() {
        // A node short of free memory hands new pages to the next node (the kernel's fallback, seen in the 4-node
        // guest with 512 MiB nodes): only CPUs of nodes with room write here.
        Topology now = TopologyReader.read();
        List<Integer> cpus = Affinity.current().orThrow().stream().filter(cpu -> hasRoom(now, now.nodeOfCpu(cpu)))
                .toList();
        assumeTrue(!cpus.isEmpty(), "no node with " + (ROOM >> 20) + " MiB free: " + now.nodes());
        // Whole pages per worker: a page holding the bytes of two workers on different nodes goes to whichever of
        // them faults it first, so it cannot be local to both.
        long perWorker = 64 * PAGE;
        try (NativeBuffer buffer = NativeBuffer.allocate(perWorker * cpus.size());
             WorkerPool pool = new WorkerPool(cpus.size(), "touch", w -> Affinity.pin(cpus.get(w)).orThrow())) {
            // Base pages: under THP "always" one huge page would go wholly to whichever worker touched it first.
            assertTrue(Mmap.adviseHugePages(buffer.address(), buffer.length(), false).isOk());
            CpuLocation[] ranOn = new CpuLocation[cpus.size()];
            pool.run(w -> {
                ranOn[w] = Affinity.location().orThrow();
                FirstTouch.touch(buffer, w * perWorker, perWorker, PAGE, PAGE);
            });
            List<WriterRange> writers = new ArrayList<>();
            for (int w = 0; w < cpus.size(); w++) {
                assertEquals(cpus.get(w), ranOn[w].cpu());
                writers.add(new WriterRange(w * perWorker, perWorker, ranOn[w].node()));
            }
            PlacementReport report = PagePlacement.query(buffer, PAGE, writers).orThrow();
            assertEquals(0, report.untouchedPages(), report.render());
            assertEquals(1.0, report.localShare(), report.render() + "free before: " + now.nodes());
        }
    }

    private static final long ROOM = 64L << 20;

    private static boolean hasRoom(Topology topology, int node) {
        return topology.node(node).map(n -> n.memFreeBytes() == NumaNode.UNKNOWN || n.memFreeBytes() >= ROOM)
                .orElse(false);
    }

    @Test
    void aRangeQueryCoversOnlyThePagesOfThatRange() throws Exception {
        try (NativeBuffer buffer = NativeBuffer.allocate(16 * PAGE)) {
            FreshThread.run(() -> FirstTouch.touch(buffer, 4 * PAGE, 4 * PAGE, PAGE, PAGE));
            PlacementReport touched = PagePlacement.query(buffer, 4 * PAGE + 1, 4 * PAGE - 2, PAGE, List.of())
                    .orThrow();
            assertEquals(4, touched.pages());
            assertEquals(4, touched.placedPages());
            PlacementReport straddling = PagePlacement.query(buffer, 7 * PAGE, 2 * PAGE, PAGE, List.of()).orThrow();
            assertEquals(1, straddling.untouchedPages(), straddling.render());
            assertThrows(IndexOutOfBoundsException.class,
                    () -> PagePlacement.query(buffer, PAGE, 16 * PAGE, PAGE, List.of()));
        }
    }
}
