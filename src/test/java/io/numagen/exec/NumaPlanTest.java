package io.numagen.exec;

import io.numagen.topology.Fixtures;
import io.numagen.topology.Topology;
import io.numagen.topology.TopologyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each NUMA mode applies, on real machines' sysfs dumps. */
class NumaPlanTest {
    private static final long PAGE = 4096;

    private static Topology fixture(String name) {
        return TopologyReader.read(Path.of("src/test/resources/sysfs", name));
    }

    @Test
    void autoPinsAndTouchesOnAFourNodeMachine() {
        NumaPlan plan = NumaPlan.resolve(NumaOptions.auto(), fixture("16amd64-8n2c"), 4,
                PAGE);
        assertTrue(plan.cpus().isPresent());
        assertTrue(plan.firstTouch());
        assertFalse(plan.bind());
    }

    @Test
    void autoSpreadsWorkersOverAllFourNodes() {
        NumaPlan plan = NumaPlan.resolve(NumaOptions.auto(), fixture("40intel64-4n10c+pci-conflicts"), 4, PAGE);
        assertEquals(4, plan.usableNodes().size(), plan.describe());
        int[] nodes = new int[4];
        for (int w = 0; w < 4; w++) {
            nodes[w] = plan.nodeOf(w);
        }
        assertArrayEquals(new int[] {0, 1, 2, 3}, Arrays.stream(nodes).sorted().toArray(), plan.describe());
    }

    @Test
    void autoSkipsEverythingWhereTheCpusetLeavesOneNode() {
        // The cgroup allows CPUs 0-3 only: all on node 0 of four.
        NumaPlan plan = NumaPlan.resolve(NumaOptions.auto(), fixture("16amd64-4n4c-cgroup-distance-merge"), 4, PAGE);
        assertEquals("0", plan.usableNodes().toString());
        assertFalse(plan.applied());
        assertEquals(-1, plan.nodeOf(0));
        assertTrue(plan.notes().get(0).contains("1 usable node (0), so pinning, first-touch and binding are skipped"),
                plan.notes().toString());
    }

    @Test
    void forceAppliesOnOneNodeAndSaysSo() {
        NumaPlan plan = NumaPlan.resolve(new NumaOptions(NumaMode.FORCE, "compact", true, true),
                fixture("16amd64-4n4c-cgroup-distance-merge"), 3, PAGE);
        assertTrue(plan.applied());
        assertTrue(plan.bind());
        assertArrayEquals(new int[] {0, 1, 2}, plan.cpus().orElseThrow().cpuOfWorker());
        assertTrue(plan.notes().get(0).startsWith("NUMA mode force: applying placement on 1 usable node"),
                plan.notes().toString());
    }

    @Test
    void offAppliesNothing() {
        NumaPlan plan = NumaPlan.resolve(NumaOptions.off(), fixture("40intel64-4n10c+pci-conflicts"), 8, PAGE);
        assertFalse(plan.applied());
        assertEquals(PAGE, plan.touchUnit());
    }

    @Test
    void hugePagesAreTheTouchUnitUnlessThpIsNever(@TempDir Path root) throws IOException {
        Path cpu = Files.createDirectories(root.resolve("sys/devices/system/cpu"));
        Files.writeString(cpu.resolve("online"), "0-1\n");
        Path thp = Files.createDirectories(root.resolve("sys/kernel/mm/transparent_hugepage"));
        Files.writeString(thp.resolve("hpage_pmd_size"), "2097152\n");
        Files.writeString(thp.resolve("enabled"), "[always] madvise never\n");
        assertEquals(2 << 20, NumaPlan.resolve(NumaOptions.force(), TopologyReader.read(root), 2, PAGE).touchUnit());
        // The generator advises its buffers MADV_HUGEPAGE, so "madvise" gives huge pages too.
        Files.writeString(thp.resolve("enabled"), "always [madvise] never\n");
        assertEquals(2 << 20, NumaPlan.resolve(NumaOptions.force(), TopologyReader.read(root), 2, PAGE).touchUnit());
        Files.writeString(thp.resolve("enabled"), "always madvise [never]\n");
        assertEquals(PAGE, NumaPlan.resolve(NumaOptions.force(), TopologyReader.read(root), 2, PAGE).touchUnit());
    }

    @Test
    void contradictoryOptionsAreRefused() {
        assertEquals("NUMA mode off applies no placement, so pinning must be none and first-touch and bind off; "
                        + "got pinning=scatter, first-touch=false, bind=false",
                assertThrows(IllegalArgumentException.class,
                        () -> new NumaOptions(NumaMode.OFF, "scatter", false, false)).getMessage());
        assertEquals("bind needs pinning (scatter, compact or a CPU list) so each worker's node is known; got "
                        + "pinning=none",
                assertThrows(IllegalArgumentException.class,
                        () -> new NumaOptions(NumaMode.FORCE, "none", true, true)).getMessage());
        assertEquals("NUMA mode must be one of auto, force, off, got 'sometimes'",
                assertThrows(IllegalArgumentException.class, () -> NumaMode.parse("sometimes")).getMessage());
    }

    @Test
    void workersOfAMemorylessNodeBindToTheNearestNodeWithMemoryAndSaySo() {
        Topology t = Fixtures.read("numagen-4n-sparse-memoryless");
        NumaPlan plan = NumaPlan.resolve(new NumaOptions(NumaMode.FORCE, "compact", false, true), t, 6, PAGE);
        assertEquals(List.of(0, 0, 2, 2, 0, 0), plan.bindNodes(), plan.describe());
        assertTrue(plan.notes().contains("node 5 has no memory this process may use: its workers bind to node 0, the "
                + "nearest that has"), plan.notes().toString());
    }
}
