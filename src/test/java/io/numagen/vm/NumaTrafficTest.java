package io.numagen.vm;

import io.numagen.metrics.NumaStat;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NumaTrafficTest {

    @Test
    void deltasAndVerdict() {
        NumaStat before = NumaStat.of(Map.of(
                0, Map.of("numa_hit", 500L, "local_node", 500L),
                1, Map.of("numa_hit", 1000L, "local_node", 990L)));
        NumaStat after = NumaStat.of(Map.of(
                0, Map.of("numa_hit", 530L, "local_node", 529L),
                1, Map.of("numa_hit", 17_420L, "local_node", 17_400L),
                2, Map.of("numa_hit", 7L)));
        NumaStat d = after.since(before);
        assertEquals(Map.of(0, Map.of("numa_hit", 30L, "local_node", 29L),
                1, Map.of("numa_hit", 16_420L, "local_node", 16_410L)), d.nodes());
        assertEquals(List.of(), NumaTraffic.problems(d, 1, 16_384, 0.25));
        assertEquals("node 0: local_node +29 numa_hit +30; node 1: local_node +16410 numa_hit +16420",
                NumaTraffic.render(d));

        // Too little on the target, and the other node busier than allowed.
        List<String> p = NumaTraffic.problems(d, 1, 16_415, 0.001);
        assertTrue(p.contains("node 1 local_node grew by 16410, expected >= 16415"), p.toString());
        assertTrue(p.stream().anyMatch(s -> s.startsWith("node 0 numa_hit grew by 30, expected < 0 % of node 1")),
                p.toString());
        assertEquals(List.of("no numastat for node 3"), NumaTraffic.problems(d, 3, 1, 0.25));
    }
}
