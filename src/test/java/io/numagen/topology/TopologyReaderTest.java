package io.numagen.topology;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The reader on small synthetic roots, one odd case at a time, and on this machine. */
class TopologyReaderTest {

    @TempDir
    Path root;

    private void write(String relative, String content) throws IOException {
        Path file = root.resolve(relative);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Two nodes with ids 0 and 2 (node 2 memory only), CPU 3 offline, an affinity mask and kernel settings. */
    private void writeTwoNodeMachine() throws IOException {
        write("sys/devices/system/cpu/online", "0-2\n");
        write("sys/devices/system/cpu/offline", "3\n");
        write("sys/devices/system/cpu/possible", "0-3\n");
        for (int cpu = 0; cpu <= 2; cpu++) {
            write("sys/devices/system/cpu/cpu" + cpu + "/topology/physical_package_id", "0\n");
            write("sys/devices/system/cpu/cpu" + cpu + "/topology/core_id", cpu / 2 + "\n");
            write("sys/devices/system/cpu/cpu" + cpu + "/topology/thread_siblings_list", cpu < 2 ? "0-1\n" : "2\n");
        }
        Files.createDirectories(root.resolve("sys/devices/system/cpu/cpu3"));
        write("sys/devices/system/node/online", "0,2\n");
        write("sys/devices/system/node/node0/cpulist", "0-3\n");
        write("sys/devices/system/node/node0/meminfo", "Node 0 MemTotal: 1024 kB\nNode 0 MemFree: 512 kB\n");
        write("sys/devices/system/node/node0/distance", "10 30\n");
        write("sys/devices/system/node/node2/cpulist", "\n");
        write("sys/devices/system/node/node2/meminfo", "Node 2 MemTotal: 2048 kB\nNode 2 MemFree: 2048 kB\n");
        write("sys/devices/system/node/node2/distance", "30 10\n");
        write("proc/self/status", "Name:\tjava\nCpus_allowed:\tf\nCpus_allowed_list:\t1-3\nMems_allowed_list:\t2\n");
        write("sys/kernel/mm/transparent_hugepage/enabled", "always madvise [never]\n");
        write("sys/kernel/mm/transparent_hugepage/hpage_pmd_size", "2097152\n");
        write("proc/sys/kernel/numa_balancing", "1\n");
    }

    @Test
    void readsSparseNodesCpuLessNodesOfflineCpusAndAffinity() throws IOException {
        writeTwoNodeMachine();
        Topology t = TopologyReader.read(root);
        assertEquals(List.of(0, 2), t.nodes().stream().map(NumaNode::id).toList());
        NumaNode two = t.node(2).orElseThrow();
        assertFalse(two.hasCpus());
        assertEquals(2048 * 1024L, two.memTotalBytes());
        assertEquals(30, t.distance(2, 0));
        assertEquals(-1, t.distance(0, 1), "no node 1");
        assertEquals(CpuSet.of(3), t.offlineCpus());
        assertEquals(CpuSet.of(1, 2), t.allowedCpus(), "affinity 1-3 narrowed to online CPUs");
        assertEquals(CpuSet.of(2), t.allowedMemoryNodes());
        assertEquals(List.of("/proc/self/status"), t.allowedSources());
        assertEquals(List.of(0), t.usableNodes().stream().map(NumaNode::id).toList());
        assertEquals(3, t.cpus().size(), "offline CPU 3 has no topology directory");
        assertEquals(CpuSet.of(0, 1), t.threadSiblingsOf(1));
        assertEquals(CpuSet.of(3), t.threadSiblingsOf(3), "unknown siblings: the CPU alone");
        assertEquals(new KernelSettings("never", 2097152L, 1), t.kernel());
        assertEquals(-1, t.nodeOfCpu(7));
        assertTrue(t.allowedCpusOf(9).isEmpty());
    }

    @Test
    void printsTheTwoNodeMachine() throws IOException {
        writeTwoNodeMachine();
        String text = TopologyPrinter.text(TopologyReader.read(root));
        assertTrue(text.startsWith("available: 2 nodes (0,2)\nnode 0 cpus: 0-3\n"), text);
        assertTrue(text.contains("node 2 cpus: (none)\n"), text);
        assertTrue(text.contains("node distances:\nnode    0   2\n   0:  10  30\n   2:  30  10\n"), text);
        assertTrue(text.contains("offline cpus: 3\n"), text);
        assertTrue(text.contains("allowed cpus: 1-2\n"), text);
        assertTrue(text.contains("allowed from: /proc/self/status\n"), text);
        assertTrue(text.contains("transparent hugepages: never (2048 kB pages)\n"), text);
        assertTrue(text.contains("numa_balancing: 1 (on"), text);
    }

    @Test
    void noNodeDirectoryMeansOneImplicitNode() throws IOException {
        write("sys/devices/system/cpu/online", "0-3\n");
        write("proc/meminfo", "MemTotal:        8000 kB\nMemFree:         6000 kB\nBuffers: 1 kB\n");
        Topology t = TopologyReader.read(root);
        assertEquals(1, t.nodes().size());
        NumaNode only = t.nodes().get(0);
        assertEquals(0, only.id());
        assertEquals(CpuSet.range(0, 3), only.cpus());
        assertEquals(8000 * 1024L, only.memTotalBytes());
        assertEquals(6000 * 1024L, only.memFreeBytes());
        assertEquals(CpuSet.range(0, 3), t.allowedCpus(), "no /proc/self/status: allowed = online");
        assertEquals(KernelSettings.UNKNOWN, t.kernel());
        assertTrue(TopologyPrinter.text(t).contains("node distances: unknown"));
        assertTrue(TopologyPrinter.text(t).contains("transparent hugepages: unknown"));
    }

    @Test
    void missingDistanceFileMakesDistancesUnknown() throws IOException {
        write("sys/devices/system/cpu/online", "0-1\n");
        write("sys/devices/system/node/node0/cpulist", "0\n");
        write("sys/devices/system/node/node0/distance", "10 20\n");
        write("sys/devices/system/node/node1/cpulist", "1\n");
        Topology t = TopologyReader.read(root);
        assertFalse(t.distances().known());
        assertEquals(-1, t.distance(0, 1));
        assertTrue(t.notes().stream().anyMatch(n -> n.contains("node1/distance")), t.notes().toString());
        assertEquals(NumaNode.UNKNOWN, t.node(1).orElseThrow().memTotalBytes());
        assertTrue(TopologyPrinter.text(t).contains("node 1 size: unknown"));
    }

    @Test
    void cgroupV2CpusetNarrowsTheAllowedSets() throws IOException {
        write("sys/devices/system/cpu/online", "0-3\n");
        write("proc/self/cgroup", "0::/jobs/job 1\n");
        write("proc/mounts", "proc /proc proc rw 0 0\ncgroup2 /sys/fs/cgroup cgroup2 rw,nosuid 0 0\n");
        write("sys/fs/cgroup/jobs/job 1/cpuset.cpus.effective", "2-3\n");
        write("sys/fs/cgroup/jobs/job 1/cpuset.mems.effective", "0\n");
        write("proc/self/status", "Cpus_allowed:\t7\nMems_allowed:\t00000000,00000001\n");
        Topology t = TopologyReader.read(root);
        assertEquals(CpuSet.of(2), t.allowedCpus(), "mask 0-2 from status, 2-3 from the cgroup");
        assertEquals(CpuSet.of(0), t.allowedMemoryNodes());
        assertEquals(List.of("/proc/self/status", "/sys/fs/cgroup/jobs/job 1/cpuset.cpus.effective (cgroup v2)",
                "/sys/fs/cgroup/jobs/job 1/cpuset.mems.effective (cgroup v2)"), t.allowedSources());
    }

    @Test
    void cgroupV1MountPathsWithEscapedSpaces() throws IOException {
        write("sys/devices/system/cpu/online", "0-3\n");
        write("proc/self/cgroup", "3:cpuset,cpu:/batch\n0::/\n");
        write("proc/mounts", "cgroup /sys/fs/cgroup/my\\040cpuset cgroup rw,cpuset,cpu 0 0\n");
        write("sys/fs/cgroup/my cpuset/batch/cpuset.cpus", "1\n");
        Topology t = TopologyReader.read(root);
        assertEquals(CpuSet.of(1), t.allowedCpus());
        assertEquals(List.of("/sys/fs/cgroup/my cpuset/batch/cpuset.cpus (cgroup v1 cpuset)"), t.allowedSources());
    }

    private void assertMalformed(String file, String content, String... expected) throws IOException {
        write(file, content);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopologyReader.read(root));
        assertTrue(e.getMessage().contains("/" + file), e.getMessage());
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void malformedCpuList() throws IOException {
        assertMalformed("sys/devices/system/cpu/online", "0-x\n", "'0-x'");
    }

    @Test
    void malformedNodeCpuMask() throws IOException {
        write("sys/devices/system/cpu/online", "0\n");
        assertMalformed("sys/devices/system/node/node0/cpumap", "zz\n", "zz");
    }

    @Test
    void malformedMeminfo() throws IOException {
        write("sys/devices/system/cpu/online", "0\n");
        write("sys/devices/system/node/node0/cpulist", "0\n");
        assertMalformed("sys/devices/system/node/node0/meminfo", "Node 0 MemTotal: lots kB\n", "'lots kB'");
    }

    @Test
    void malformedDistance() throws IOException {
        write("sys/devices/system/cpu/online", "0\n");
        write("sys/devices/system/node/node0/cpulist", "0\n");
        assertMalformed("sys/devices/system/node/node0/distance", "10 far\n", "'10 far'");
    }

    @Test
    void malformedAffinity() throws IOException {
        write("sys/devices/system/cpu/online", "0\n");
        assertMalformed("proc/self/status", "Cpus_allowed_list:\t0-\n", "Cpus_allowed_list", "'0-'");
    }

    @Test
    void malformedKernelSettings() throws IOException {
        assertMalformed("sys/kernel/mm/transparent_hugepage/enabled", "always\n", "'always'");
    }

    @Test
    void malformedCoreId() throws IOException {
        write("sys/devices/system/cpu/online", "0\n");
        assertMalformed("sys/devices/system/cpu/cpu0/topology/core_id", "zero\n", "'zero'");
    }

    @Test
    void symlinkLoopCpuListIsNotedNotReadAsNoCpus() throws IOException {
        writeTwoNodeMachine();
        Path cpulist = root.resolve("sys/devices/system/node/node0/cpulist");
        Files.delete(cpulist);
        Files.createSymbolicLink(cpulist, cpulist.getFileName());
        Topology t = TopologyReader.read(root);
        assertTrue(t.notes().contains("/sys/devices/system/node/node0/cpulist is a symbolic link that resolves to "
                + "nothing (a loop or a missing target): ignored"), t.notes().toString());
    }

    @Test
    void symlinkLoopNodeIsNeitherANodeNorAnAllowedMemoryNode() throws IOException {
        writeTwoNodeMachine();
        write("proc/self/status", "Name:\tjava\nCpus_allowed_list:\t0-2\n");
        write("sys/devices/system/node/online", "0,2,5\n");
        Path node5 = root.resolve("sys/devices/system/node/node5");
        Files.createSymbolicLink(node5, node5.getFileName());
        Topology t = TopologyReader.read(root);
        assertEquals(List.of(0, 2), t.nodes().stream().map(NumaNode::id).toList());
        assertEquals(CpuSet.of(0, 2), t.allowedMemoryNodes());
        assertTrue(t.notes().stream().anyMatch(n -> n.startsWith("/sys/devices/system/node/node5 is a symbolic link")),
                t.notes().toString());
    }

    @Test
    void hugeSparseFileIsRefusedWithoutReadingItWhole() throws IOException {
        writeTwoNodeMachine();
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(
                root.resolve("sys/devices/system/cpu/online").toFile(), "rw")) {
            f.setLength(3L << 30); // 3 GiB of holes: no disk, but a whole read would need 3 GiB of heap
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TopologyReader.read(root));
        assertEquals("/sys/devices/system/cpu/online holds more than 1048576 bytes, too large for a kernel attribute "
                + "file", e.getMessage());
    }

    @Test
    void missingRootIsAnError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TopologyReader.read(root.resolve("absent")));
        assertTrue(e.getMessage().contains("absent"), e.getMessage());
    }

    @Test
    void thisMachineIsConsistent() {
        Topology t = TopologyReader.read();
        assertFalse(t.nodes().isEmpty());
        assertFalse(t.onlineCpus().isEmpty());
        assertFalse(t.allowedCpus().isEmpty());
        assertTrue(t.onlineCpus().containsAll(t.allowedCpus()));
        assertTrue(t.nodeIds().containsAll(t.allowedMemoryNodes()));
        assertFalse(t.usableNodes().isEmpty());
        for (int cpu : t.allowedCpus().toArray()) {
            assertTrue(t.nodeOfCpu(cpu) >= 0, "allowed CPU " + cpu + " is in a node");
        }
        // The JVM counts the affinity mask, lowered further by any cgroup CPU quota.
        assertTrue(Runtime.getRuntime().availableProcessors() <= t.allowedCpus().size());
    }
}
