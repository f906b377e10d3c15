package io.numagen.vm;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.numagen.cli.TopologyJson;
import io.numagen.topology.CpuSet;
import io.numagen.topology.KernelSettings;
import io.numagen.topology.NodeDistances;
import io.numagen.topology.NumaNode;
import io.numagen.topology.Topology;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExpectedTopologyTest {

    /** A topology as the guest of numa-vm.sh would show it, built from an expectation. */
    static Topology guest(ExpectedTopology e) {
        List<NumaNode> nodes = new ArrayList<>();
        int n = e.totalNodes();
        int[] ids = new int[n];
        int[][] d = new int[n][n];
        for (int i = 0; i < n; i++) {
            ids[i] = i;
            long mem = e.hasMemory(i) ? 1L << 30 : 0;
            nodes.add(new NumaNode(i, e.cpusOf(i), mem, mem / 2, e.hasMemory(i)));
            for (int j = 0; j < n; j++) {
                d[i][j] = e.distance(i, j);
            }
        }
        CpuSet cpus = CpuSet.range(0, e.totalCpus() - 1);
        CpuSet memNodes = CpuSet.range(0, e.memoryNodes() - 1);
        return new Topology("/", nodes, new NodeDistances(ids, d), cpus, CpuSet.empty(), cpus, cpus, memNodes,
                List.of(), List.of(), KernelSettings.UNKNOWN, List.of());
    }

    @Test
    void distancesMirrorNumaVmSh() {
        ExpectedTopology two = new ExpectedTopology(2, false, 2);
        assertEquals(10, two.distance(0, 0));
        assertEquals(21, two.distance(0, 1));
        ExpectedTopology four = new ExpectedTopology(4, false, 2);
        assertEquals(16, four.distance(0, 1));
        assertEquals(16, four.distance(3, 2));
        assertEquals(22, four.distance(1, 2));
        assertEquals(22, four.distance(0, 3));
        ExpectedTopology ml = new ExpectedTopology(2, true, 2);
        assertEquals(2, ml.memorylessNode());
        assertEquals(21, ml.distance(2, 0));
        assertEquals(22, new ExpectedTopology(4, true, 2).distance(4, 1));
        assertEquals(CpuSet.range(4, 5), ml.cpusOf(2));
        assertEquals(6, ml.totalCpus());
    }

    @Test
    void matchingGuestHasNoDifferences() {
        for (ExpectedTopology e : List.of(new ExpectedTopology(2, false, 2), new ExpectedTopology(4, false, 2),
                new ExpectedTopology(2, true, 2), new ExpectedTopology(4, true, 3))) {
            Topology t = guest(e);
            assertEquals(List.of(), e.differences(t), e.describe());
            JsonObject json = JsonParser.parseString(TopologyJson.json(t)).getAsJsonObject();
            assertEquals(List.of(), e.jsonDifferences(json), e.describe());
        }
    }

    @Test
    void wrongNodeCountDistanceAndMemoryAreNamed() {
        ExpectedTopology two = new ExpectedTopology(2, false, 2);
        Topology four = guest(new ExpectedTopology(4, false, 2));
        List<String> d = two.differences(four);
        assertTrue(d.contains("nodes 0-3, expected 0-1"), d.toString());
        assertTrue(d.contains("distance(0,1) 16, expected 21"), d.toString());
        assertTrue(d.contains("online CPUs 0-7, expected 0-3"), d.toString());

        // The memoryless layout read as if node 2 had memory, and vice versa.
        ExpectedTopology ml = new ExpectedTopology(2, true, 2);
        List<String> m = new ExpectedTopology(3, false, 2).differences(guest(ml));
        assertTrue(m.stream().anyMatch(s -> s.startsWith("node 2 has no memory")), m.toString());
        List<String> j = new ExpectedTopology(3, false, 2).jsonDifferences(
                JsonParser.parseString(TopologyJson.json(guest(ml))).getAsJsonObject());
        assertTrue(j.contains("JSON node 2 hasMemory false, expected true"), j.toString());
    }

    @Test
    void missingDistanceTableAndShiftedCpusAreNamed() {
        ExpectedTopology e = new ExpectedTopology(2, false, 2);
        Topology good = guest(e);
        List<NumaNode> shifted = List.of(new NumaNode(0, CpuSet.of(0, 2), 1L << 30, 0, true),
                new NumaNode(1, CpuSet.of(1, 3), 1L << 30, 0, true));
        Topology bad = new Topology("/", shifted, NodeDistances.UNKNOWN, good.onlineCpus(), CpuSet.empty(),
                good.possibleCpus(), good.allowedCpus(), good.allowedMemoryNodes(), List.of(), List.of(),
                KernelSettings.UNKNOWN, List.of());
        List<String> d = e.differences(bad);
        assertEquals(List.of("node 0 cpus 0,2, expected 0-1", "node 1 cpus 1,3, expected 2-3", "no distance table"),
                d);
        JsonObject json = JsonParser.parseString(TopologyJson.json(bad)).getAsJsonObject();
        List<String> j = e.jsonDifferences(json);
        assertTrue(j.contains("JSON node 0 cpus [0, 2], expected [0, 1]"), j.toString());
        assertTrue(j.contains("JSON distances null, expected a 2x2 matrix"), j.toString());
    }
}
