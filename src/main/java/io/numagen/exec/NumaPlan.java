package io.numagen.exec;

import io.numagen.memory.FirstTouch;
import io.numagen.topology.CpuSet;
import io.numagen.topology.Topology;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What the NUMA layer will actually do on this machine for a worker count: a pure function of the options and the
 * topology, so it is tested on other machines' sysfs dumps.
 *
 * @param options     what was asked
 * @param cpus        the CPU of each worker when pinning applies
 * @param firstTouch  whether workers touch their shares before writing
 * @param bind        whether workers mbind their shares to their node
 * @param bindNodes   the node each worker binds to when {@code bind}: its CPU's node, or the nearest node with
 *                    memory this process may use when that node has none (a memoryless node, or outside the cpuset)
 * @param usableNodes nodes on which the process may run
 * @param touchUnit   the unit the kernel places memory in: the page size, or the THP size where THP is on
 * @param notes       what was skipped and why, for the user
 */
public record NumaPlan(NumaOptions options, Optional<CpuPlan> cpus, boolean firstTouch, boolean bind,
                       List<Integer> bindNodes, CpuSet usableNodes, long touchUnit, List<String> notes) {

    public NumaPlan {
        bindNodes = List.copyOf(bindNodes);
        notes = List.copyOf(notes);
    }

    /**
     * @param pageSize the base page size of this machine
     * @throws IllegalArgumentException for a thread count out of range or a CPU list the process may not use
     */
    public static NumaPlan resolve(NumaOptions options, Topology topology, int threads, long pageSize) {
        WorkerPool.checkThreads(threads);
        CpuSet usable = CpuSet.of(topology.usableNodes().stream().mapToInt(n -> n.id()).toArray());
        List<String> notes = new ArrayList<>();
        boolean apply;
        switch (options.mode()) {
            case OFF:
                apply = false;
                notes.add("NUMA mode off: no pinning, first-touch or binding");
                break;
            case AUTO:
                apply = usable.size() >= 2;
                if (!apply) {
                    notes.add("NUMA mode auto: " + usable.size() + " usable node (" + usable + "), so pinning, "
                            + "first-touch and binding are skipped (force applies them anyway)");
                }
                break;
            default:
                apply = true;
                if (usable.size() < 2) {
                    notes.add("NUMA mode force: applying placement on " + usable.size() + " usable node ("
                            + usable + ") to measure its cost");
                }
        }
        Optional<CpuPlan> cpus = apply ? CpuPlan.forText(options.pinning(), topology, threads) : Optional.empty();
        cpus.ifPresent(p -> notes.addAll(p.notes()));
        long unit = touchUnit(topology, pageSize);
        boolean bind = apply && options.bind();
        List<Integer> bindNodes = bind ? bindNodes(cpus.orElseThrow(), topology, notes) : List.of();
        return new NumaPlan(options, cpus, apply && options.firstTouch(), bind, bindNodes, usable, unit, notes);
    }

    /** Each worker's node, or where its pages can go when that node cannot take them (mbind would say EINVAL). */
    private static List<Integer> bindNodes(CpuPlan cpus, Topology topology, List<String> notes) {
        List<Integer> nodes = new ArrayList<>(cpus.threads());
        for (int w = 0; w < cpus.threads(); w++) {
            int home = cpus.nodeOf(w);
            int target = topology.memoryNodeFor(home);
            if (target != home) {
                String note = "node " + home + " has no memory this process may use: its workers bind to node "
                        + target + ", the nearest that has";
                if (!notes.contains(note)) {
                    notes.add(note);
                }
            }
            nodes.add(target);
        }
        return nodes;
    }

    /**
     * The generator advises its mappings MADV_HUGEPAGE (a page fault costs as much for 4 KiB as for 2 MiB), so huge
     * pages are the unit whenever THP is "always" or "madvise".
     */
    private static long touchUnit(Topology topology, long pageSize) {
        String thp = topology.kernel().transparentHugepages();
        Long huge = topology.kernel().hugepageBytes();
        if (thp == null || huge == null) {
            return pageSize;
        }
        return FirstTouch.allocationUnit(FirstTouch.ThpMode.parse("[" + thp + "]"), FirstTouch.ThpAdvice.HUGEPAGE,
                pageSize, huge);
    }

    /** Whether any placement is applied. */
    public boolean applied() {
        return cpus.isPresent() || firstTouch || bind;
    }

    /** The node worker {@code w} is pinned to, or -1 when not pinned. */
    public int nodeOf(int worker) {
        return cpus.map(p -> p.nodeOf(worker)).orElse(-1);
    }

    /** The node worker {@code w} binds its share to; only when {@link #bind()}. */
    public int bindNodeOf(int worker) {
        return bindNodes.get(worker);
    }

    /** One line for logs and benchmark metadata. */
    public String describe() {
        return "numa " + options.mode().lowerName() + ": pinning " + cpus.map(p -> p.strategy().name().toLowerCase(
                Locale.ROOT) + " " + Arrays.toString(p.cpuOfWorker())).orElse("none")
                + ", first-touch " + (firstTouch ? "on (every " + touchUnit + " bytes)" : "off")
                + ", bind " + (bind ? "on" : "off") + (notes.isEmpty() ? "" : "; " + String.join("; ", notes));
    }
}
