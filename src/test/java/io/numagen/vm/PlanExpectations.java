package io.numagen.vm;

import io.numagen.exec.WorkerLocation;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** What scatter and compact plans must look like, and whether workers run where their plan says. */
public final class PlanExpectations {
    private PlanExpectations() {
    }

    /** Scatter: worker w on node {@code usableNodes[w % usableNodes.length]} (alternating round the nodes). */
    public static List<String> scatterProblems(int[] nodeOfWorker, int[] usableNodes) {
        List<String> out = new ArrayList<>();
        int[] want = new int[nodeOfWorker.length];
        for (int w = 0; w < want.length; w++) {
            want[w] = usableNodes[w % usableNodes.length];
        }
        if (!Arrays.equals(nodeOfWorker, want)) {
            out.add("scatter nodes of workers " + Arrays.toString(nodeOfWorker) + ", expected alternating "
                    + Arrays.toString(want));
        }
        return out;
    }

    /**
     * Compact: the first {@code cpusOfNode[0]} workers on {@code usableNodes[0]}, then the next node's CPUs, and so
     * on (wrapping round when there are more workers than CPUs).
     */
    public static List<String> compactProblems(int[] nodeOfWorker, int[] usableNodes, int[] cpusOfNode) {
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < usableNodes.length; i++) {
            for (int c = 0; c < cpusOfNode[i]; c++) {
                order.add(usableNodes[i]);
            }
        }
        int[] want = new int[nodeOfWorker.length];
        for (int w = 0; w < want.length; w++) {
            want[w] = order.get(w % order.size());
        }
        List<String> out = new ArrayList<>();
        if (!Arrays.equals(nodeOfWorker, want)) {
            out.add("compact nodes of workers " + Arrays.toString(nodeOfWorker) + ", expected node by node "
                    + Arrays.toString(want));
        }
        return out;
    }

    /** Each worker's affinity is exactly its planned CPU, getcpu says it runs there, on the planned node. */
    public static List<String> locationProblems(int[] plannedCpus, int[] plannedNodes, List<WorkerLocation> at) {
        List<String> out = new ArrayList<>();
        if (at.size() != plannedCpus.length) {
            out.add(at.size() + " worker locations for " + plannedCpus.length + " planned workers");
            return out;
        }
        for (WorkerLocation l : at) {
            int w = l.worker();
            if (!l.allowedCpus().equals(List.of(plannedCpus[w]))) {
                out.add("worker " + w + " affinity " + l.allowedCpus() + ", planned [" + plannedCpus[w] + "]");
            }
            if (l.cpu() != plannedCpus[w]) {
                out.add("worker " + w + " runs on cpu " + l.cpu() + ", planned " + plannedCpus[w]);
            }
            if (l.node() != plannedNodes[w]) {
                out.add("worker " + w + " runs on node " + l.node() + ", planned " + plannedNodes[w]);
            }
        }
        return out;
    }

    /**
     * Unpinned workers confined from outside (numactl): each may run on exactly {@code allowed} (not pinned to one
     * CPU of it, not beyond it) and runs on {@code node}.
     */
    public static List<String> confinedProblems(List<WorkerLocation> at, List<Integer> allowed, int node) {
        List<String> out = new ArrayList<>();
        for (WorkerLocation l : at) {
            if (!l.allowedCpus().equals(allowed)) {
                out.add("worker " + l.worker() + " affinity " + l.allowedCpus() + ", expected all of node " + node
                        + "'s " + allowed);
            }
            if (!allowed.contains(l.cpu())) {
                out.add("worker " + l.worker() + " runs on cpu " + l.cpu() + ", outside " + allowed);
            }
            if (l.node() != node) {
                out.add("worker " + l.worker() + " runs on node " + l.node() + ", expected " + node);
            }
        }
        return out;
    }

    /** {@code w0@cpu0/n0 w1@cpu2/n1 ...} */
    public static String render(List<WorkerLocation> at) {
        StringBuilder s = new StringBuilder();
        for (WorkerLocation l : at) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append('w').append(l.worker()).append("@cpu").append(l.cpu()).append("/n").append(l.node());
        }
        return s.toString();
    }
}
