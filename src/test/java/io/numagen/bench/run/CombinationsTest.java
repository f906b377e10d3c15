package io.numagen.bench.run;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CombinationsTest {
    private static final Combinations.Machine ONE_NODE = new Combinations.Machine(Set.of(0), Set.of(0));
    private static final Combinations.Machine TWO_NODES = new Combinations.Machine(Set.of(0, 1), Set.of(0, 1));

    @Test
    void numaOffExcludesPinningAndBinding() {
        assertNull(Combinations.invalidReason(Map.of("numaMode", "OFF", "pinning", "none", "allocation", "default"),
                ONE_NODE));
        assertTrue(Combinations.invalidReason(Map.of("numaMode", "OFF", "pinning", "scatter"), ONE_NODE)
                .contains("pinning=scatter needs numaMode AUTO or FORCE"));
        assertTrue(Combinations.invalidReason(Map.of("numaMode", "OFF", "allocation", "bind"), ONE_NODE)
                .contains("allocation=bind needs numaMode"));
        assertNull(Combinations.invalidReason(Map.of("numaMode", "FORCE", "pinning", "compact", "allocation", "bind"),
                ONE_NODE));
        assertTrue(Combinations.invalidReason(Map.of("numaMode", "AUTO", "buffer", "heap", "allocation", "bind"),
                ONE_NODE).contains("heap buffer"));
        assertNull(Combinations.invalidReason(Map.of("numaMode", "AUTO", "buffer", "heap", "allocation", "default"),
                ONE_NODE));
        assertTrue(Combinations.invalidReason(Map.of("buffer", "heap", "firstTouch", "true"), ONE_NODE)
                .contains("zeroes"));
        assertTrue(Combinations.invalidReason(Map.of("buffer", "heap", "size", "4GiB"), ONE_NODE)
                .contains("at most 2 GiB"));
        // The generator's own refusals, in its words.
        assertTrue(Combinations.invalidReason(Map.of("numaMode", "OFF", "pinning", "none", "firstTouch", "true",
                "allocation", "default"), ONE_NODE).contains("first-touch"));
        assertTrue(Combinations.invalidReason(Map.of("numaMode", "FORCE", "pinning", "none", "firstTouch", "false",
                "allocation", "bind"), ONE_NODE).contains("bind needs pinning"));
    }

    @Test
    void remoteMatrixOnOneNodeKeepsOnlyLocal() {
        Map<String, List<String>> space = new LinkedHashMap<>();
        space.put("writerNode", List.of("0", "1"));
        space.put("memoryNode", List.of("0", "1"));
        space.put("size", List.of("64MiB"));
        List<MatrixRunner.Run> runs = new ArrayList<>();
        List<MatrixRunner.Skipped> skipped = new ArrayList<>();
        MatrixRunner.plan(Map.of("B.write", space), ONE_NODE, runs, skipped);
        assertEquals(List.of(new MatrixRunner.Run("B.write",
                Map.of("writerNode", "0", "memoryNode", "0", "size", "64MiB"))), runs);
        assertEquals(3, skipped.size());
        assertTrue(skipped.get(0).reason().contains("memoryNode=1: node 1 has no memory"), skipped.get(0).reason());

        runs.clear();
        skipped.clear();
        MatrixRunner.plan(Map.of("B.write", space), TWO_NODES, runs, skipped);
        assertEquals(4, runs.size());
        assertTrue(skipped.isEmpty());
    }

    @Test
    void expandIsTheCrossProductInJmhOrder() {
        Map<String, List<String>> space = new LinkedHashMap<>();
        space.put("a", List.of("1", "2"));
        space.put("b", List.of("x", "y", "z"));
        List<Map<String, String>> all = MatrixRunner.expand(space);
        assertEquals(6, all.size());
        assertEquals(Map.of("a", "1", "b", "x"), all.get(0));
        assertEquals(Map.of("a", "2", "b", "z"), all.get(5));
        assertEquals(List.of(Map.of()), MatrixRunner.expand(Map.of()));
    }

    @Test
    void checkFailsLoudlyWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Combinations.check(Combinations.params("writerNode", "3"), ONE_NODE));
        assertTrue(e.getMessage().contains("skip it") && e.getMessage().contains("node 3 has no CPUs"),
                e.getMessage());
        assertTrue(Combinations.invalidReason(Map.of("memoryNode", "x"), ONE_NODE).contains("must be a node number"));
    }
}
