package io.numagen.exec;

import io.numagen.topology.CpuSet;
import io.numagen.topology.Topology;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Which CPU (and so which NUMA node) each worker thread runs on. Made by pure functions of a {@link Topology}, a
 * thread count and a {@link Strategy}; applying the plan (pinning) is the worker pool's business.
 *
 * <p>Every CPU in a plan is one the process may run on. With more workers than allowed CPUs the plan wraps around
 * and says so in its notes.
 *
 * @param strategy    how the plan was made
 * @param cpuOfWorker {@code cpuOfWorker[w]} is worker w's CPU
 * @param nodeOfWorker {@code nodeOfWorker[w]} is that CPU's home node, -1 if no node lists it
 * @param notes       what a human should know about the plan (spread, oversubscription)
 */
public record CpuPlan(Strategy strategy, int[] cpuOfWorker, int[] nodeOfWorker, List<String> notes) {

    /** How workers are spread over CPUs. */
    public enum Strategy {
        /** No plan: workers float wherever the scheduler puts them. */
        NONE,
        /** Round-robin over nodes: worker 0 on node A, worker 1 on node B, ... */
        SCATTER,
        /** Fill one node's CPUs before the next. */
        COMPACT,
        /** CPUs listed by the user, worker w on the w-th. */
        EXPLICIT;

        /**
         * Reads {@code none}, {@code scatter}, {@code compact} (any case) or a CPU list such as {@code 0,2,4} or
         * {@code 0-3} (then {@link #EXPLICIT}; read the list itself with {@link #explicitCpus}).
         */
        public static Strategy parse(String text) {
            String t = text.strip().toLowerCase(Locale.ROOT);
            for (Strategy s : List.of(NONE, SCATTER, COMPACT)) {
                if (s.name().toLowerCase(Locale.ROOT).equals(t)) {
                    return s;
                }
            }
            if (t.matches("[0-9][0-9,\\- ]*")) {
                explicitCpus(t);
                return EXPLICIT;
            }
            throw new IllegalArgumentException("unknown CPU strategy '" + text
                    + "': expected none, scatter, compact or a CPU list like 0,2,4");
        }

        /** The CPUs of an explicit list, in the order given ({@code 4,0-2} is 4, 0, 1, 2). */
        public static List<Integer> explicitCpus(String text) {
            List<Integer> cpus = new ArrayList<>();
            for (String item : text.split(",", -1)) {
                if (item.isBlank()) {
                    throw new IllegalArgumentException("empty item in CPU list '" + text + "'");
                }
                CpuSet.parseList(item, "CPU list '" + text + "'").forEach(cpus::add);
            }
            return cpus;
        }
    }

    public CpuPlan {
        if (cpuOfWorker.length != nodeOfWorker.length || cpuOfWorker.length == 0) {
            throw new IllegalArgumentException("a plan needs one CPU and one node per worker");
        }
        cpuOfWorker = cpuOfWorker.clone();
        nodeOfWorker = nodeOfWorker.clone();
        notes = List.copyOf(notes);
    }

    /**
     * The plan a strategy text asks for ({@link Strategy#parse}), or empty for {@code none}.
     *
     * @throws IllegalArgumentException for bad text, a bad thread count, or a CPU the process may not use
     */
    public static Optional<CpuPlan> forText(String strategy, Topology topology, int threads) {
        return switch (Strategy.parse(strategy)) {
            case NONE -> Optional.empty();
            case SCATTER -> Optional.of(scatter(topology, threads));
            case COMPACT -> Optional.of(compact(topology, threads));
            case EXPLICIT -> Optional.of(explicit(topology, threads, Strategy.explicitCpus(strategy)));
        };
    }

    /**
     * Worker 0 on the first usable node, worker 1 on the next, and so on round the nodes; within a node distinct
     * cores before SMT siblings. Spreads memory bandwidth over every node.
     */
    public static CpuPlan scatter(Topology topology, int threads) {
        List<NodeCpus> groups = groups(topology, threads);
        List<Integer> order = new ArrayList<>();
        int deepest = groups.stream().mapToInt(g -> g.cpus.size()).max().orElse(0);
        for (int round = 0; round < deepest; round++) {
            for (NodeCpus g : groups) {
                if (round < g.cpus.size()) {
                    order.add(g.cpus.get(round));
                }
            }
        }
        return build(Strategy.SCATTER, topology, threads, order, "over nodes " + nodeList(groups));
    }

    /** Fills the first usable node's CPUs (cores before siblings) before the next: keeps workers near each other. */
    public static CpuPlan compact(Topology topology, int threads) {
        List<NodeCpus> groups = groups(topology, threads);
        List<Integer> order = new ArrayList<>();
        groups.forEach(g -> order.addAll(g.cpus));
        return build(Strategy.COMPACT, topology, threads, order, "filling nodes " + nodeList(groups) + " in turn");
    }

    /**
     * Worker w on {@code cpus.get(w % cpus.size())}.
     *
     * @throws IllegalArgumentException naming a CPU the process may not use and the allowed set
     */
    public static CpuPlan explicit(Topology topology, int threads, List<Integer> cpus) {
        WorkerPool.checkThreads(threads);
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("an explicit CPU list needs at least one CPU");
        }
        for (int cpu : cpus) {
            if (!topology.allowedCpus().contains(cpu)) {
                throw new IllegalArgumentException("CPU " + cpu + " is not allowed for this process; allowed CPUs: "
                        + topology.allowedCpus());
            }
        }
        return build(Strategy.EXPLICIT, topology, threads, cpus, "on the listed CPUs");
    }

    /** A node's allowed CPUs in the order workers should take them. */
    private record NodeCpus(int node, List<Integer> cpus) {
    }

    /**
     * The allowed CPUs grouped by home node (ascending node id; CPUs no node lists come last as node -1), each
     * group ordered so that the first hardware thread of every core comes before any second thread.
     */
    private static List<NodeCpus> groups(Topology topology, int threads) {
        WorkerPool.checkThreads(threads);
        CpuSet allowed = topology.allowedCpus();
        if (allowed.isEmpty()) {
            throw new IllegalArgumentException("this process may run on no CPU: nothing to plan");
        }
        Map<Integer, Integer> rank = new HashMap<>();
        allowed.stream().forEach(c -> rank.put(c, siblingRank(topology, allowed, c)));
        Comparator<Integer> nodesThenNone = Comparator.comparingInt(n -> n < 0 ? Integer.MAX_VALUE : n);
        Map<Integer, List<Integer>> byNode = allowed.stream().boxed().collect(Collectors.groupingBy(
                topology::nodeOfCpu, () -> new TreeMap<>(nodesThenNone), Collectors.toList()));
        List<NodeCpus> groups = new ArrayList<>();
        byNode.forEach((node, cpus) -> groups.add(new NodeCpus(node, cpus.stream()
                .sorted(Comparator.comparingInt((Integer c) -> rank.get(c)).thenComparingInt(c -> c)).toList())));
        return groups;
    }

    /** 0 for the lowest allowed thread of a core, 1 for the next, ...: SMT siblings share a core's resources. */
    private static int siblingRank(Topology topology, CpuSet allowed, int cpu) {
        return (int) topology.threadSiblingsOf(cpu).intersect(allowed).stream().filter(s -> s < cpu).count();
    }

    private static String nodeList(List<NodeCpus> groups) {
        return String.join(",", groups.stream().map(g -> String.valueOf(g.node)).toList());
    }

    private static CpuPlan build(Strategy strategy, Topology topology, int threads, List<Integer> order,
            String how) {
        int[] cpus = new int[threads];
        int[] nodes = new int[threads];
        for (int w = 0; w < threads; w++) {
            cpus[w] = order.get(w % order.size());
            nodes[w] = topology.nodeOfCpu(cpus[w]);
        }
        List<String> notes = new ArrayList<>();
        notes.add(strategy.name().toLowerCase(Locale.ROOT) + " " + how + ": " + threads + " worker(s) on CPUs "
                + CpuSet.of(cpus));
        int distinct = CpuSet.of(cpus).size();
        if (threads > topology.allowedCpus().size()) {
            notes.add("oversubscribed: " + threads + " workers for " + topology.allowedCpus().size()
                    + " allowed CPUs, so workers share CPUs");
        } else if (distinct < threads) {
            notes.add(threads + " workers share " + distinct + " listed CPUs");
        }
        if (Arrays.stream(nodes).anyMatch(n -> n < 0)) {
            notes.add("some workers run on CPUs that no NUMA node lists");
        }
        return new CpuPlan(strategy, cpus, nodes, notes);
    }

    public int threads() {
        return cpuOfWorker.length;
    }

    public int cpuOf(int worker) {
        return cpuOfWorker[worker];
    }

    public int nodeOf(int worker) {
        return nodeOfWorker[worker];
    }

    @Override
    public int[] cpuOfWorker() {
        return cpuOfWorker.clone();
    }

    @Override
    public int[] nodeOfWorker() {
        return nodeOfWorker.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CpuPlan p && strategy == p.strategy && Arrays.equals(cpuOfWorker, p.cpuOfWorker)
                && Arrays.equals(nodeOfWorker, p.nodeOfWorker) && notes.equals(p.notes);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * strategy.hashCode() + Arrays.hashCode(cpuOfWorker)) + Arrays.hashCode(nodeOfWorker);
    }

    @Override
    public String toString() {
        return "CpuPlan[" + strategy + ", cpus=" + Arrays.toString(cpuOfWorker) + ", nodes="
                + Arrays.toString(nodeOfWorker) + ", notes=" + notes + "]";
    }
}
