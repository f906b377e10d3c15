package io.numagen.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.numagen.exec.CpuPlan.Strategy;
import io.numagen.topology.Fixtures;
import io.numagen.topology.Topology;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpuPlanTest {

    private static final Topology EIGHT_NODES = Fixtures.read("16amd64-8n2c");
    private static final Topology RESTRICTED = Fixtures.read("16amd64-8n2c-cpusets");
    private static final Topology AMD_PAIRS = Fixtures.read("64amd64-4s2n4ca2co");

    @Test
    void scatterAlternatesNodes() {
        CpuPlan p = CpuPlan.scatter(EIGHT_NODES, 8);
        assertArrayEquals(new int[] {0, 2, 4, 6, 8, 10, 12, 14}, p.cpuOfWorker());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7}, p.nodeOfWorker());
        CpuPlan twice = CpuPlan.scatter(EIGHT_NODES, 16);
        assertEquals(1, twice.cpuOf(8), "second round starts back on node 0");
        assertEquals(0, twice.nodeOf(8));
        assertEquals(16, Arrays.stream(twice.cpuOfWorker()).distinct().count());
    }

    @Test
    void compactFillsANodeFirst() {
        CpuPlan p = CpuPlan.compact(EIGHT_NODES, 4);
        assertArrayEquals(new int[] {0, 1, 2, 3}, p.cpuOfWorker());
        assertArrayEquals(new int[] {0, 0, 1, 1}, p.nodeOfWorker());
    }

    @Test
    void distinctCoresComeBeforeSmtSiblings() {
        // CPUs 0-1, 2-3, ... are thread siblings (AMD compute units); node 0 is CPUs 0-7.
        CpuPlan compact = CpuPlan.compact(AMD_PAIRS, 8);
        assertArrayEquals(new int[] {0, 2, 4, 6, 1, 3, 5, 7}, compact.cpuOfWorker());
        assertTrue(Arrays.stream(compact.nodeOfWorker()).allMatch(n -> n == 0));
        CpuPlan scatter = CpuPlan.scatter(AMD_PAIRS, 16);
        assertArrayEquals(new int[] {0, 8, 16, 24, 32, 40, 48, 56, 2, 10, 18, 26, 34, 42, 50, 58},
                scatter.cpuOfWorker());
    }

    @Test
    void restrictedCpusetNeverLeaks() {
        for (int threads = 1; threads <= 25; threads++) {
            for (CpuPlan p : List.of(CpuPlan.scatter(RESTRICTED, threads), CpuPlan.compact(RESTRICTED, threads))) {
                for (int cpu : p.cpuOfWorker()) {
                    assertTrue(RESTRICTED.allowedCpus().contains(cpu), p.toString());
                }
            }
        }
        CpuPlan p = CpuPlan.scatter(RESTRICTED, 6);
        assertArrayEquals(new int[] {0, 2, 5, 6, 12, 14}, p.cpuOfWorker());
        assertArrayEquals(new int[] {0, 1, 2, 3, 6, 7}, p.nodeOfWorker());
        Topology onlyNodeZero = Fixtures.read("16amd64-4n4c-cgroup-distance-merge");
        assertArrayEquals(new int[] {0, 0, 0}, CpuPlan.scatter(onlyNodeZero, 3).nodeOfWorker());
    }

    @Test
    void oversubscriptionWrapsAndIsNoted() {
        CpuPlan p = CpuPlan.compact(RESTRICTED, 12);
        assertEquals(12, p.threads());
        assertEquals(p.cpuOf(0), p.cpuOf(10), "wraps around after the 10 allowed CPUs");
        assertTrue(p.notes().stream().anyMatch(n -> n.startsWith("oversubscribed: 12 workers for 10")), p.notes()
                .toString());
        assertFalse(CpuPlan.compact(RESTRICTED, 10).notes().stream().anyMatch(n -> n.contains("oversubscribed")));
    }

    @Test
    void cpusInNoNodeComeLast() {
        Topology hetero = Fixtures.read("fakeheterocpunuma");
        CpuPlan p = CpuPlan.scatter(hetero, 6);
        assertArrayEquals(new int[] {0, 8, 20, 16, 12, 4}, p.cpuOfWorker());
        assertArrayEquals(new int[] {0, 1, 3, 4, 5, -1}, p.nodeOfWorker());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("no NUMA node")));
    }

    @Test
    void explicitCpusAreValidated() {
        CpuPlan p = CpuPlan.explicit(RESTRICTED, 4, List.of(12, 0));
        assertArrayEquals(new int[] {12, 0, 12, 0}, p.cpuOfWorker());
        assertArrayEquals(new int[] {6, 0, 6, 0}, p.nodeOfWorker());
        assertTrue(p.notes().stream().anyMatch(n -> n.contains("share 2 listed CPUs")), p.notes().toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CpuPlan.explicit(RESTRICTED, 2, List.of(0, 4)));
        assertTrue(e.getMessage().contains("CPU 4"), e.getMessage());
        assertTrue(e.getMessage().contains("0-3,5-6,12-15"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 5000})
    void badThreadCountsAreRejected(int threads) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CpuPlan.scatter(EIGHT_NODES, threads));
        assertTrue(e.getMessage().contains(String.valueOf(threads)) && e.getMessage().contains("1.."),
                e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> CpuPlan.explicit(EIGHT_NODES, threads, List.of(0)));
    }

    @Test
    void strategiesParseFromText() {
        assertEquals(Strategy.NONE, Strategy.parse("none"));
        assertEquals(Strategy.SCATTER, Strategy.parse(" Scatter "));
        assertEquals(Strategy.COMPACT, Strategy.parse("COMPACT"));
        assertEquals(Strategy.EXPLICIT, Strategy.parse("0,2,4"));
        assertEquals(List.of(4, 0, 1, 2), Strategy.explicitCpus("4,0-2"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Strategy.parse("spread"));
        assertTrue(e.getMessage().contains("'spread'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Strategy.parse("1,,2"));
        assertThrows(IllegalArgumentException.class, () -> Strategy.parse("3-1"));
    }

    @Test
    void planFromText() {
        assertTrue(CpuPlan.forText("none", EIGHT_NODES, 4).isEmpty());
        assertEquals(CpuPlan.scatter(EIGHT_NODES, 4), CpuPlan.forText("scatter", EIGHT_NODES, 4).orElseThrow());
        assertArrayEquals(new int[] {3, 5}, CpuPlan.forText("3,5", EIGHT_NODES, 2).orElseThrow().cpuOfWorker());
        assertThrows(IllegalArgumentException.class, () -> CpuPlan.forText("4", RESTRICTED, 1));
    }

    @Test
    void planArraysCannotBeChangedFromOutside() {
        int[] cpus = {0, 1};
        CpuPlan p = new CpuPlan(Strategy.EXPLICIT, cpus, new int[] {0, 0}, List.of());
        cpus[0] = 9;
        p.cpuOfWorker()[1] = 9;
        assertArrayEquals(new int[] {0, 1}, p.cpuOfWorker());
    }
}
