package io.numagen.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Each hwloc fixture read by {@link TopologyReader} agrees with hwloc's own reading of it (its hwloc.console),
 * whose values are copied here by hand. hwloc hides what the process may not use, so a restricted fixture is
 * compared through {@link Topology#allowedCpusOf} and {@link Topology#allowedMemoryNodes}. Two fixtures come with an
 * empty hwloc.console; their expectations were read by hand from their sysfs files.
 */
class HwlocFixturesTest {

    private static final long MIB = 1L << 20;
    private static final long GIB = 1L << 30;

    /** hwloc prints sizes rounded to its unit: "8190MiB", "16GiB". */
    private static void assertHwlocSize(String hwloc, long bytes) {
        long unit = hwloc.endsWith("GiB") ? GIB : MIB;
        long value = Long.parseLong(hwloc.substring(0, hwloc.length() - 3));
        assertEquals(value, Math.round((double) bytes / unit), hwloc + " vs " + bytes + " bytes");
    }

    private static void assertNode(Topology t, int id, String cpus, String hwlocSize) {
        NumaNode n = t.node(id).orElseThrow(() -> new AssertionError("no node " + id));
        assertEquals(CpuSet.parseList(cpus), n.cpus(), "cpus of node " + id);
        if (hwlocSize != null) {
            assertHwlocSize(hwlocSize, n.memTotalBytes());
        }
    }

    private static List<Integer> ids(List<NumaNode> nodes) {
        return nodes.stream().map(NumaNode::id).toList();
    }

    @Test
    void amd16With8NodesOf2Cores() {
        Topology t = Fixtures.read("16amd64-8n2c");
        assertEquals(List.of(0, 1, 2, 3, 4, 5, 6, 7), ids(t.nodes()));
        assertNode(t, 0, "0-1", "8190MiB");
        assertNode(t, 1, "2-3", "8192MiB");
        assertNode(t, 2, "4-5", "8192MiB");
        assertNode(t, 3, "6-7", "8192MiB");
        assertNode(t, 4, "8-9", "8192MiB");
        assertNode(t, 5, "10-11", "8192MiB");
        assertNode(t, 6, "12-13", "8192MiB");
        assertNode(t, 7, "14-15", "8192MiB");
        assertEquals(10, t.distance(3, 3));
        assertEquals(20, t.distance(0, 7));
        assertEquals(CpuSet.range(0, 15), t.allowedCpus());
        assertEquals(CpuSet.range(0, 7), t.allowedMemoryNodes());
        assertTrue(t.allowedSources().isEmpty(), "no proc/self/status: allowed = online");
        assertEquals(8, t.usableNodes().size());
    }

    @Test
    void cpusetRestrictsCpusAndMemoryNodes() {
        Topology t = Fixtures.read("16amd64-8n2c-cpusets");
        assertEquals(CpuSet.parseList("0-3,5-15"), t.onlineCpus());
        assertEquals(CpuSet.of(4), t.offlineCpus());
        // hwloc: "6 processors not represented in topology: 0x00000f90" (CPUs 4,7-11).
        assertEquals(CpuSet.parseList("0-3,5-6,12-15"), t.allowedCpus());
        // hwloc shows NUMANodes P#1..P#4 only, 8192MiB each.
        assertEquals(CpuSet.range(1, 4), t.allowedMemoryNodes());
        for (int node = 1; node <= 4; node++) {
            assertNode(t, node, (2 * node) + "-" + (2 * node + 1), "8192MiB");
        }
        assertEquals(CpuSet.of(0, 1), t.allowedCpusOf(0));
        assertEquals(CpuSet.of(2, 3), t.allowedCpusOf(1));
        assertEquals(CpuSet.of(5), t.allowedCpusOf(2));
        assertEquals(CpuSet.of(6), t.allowedCpusOf(3));
        assertTrue(t.allowedCpusOf(4).isEmpty());
        assertEquals(CpuSet.of(12, 13), t.allowedCpusOf(6));
        assertEquals(CpuSet.of(14, 15), t.allowedCpusOf(7));
        assertEquals(List.of(0, 1, 2, 3, 6, 7), ids(t.usableNodes()));
        assertEquals(List.of("/dev/cpuset/dummy/cpus (cgroup v1 cpuset)", "/dev/cpuset/dummy/mems (cgroup v1 cpuset)"),
                t.allowedSources());
    }

    @Test
    void cgroupWithPrefixlessFilesAndDistanceMerge() {
        Topology t = Fixtures.read("16amd64-4n4c-cgroup-distance-merge");
        assertNode(t, 0, "0-3", null);
        assertNode(t, 1, "4-7", null);
        assertNode(t, 2, "8-11", "8192MiB");
        assertNode(t, 3, "12-15", "8192MiB");
        // hwloc: PUs 0-3 only ("12 processors not represented: 0x0000fff0"), NUMANodes P#2 and P#3, distance 20.
        assertEquals(CpuSet.range(0, 3), t.allowedCpus());
        assertEquals(CpuSet.of(2, 3), t.allowedMemoryNodes());
        assertEquals(20, t.distance(2, 3));
        assertEquals(10, t.distance(2, 2));
        assertEquals(List.of(0), ids(t.usableNodes()));
        assertTrue(t.allowedSources().get(0).startsWith("/dev/cpuset/prout/cpus"), t.allowedSources().toString());
    }

    @Test
    void armWithoutNodeDirectoryHasOneImplicitNode() {
        Topology t = Fixtures.read("2arm-2c");
        assertEquals(List.of(0), ids(t.nodes()));
        assertNode(t, 0, "0-1", "274MiB");
        assertFalse(t.distances().known());
        assertEquals(-1, t.distance(0, 0));
        LogicalCpu cpu1 = t.cpu(1).orElseThrow();
        assertEquals(3, cpu1.packageId(), "hwloc: Package L#0 (P#3)");
        assertEquals(1, cpu1.coreId());
        assertEquals(CpuSet.range(0, 1), t.allowedCpus());
        assertTrue(t.notes().stream().anyMatch(n -> n.contains("implicit node 0")));
    }

    /** hwloc.console is empty; hwloc's own XML of this dump has node 0 = CPUs 0-7, 17149054976 bytes. */
    @Test
    void xeonWithManyOfflinePossibleCpus() {
        Topology t = Fixtures.read("32em64t-2n8c+dax+nvme+mic+dimms");
        assertEquals(List.of(0, 1), ids(t.nodes()));
        assertNode(t, 0, "0-7", null);
        assertNode(t, 1, "8-15", null);
        assertEquals(16747124L * 1024, t.node(0).orElseThrow().memTotalBytes());
        assertEquals(16777216L * 1024, t.node(1).orElseThrow().memTotalBytes());
        assertEquals(21, t.distance(0, 1));
        assertEquals(CpuSet.range(0, 15), t.onlineCpus());
        assertEquals(CpuSet.range(16, 127), t.offlineCpus());
        assertEquals(CpuSet.range(0, 127), t.possibleCpus());
        assertEquals(CpuSet.range(0, 15), t.allowedCpus());
    }

    @Test
    void intelWithInterleavedNodeNumbering() {
        Topology t = Fixtures.read("40intel64-4n10c+pci-conflicts");
        assertNode(t, 0, "0,4,8,12,16,20,24,28,32,36", "128GiB");
        assertNode(t, 1, "1,5,9,13,17,21,25,29,33,37", "128GiB");
        assertNode(t, 2, "2,6,10,14,18,22,26,30,34,38", "128GiB");
        assertNode(t, 3, "3,7,11,15,19,23,27,31,35,39", "128GiB");
        assertEquals("0-36:4", t.node(0).orElseThrow().cpus().toString());
        assertEquals(20, t.distance(1, 2));
        assertEquals(CpuSet.range(40, 79), t.offlineCpus());
        assertEquals(CpuSet.range(0, 39), t.allowedCpus());
        assertEquals(CpuSet.range(0, 3), t.allowedMemoryNodes());
        assertEquals(2, t.nodeOfCpu(38));
        LogicalCpu cpu12 = t.cpu(12).orElseThrow();
        assertEquals(0, cpu12.packageId());
        assertEquals(8, cpu12.coreId(), "hwloc: Core L#3 (P#8) holds PU P#12");
        assertEquals(List.of("/dev/cpuset/torque/513099.master.cm.cluster/cpus (cgroup v1 cpuset)",
                "/dev/cpuset/torque/513099.master.cm.cluster/mems (cgroup v1 cpuset)"), t.allowedSources());
    }

    @Test
    void amd64With2NodesPerPackageAndAsymmetricDistances() {
        Topology t = Fixtures.read("64amd64-4s2n4ca2co");
        for (int node = 0; node < 8; node++) {
            assertNode(t, node, (8 * node) + "-" + (8 * node + 7), node == 5 ? "8192MiB" : "16GiB");
        }
        int[][] hwloc = {
            {10, 16, 16, 22, 16, 22, 16, 22},
            {16, 10, 22, 16, 16, 22, 22, 16},
            {16, 22, 10, 16, 16, 16, 16, 16},
            {22, 16, 16, 10, 16, 16, 22, 22},
            {16, 16, 16, 16, 10, 16, 16, 22},
            {22, 22, 16, 16, 16, 10, 22, 16},
            {16, 22, 16, 22, 16, 22, 10, 16},
            {22, 16, 16, 22, 22, 16, 16, 10},
        };
        for (int a = 0; a < 8; a++) {
            for (int b = 0; b < 8; b++) {
                assertEquals(hwloc[a][b], t.distance(a, b), "distance " + a + "," + b);
            }
        }
        assertEquals(0, t.cpu(8).orElseThrow().packageId(), "hwloc: NUMANode P#1 is in Package P#0");
        assertEquals(2, t.cpu(40).orElseThrow().packageId());
    }

    @Test
    void buggyNumaTableCollapsesToOneNode() {
        Topology t = Fixtures.read("8em64t-2s2ca2c-buggynuma");
        // hwloc: one NUMANode P#0 (2048MiB) holding PUs 0-7.
        assertEquals(List.of(0), ids(t.nodes()));
        assertNode(t, 0, "0-7", "2048MiB");
        assertEquals(CpuSet.of(0), t.allowedMemoryNodes());
        assertEquals(10, t.distance(0, 0));
        assertEquals(-1, t.distance(0, 1));
        assertEquals(7, t.notes().stream().filter(n -> n.contains("dropped")).count());
        assertEquals(0, t.cpu(2).orElseThrow().packageId(), "hwloc: PU P#2 is in Package P#0");
        assertEquals(1, t.cpu(3).orElseThrow().packageId(), "hwloc: PU P#3 is in Package P#1");
    }

    @Test
    void xeonWithOneNode() {
        Topology t = Fixtures.read("8em64t-2s2ca2c");
        assertEquals(List.of(0), ids(t.nodes()));
        assertNode(t, 0, "0-7", "16GiB");
        assertEquals(CpuSet.range(0, 7), t.allowedCpus());
        assertEquals(CpuSet.range(8, 511), t.offlineCpus(), "as the offline file says, past possible");
        assertEquals(0, t.cpu(4).orElseThrow().packageId(), "hwloc: PU P#4 is in Package P#0");
        assertEquals(1, t.cpu(1).orElseThrow().packageId(), "hwloc: PU P#1 is in Package P#1");
    }

    /**
     * hwloc.console is empty. Read by hand: only cpumap masks, no cpulists, no cpu/online, no proc; node 2 has no
     * CPUs; nodes 3, 4 and 5 are nested heterogeneous-memory nodes (20-23 inside 16-23 inside 12-23) that the
     * distance table tells apart; CPUs 4-7 are in no node.
     */
    @Test
    void heterogeneousNestedNodesAreKept() {
        Topology t = Fixtures.read("fakeheterocpunuma");
        assertEquals(List.of(0, 1, 2, 3, 4, 5), ids(t.nodes()));
        assertNode(t, 0, "0-3", "1024MiB");
        assertNode(t, 1, "8-11", "1024MiB");
        assertNode(t, 2, "", "1024MiB");
        assertNode(t, 3, "20-23", "1024MiB");
        assertNode(t, 4, "16-23", "1024MiB");
        assertNode(t, 5, "12-23", "1024MiB");
        assertFalse(t.node(2).orElseThrow().hasCpus());
        assertTrue(t.node(2).orElseThrow().hasMemory());
        assertEquals(NumaNode.UNKNOWN, t.node(0).orElseThrow().memFreeBytes());
        assertEquals(CpuSet.range(0, 23), t.onlineCpus());
        assertEquals(3, t.nodeOfCpu(21), "the innermost node is the CPU's home");
        assertEquals(4, t.nodeOfCpu(17));
        assertEquals(5, t.nodeOfCpu(13));
        assertEquals(-1, t.nodeOfCpu(5));
        assertEquals(50, t.distance(0, 5));
        assertEquals(List.of(0, 1, 3, 4, 5), ids(t.usableNodes()));
        assertEquals(CpuSet.of(2, 3), t.cpu(2).orElseThrow().threadSiblings(), "from the thread_siblings mask");
    }
}
