package io.numagen.exec;

import java.util.List;

/**
 * Where a worker thread runs, as it reports itself: the CPU and node getcpu gives now, and the CPUs its affinity
 * allows (one CPU when pinned). -1 and an empty list where the system cannot say.
 */
public record WorkerLocation(int worker, int cpu, int node, List<Integer> allowedCpus) {
    public WorkerLocation {
        allowedCpus = List.copyOf(allowedCpus);
    }
}
