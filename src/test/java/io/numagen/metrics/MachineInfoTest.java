package io.numagen.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MachineInfoTest {

    private static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void collectsFromACraftedTwoNodeMachine(@TempDir Path root) throws IOException {
        write(root, "proc/cpuinfo", "processor\t: 0\nmodel name\t: Xeon X\n\nprocessor\t: 1\nmodel name\t: Xeon X\n"
                + "\nprocessor\t: 2\nmodel name\t: Xeon X\n\nprocessor\t: 3\nmodel name\t: Xeon X\n");
        write(root, "proc/sys/kernel/osrelease", "6.1.0-test\n");
        write(root, "proc/sys/kernel/numa_balancing", "1\n");
        write(root, "proc/self/status", "Name:\tjava\nCpus_allowed_list:\t0-1\nMems_allowed_list:\t0\n");
        write(root, "sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never\n");
        write(root, "sys/devices/system/node/online", "0-1\n");
        write(root, "sys/devices/system/node/node0/cpulist", "0-1\n");
        write(root, "sys/devices/system/node/node0/distance", "10 21\n");
        write(root, "sys/devices/system/node/node1/cpulist", "2-3\n");
        write(root, "sys/devices/system/node/node1/distance", "21 10\n");
        Map<String, Object> m = MachineInfo.collect(root);
        assertEquals("Xeon X", m.get("cpuModel"));
        assertEquals(4, m.get("logicalCpus"));
        assertEquals("6.1.0-test", m.get("kernel"));
        assertEquals("1", m.get("numaBalancing"));
        assertEquals("always", m.get("thpEnabled"));
        assertEquals("0-1", m.get("cpusAllowed"));
        assertEquals("0", m.get("memsAllowed"));
        assertEquals(List.of(Map.of("id", 0, "cpus", "0-1", "distances", List.of(10, 21)),
                Map.of("id", 1, "cpus", "2-3", "distances", List.of(21, 10))), m.get("nodes"));
        assertFalse(m.containsKey("thpDefrag"), "missing files are absent, not guessed");
    }

    @Test
    void countsKernelLists() {
        assertEquals(4, MachineInfo.countList("0-3"));
        assertEquals(5, MachineInfo.countList("0-1,4,8-9"));
        assertEquals(0, MachineInfo.countList(" "));
        assertThrows(IllegalArgumentException.class, () -> MachineInfo.countList("a-b"));
    }
}
