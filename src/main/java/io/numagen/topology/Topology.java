package io.numagen.topology;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The machine's NUMA layout and what this process may use of it, read once by {@link TopologyReader}. Plain data:
 * nothing here touches the system after construction.
 *
 * @param root               the file-system root it was read from ({@code /} for the live machine)
 * @param nodes              NUMA nodes in ascending id order
 * @param distances          node distances, or {@link NodeDistances#UNKNOWN}
 * @param onlineCpus         CPUs the kernel runs
 * @param offlineCpus        CPUs present or possible but switched off
 * @param possibleCpus       CPUs the kernel could ever bring online
 * @param allowedCpus        online CPUs this process may run on (affinity and cpuset cgroup)
 * @param allowedMemoryNodes nodes this process may allocate memory on
 * @param allowedSources     which files the allowed sets were read from (empty: nothing restricted them)
 * @param cpus               per-CPU placement for the CPUs that report it, ascending id
 * @param kernel             kernel settings that matter for NUMA results
 * @param notes              what the reader had to work around (dropped nodes, missing files), for humans
 */
public record Topology(String root, List<NumaNode> nodes, NodeDistances distances, CpuSet onlineCpus,
        CpuSet offlineCpus, CpuSet possibleCpus, CpuSet allowedCpus, CpuSet allowedMemoryNodes,
        List<String> allowedSources, List<LogicalCpu> cpus, KernelSettings kernel, List<String> notes) {

    public Topology {
        Objects.requireNonNull(root, "root");
        nodes = List.copyOf(nodes);
        cpus = List.copyOf(cpus);
        allowedSources = List.copyOf(allowedSources);
        notes = List.copyOf(notes);
        Objects.requireNonNull(distances, "distances");
        Objects.requireNonNull(kernel, "kernel");
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a topology has at least one node");
        }
        for (int i = 1; i < nodes.size(); i++) {
            if (nodes.get(i).id() <= nodes.get(i - 1).id()) {
                throw new IllegalArgumentException("nodes must be in ascending id order");
            }
        }
        for (int i = 1; i < cpus.size(); i++) {
            if (cpus.get(i).id() <= cpus.get(i - 1).id()) {
                throw new IllegalArgumentException("cpus must be in ascending id order");
            }
        }
        if (!onlineCpus.containsAll(allowedCpus)) {
            throw new IllegalArgumentException("allowed CPUs " + allowedCpus + " are not all online (" + onlineCpus
                    + ")");
        }
        if (!nodeIdSet(nodes).containsAll(allowedMemoryNodes)) {
            throw new IllegalArgumentException("allowed memory nodes " + allowedMemoryNodes + " name unknown nodes");
        }
    }

    private static CpuSet nodeIdSet(List<NumaNode> nodes) {
        return CpuSet.of(nodes.stream().mapToInt(NumaNode::id).toArray());
    }

    /** The node ids, as a set. */
    public CpuSet nodeIds() {
        return nodeIdSet(nodes);
    }

    public Optional<NumaNode> node(int id) {
        return nodes.stream().filter(n -> n.id() == id).findFirst();
    }

    /**
     * The node a CPU is local to, or -1 if no node lists it. When nodes overlap (heterogeneous memory, where a
     * high-bandwidth node spans the CPUs of several ordinary ones) the smallest node holding the CPU is its home:
     * that is the nearest memory.
     */
    public int nodeOfCpu(int cpu) {
        NumaNode home = null;
        for (NumaNode n : nodes) {
            if (n.cpus().contains(cpu) && (home == null || n.cpus().size() < home.cpus().size())) {
                home = n;
            }
        }
        return home == null ? -1 : home.id();
    }

    /** The CPUs of a node this process may run on (empty for an unknown node). */
    public CpuSet allowedCpusOf(int node) {
        return node(node).map(n -> n.cpus().intersect(allowedCpus)).orElse(CpuSet.empty());
    }

    /** Nodes with at least one CPU this process may run on: what AUTO mode counts. */
    public List<NumaNode> usableNodes() {
        return nodes.stream().filter(n -> n.cpus().intersects(allowedCpus)).toList();
    }

    /**
     * Where pages first touched from {@code node}'s CPUs go under the default policy: {@code node} itself when it has
     * memory this process may use, else the nearest node that has (by distance, unknown distances last, then lowest
     * id), as the kernel's zonelist orders them. -1 if no node qualifies.
     */
    public int memoryNodeFor(int node) {
        CpuSet memory = memoryNodes();
        if (memory.contains(node)) {
            return node;
        }
        int best = -1;
        for (int id : memory) {
            if (best < 0 || rank(node, id) < rank(node, best)) {
                best = id;
            }
        }
        return best;
    }

    /** The nodes this process may take pages from: allowed by its cpuset and holding memory. */
    public CpuSet memoryNodes() {
        return CpuSet.of(nodes.stream().filter(n -> n.hasMemory() && allowedMemoryNodes.contains(n.id()))
                .mapToInt(NumaNode::id).toArray());
    }

    private int rank(int from, int to) {
        int d = distance(from, to);
        return d < 0 ? Integer.MAX_VALUE : d;
    }

    /** The distance between two nodes (10 local), or -1 if unknown. */
    public int distance(int a, int b) {
        return distances.distance(a, b);
    }

    public Optional<LogicalCpu> cpu(int id) {
        return cpus.stream().filter(c -> c.id() == id).findFirst();
    }

    /** The hardware threads sharing a CPU's core, itself included; just the CPU when the kernel did not say. */
    public CpuSet threadSiblingsOf(int cpu) {
        return cpu(cpu).map(LogicalCpu::threadSiblings).filter(s -> s.contains(cpu)).orElse(CpuSet.of(cpu));
    }
}
