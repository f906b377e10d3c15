package io.numagen.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumaStatTest {

    private static void node(Path sys, int node, long hit, long miss, long foreign, long local, long other)
            throws IOException {
        Path dir = Files.createDirectories(sys.resolve("devices/system/node/node" + node));
        Files.writeString(dir.resolve("numastat"), "numa_hit " + hit + "\nnuma_miss " + miss + "\nnuma_foreign "
                + foreign + "\ninterleave_hit 7\nlocal_node " + local + "\nother_node " + other + "\n");
    }

    @Test
    void readsEveryNodeAndComputesDeltas(@TempDir Path sys) throws IOException {
        node(sys, 0, 100, 0, 5, 100, 0);
        node(sys, 1, 200, 5, 0, 190, 10);
        node(sys, 10, 1, 0, 0, 1, 0);
        Files.createDirectories(sys.resolve("devices/system/node/power")); // not a node
        Files.writeString(sys.resolve("devices/system/node/online"), "0-1,10\n");
        NumaStat before = NumaStat.read(sys);
        assertEquals(java.util.List.of(0, 1, 10), new java.util.ArrayList<>(before.nodes().keySet()));
        assertEquals(190L, before.nodes().get(1).get("local_node"));

        node(sys, 0, 1100, 0, 25, 900, 200);
        node(sys, 1, 260, 5, 0, 250, 10);
        node(sys, 10, 1, 0, 0, 1, 0);
        NumaStat delta = NumaStat.read(sys).since(before);
        assertEquals(Map.of("numa_hit", 1000L, "numa_miss", 0L, "numa_foreign", 20L, "interleave_hit", 0L,
                "local_node", 800L, "other_node", 200L), delta.nodes().get(0));
        assertEquals(60L, delta.nodes().get(1).get("numa_hit"));
        assertEquals(0L, delta.nodes().get(10).get("numa_hit"));
        assertEquals(860L, delta.total("local_node"));
        assertEquals(860.0 / 1060.0, delta.localShare(), 1e-12);
    }

    @Test
    void localShareIsUndefinedWhenNothingWasAllocated(@TempDir Path sys) throws IOException {
        node(sys, 0, 5, 0, 0, 5, 0);
        NumaStat s = NumaStat.read(sys);
        assertTrue(Double.isNaN(s.since(s).localShare()));
    }

    @Test
    void rejectsMalformedLinesWithTheirPlace() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> NumaStat.parse("numa_hit 1\nnuma_miss x\n", "f"));
        assertTrue(e.getMessage().contains("f line 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NumaStat.parse("a b c\n", "f"));
        assertEquals(Map.of("a", 1L), NumaStat.parse("\n a   1 \n\n", "f"));
    }

    @Test
    void missingNodeDirectoryIsAClearError(@TempDir Path sys) {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> NumaStat.read(sys));
        assertTrue(e.getMessage().contains("devices/system/node"), e.getMessage());
    }

    @Test
    void readsThisMachine() {
        NumaStat s = NumaStat.read(Paths.get("/sys"));
        assertTrue(s.nodes().containsKey(0));
        assertTrue(s.nodes().get(0).get("numa_hit") > 0);
    }
}
