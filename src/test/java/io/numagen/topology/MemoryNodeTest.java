package io.numagen.topology;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link Topology#memoryNodeFor}: where a node's CPUs get their memory when the node itself cannot give it. */
class MemoryNodeTest {

    @Test
    void nodesWithMemoryServeThemselvesAndMemorylessOnesTheNearest() {
        Topology t = Fixtures.read("numagen-4n-sparse-memoryless");
        assertEquals(0, t.memoryNodeFor(0));
        assertEquals(2, t.memoryNodeFor(2));
        assertEquals(0, t.memoryNodeFor(5), "memoryless node 5: node 0 at distance 16 beats 2 and 9 at 22");
        assertEquals(9, t.memoryNodeFor(9));
    }

    @Test
    void nodesOutsideTheCpusetsMemsServeFromTheLowestAllowedAtEqualDistance() {
        Topology t = Fixtures.read("16amd64-4n4c-cgroup-distance-merge");
        assertEquals(CpuSet.of(2, 3), t.allowedMemoryNodes());
        assertEquals(2, t.memoryNodeFor(0), "all distances 20: the lowest allowed id");
        assertEquals(3, t.memoryNodeFor(3));
    }

    @Test
    void unrestrictedMachinesServeEveryNodeFromItself() {
        Topology t = Fixtures.read("64amd64-4s2n4ca2co");
        for (NumaNode n : t.nodes()) {
            assertEquals(n.id(), t.memoryNodeFor(n.id()));
        }
    }
}
