package io.numagen.vm;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumaStatTest {
    private static final String NODE1_BEFORE = """
            numa_hit 1000
            numa_miss 0
            numa_foreign 0
            interleave_hit 120
            local_node 990
            other_node 10
            """;

    @Test
    void parsesTheKernelFormat() {
        Map<String, Long> m = NumaStat.parse(NODE1_BEFORE);
        assertEquals(6, m.size());
        assertEquals(1000L, m.get("numa_hit"));
        assertEquals(990L, m.get("local_node"));
        assertThrows(IllegalArgumentException.class, () -> NumaStat.parse("numa_hit lots\n"));
        assertThrows(IllegalArgumentException.class, () -> NumaStat.parse("numa_hit 1 2\n"));
    }

    @Test
    void readsEveryNodeDirectory(@TempDir Path root) throws Exception {
        for (int n : new int[] {0, 1}) {
            Files.createDirectories(root.resolve("node" + n));
            Files.writeString(root.resolve("node" + n).resolve("numastat"), NODE1_BEFORE);
        }
        Files.createDirectories(root.resolve("power"));
        Files.writeString(root.resolve("online"), "0-1\n");
        Map<Integer, Map<String, Long>> all = NumaStat.read(root);
        assertEquals(List.of(0, 1), List.copyOf(all.keySet()));
    }

    @Test
    void deltasAndVerdict() {
        Map<Integer, Map<String, Long>> before = Map.of(
                0, Map.of("numa_hit", 500L, "local_node", 500L),
                1, Map.of("numa_hit", 1000L, "local_node", 990L));
        Map<Integer, Map<String, Long>> after = Map.of(
                0, Map.of("numa_hit", 530L, "local_node", 529L),
                1, Map.of("numa_hit", 17_420L, "local_node", 17_400L),
                2, Map.of("numa_hit", 7L));
        Map<Integer, Map<String, Long>> d = NumaStat.delta(before, after);
        assertEquals(Map.of(0, Map.of("numa_hit", 30L, "local_node", 29L),
                1, Map.of("numa_hit", 16_420L, "local_node", 16_410L)), d);
        assertEquals(List.of(), NumaStat.trafficProblems(d, 1, 16_384, 0.25));
        assertEquals("node 0: local_node +29 numa_hit +30; node 1: local_node +16410 numa_hit +16420",
                NumaStat.render(d));

        // Too little on the target, and the other node busier than allowed.
        List<String> p = NumaStat.trafficProblems(d, 1, 16_415, 0.001);
        assertTrue(p.contains("node 1 local_node grew by 16410, expected >= 16415"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("node 0 numa_hit grew by 30, expected < 0 % of node 1")),
                p.toString());
        assertEquals(List.of("no numastat for node 3"), NumaStat.trafficProblems(d, 3, 1, 0.25));
    }
}
