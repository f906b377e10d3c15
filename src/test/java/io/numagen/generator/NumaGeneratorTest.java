package io.numagen.generator;

import io.numagen.exec.NumaMode;
import io.numagen.exec.NumaOptions;
import io.numagen.exec.WorkerLocation;
import io.numagen.memory.NativeBuffer;
import io.numagen.memory.PlacementReport;
import io.numagen.nativeio.Affinity;
import io.numagen.testing.LiveMachine;
import io.numagen.topology.TopologyReader;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.numagen.generator.GeneratorTestSupport.oneShot;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The NUMA layer on the live machine with real system calls, expecting what its topology says (one node here; two,
 * four and a memoryless node in the emulated guests).
 */
class NumaGeneratorTest {
    private static final GeneratorConfig CONFIG = new GeneratorConfig(65536, 1.5, 2, 3);
    private static final List<Integer> ALLOWED = Affinity.current().orThrow();

    @Test
    void forcePinsEveryWorkerToItsPlannedCpu() {
        try (DataGenerator g = DataGenerator.create(CONFIG, ALLOWED.size() + 1,
                new NumaOptions(NumaMode.FORCE, "compact", true, false))) {
            int[] planned = g.numaPlan().cpus().orElseThrow().cpuOfWorker();
            for (WorkerLocation at : g.workerLocations()) {
                int cpu = planned[at.worker()];
                assertEquals(List.of(cpu), at.allowedCpus(), "worker " + at.worker() + " affinity");
                assertEquals(cpu, at.cpu(), "worker " + at.worker() + " getcpu");
                assertEquals(LiveMachine.nodeOfCpu(cpu), at.node(), "worker " + at.worker() + " node");
            }
            assertTrue(g.numaPlan().notes().stream().anyMatch(n -> n.contains("oversubscribed")),
                    g.numaPlan().notes().toString());
        }
    }

    @Test
    void autoPinsOnlyWithTwoUsableNodes() {
        try (DataGenerator g = DataGenerator.create(CONFIG, 2, NumaOptions.auto())) {
            boolean multiNode = LiveMachine.TOPOLOGY.usableNodes().size() >= 2;
            assertEquals(multiNode, g.numaPlan().cpus().isPresent(), g.numaPlan().describe());
            for (WorkerLocation at : g.workerLocations()) {
                assertEquals(multiNode ? List.of(g.numaPlan().cpus().orElseThrow().cpuOf(at.worker())) : ALLOWED,
                        at.allowedCpus(), "worker " + at.worker());
            }
        }
    }

    @Test
    void firstTouchedBufferIsWhollyOnNodeZeroAndLocalToItsWriters() {
        long size = (32 << 20) + 4097; // not a whole number of pages: the aligned mapping keeps its last page
        try (DataGenerator g = DataGenerator.create(CONFIG, 2, NumaOptions.force());
             NativeBuffer buffer = g.generate(size)) {
            PlacementReport report = g.placement(buffer).orThrow();
            assertEquals((size + 4095) / 4096, report.pages());
            assertEquals(0, report.untouchedPages());
            assertEachWritersPagesOnItsNode(report);
        }
    }

    @Test
    void boundBufferIsOnTheBoundNode() {
        try (DataGenerator g = DataGenerator.create(CONFIG, 2, new NumaOptions(NumaMode.FORCE, "scatter", false, true));
             NativeBuffer buffer = g.generate(8 << 20)) {
            PlacementReport report = g.placement(buffer).orThrow();
            assertEquals(0, report.untouchedPages());
            assertEachWritersPagesOnItsNode(report);
        }
    }

    /**
     * Writers on a node with memory have all their pages there; a node without memory (or outside the cpuset) holds
     * none: its writers' pages went to a node the kernel chose (ties between equally far nodes vary, so not which).
     */
    private static void assertEachWritersPagesOnItsNode(PlacementReport report) {
        assertEquals(0, report.failedPages(), report.render());
        for (PlacementReport.NodeShare n : report.nodes()) {
            if (LiveMachine.MEMORY_NODES.contains(n.node())) {
                assertEquals(n.writtenFrom(), n.localPages(), "node " + n.node() + "\n" + report.render());
            } else {
                assertEquals(0, n.pages(), "node " + n.node() + " takes no pages\n" + report.render());
            }
        }
    }

    @Test
    void placementNeverChangesTheBytes() {
        byte[] plain = oneShot(CONFIG, 2, 300_000);
        for (NumaOptions numa : List.of(NumaOptions.off(), NumaOptions.force(),
                new NumaOptions(NumaMode.FORCE, "compact", false, true))) {
            try (DataGenerator g = DataGenerator.create(CONFIG, 3, numa); NativeBuffer b = g.generate(300_000)) {
                assertArrayEquals(plain, GeneratorTestSupport.bytes(b, 0, 300_000), numa.toString());
            }
        }
    }

    @Test
    void pinningToACpuOutsideTheAllowedSetIsRefusedBeforeAnyThreadStarts() {
        int outside = TopologyReader.read().onlineCpus().size() + 7;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DataGenerator.create(CONFIG, 1,
                new NumaOptions(NumaMode.FORCE, Integer.toString(outside), false, false)));
        assertTrue(e.getMessage().startsWith("CPU " + outside + " is not allowed for this process; allowed CPUs: "),
                e.getMessage());
    }
}
