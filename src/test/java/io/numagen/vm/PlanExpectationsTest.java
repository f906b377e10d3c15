package io.numagen.vm;

import io.numagen.exec.CpuPlan;
import io.numagen.exec.WorkerLocation;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PlanExpectationsTest {

    @Test
    void scatterAlternatesAndCompactFillsNodeZeroFirst() {
        // What CpuPlan makes for the 2-node guest (plan logic itself is tested in CpuPlanTest).
        CpuPlan scatter = CpuPlan.scatter(ExpectedTopologyTest.guest(new ExpectedTopology(2, false, 2)), 4);
        CpuPlan compact = CpuPlan.compact(ExpectedTopologyTest.guest(new ExpectedTopology(2, false, 2)), 4);
        assertEquals(List.of(), PlanExpectations.scatterProblems(scatter.nodeOfWorker(), new int[] {0, 1}));
        assertEquals(List.of(), PlanExpectations.compactProblems(compact.nodeOfWorker(), new int[] {0, 1},
                new int[] {2, 2}));
        // Swapped, each is wrong for the other.
        assertEquals(List.of("scatter nodes of workers [0, 0, 1, 1], expected alternating [0, 1, 0, 1]"),
                PlanExpectations.scatterProblems(compact.nodeOfWorker(), new int[] {0, 1}));
        assertEquals(List.of("compact nodes of workers [0, 1, 0, 1], expected node by node [0, 0, 1, 1]"),
                PlanExpectations.compactProblems(scatter.nodeOfWorker(), new int[] {0, 1}, new int[] {2, 2}));
        // Wrapping round with more workers than CPUs; 4 nodes.
        assertEquals(List.of(), PlanExpectations.scatterProblems(new int[] {0, 1, 2, 3, 0, 1}, new int[] {0, 1, 2, 3}));
        assertEquals(List.of(), PlanExpectations.compactProblems(new int[] {0, 0, 1, 1, 0}, new int[] {0, 1},
                new int[] {2, 2}));
    }

    @Test
    void locationsMustMatchThePlan() {
        int[] cpus = {0, 2};
        int[] nodes = {0, 1};
        List<WorkerLocation> good = List.of(new WorkerLocation(0, 0, 0, List.of(0)),
                new WorkerLocation(1, 2, 1, List.of(2)));
        assertEquals(List.of(), PlanExpectations.locationProblems(cpus, nodes, good));
        List<WorkerLocation> bad = List.of(new WorkerLocation(0, 1, 0, List.of(0, 1)),
                new WorkerLocation(1, 2, 0, List.of(2)));
        assertEquals(List.of("worker 0 affinity [0, 1], planned [0]", "worker 0 runs on cpu 1, planned 0",
                "worker 1 runs on node 0, planned 1"), PlanExpectations.locationProblems(cpus, nodes, bad));
        assertEquals(List.of("1 worker locations for 2 planned workers"),
                PlanExpectations.locationProblems(cpus, nodes, good.subList(0, 1)));
        assertEquals("w0@cpu0/n0 w1@cpu2/n1", PlanExpectations.render(good));
    }

    @Test
    void confinedWorkersStayOnTheBoundNodeUnpinned() {
        List<Integer> node1 = List.of(2, 3);
        assertEquals(List.of(), PlanExpectations.confinedProblems(List.of(new WorkerLocation(0, 3, 1, node1),
                new WorkerLocation(1, 2, 1, node1)), node1, 1));
        assertEquals(List.of("worker 0 affinity [2], expected all of node 1's [2, 3]"),
                PlanExpectations.confinedProblems(List.of(new WorkerLocation(0, 2, 1, List.of(2))), node1, 1));
        assertEquals(List.of("worker 0 affinity [0, 1, 2, 3], expected all of node 1's [2, 3]",
                        "worker 0 runs on cpu 0, outside [2, 3]", "worker 0 runs on node 0, expected 1"),
                PlanExpectations.confinedProblems(List.of(new WorkerLocation(0, 0, 0, List.of(0, 1, 2, 3))),
                        node1, 1));
    }
}
