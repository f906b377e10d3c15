package io.numagen.topology;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a {@link Topology} as text shaped like {@code numactl --hardware} followed by what this process may use
 * (the JSON form is the CLI's {@code io.numagen.cli.TopologyJson}, which keeps gson out of the library).
 */
public final class TopologyPrinter {

    private static final long MIB = 1024 * 1024;

    private TopologyPrinter() {
    }

    public static String text(Topology t) {
        StringBuilder out = new StringBuilder();
        List<NumaNode> nodes = t.nodes();
        out.append("available: ").append(nodes.size()).append(nodes.size() == 1 ? " node (" : " nodes (")
                .append(t.nodeIds()).append(")\n");
        for (NumaNode n : nodes) {
            out.append("node ").append(n.id()).append(" cpus: ").append(orNone(n.cpus())).append('\n');
            out.append("node ").append(n.id()).append(" size: ").append(megabytes(n.memTotalBytes())).append('\n');
            out.append("node ").append(n.id()).append(" free: ").append(megabytes(n.memFreeBytes())).append('\n');
        }
        appendDistances(out, t);
        out.append("online cpus: ").append(orNone(t.onlineCpus())).append('\n');
        out.append("offline cpus: ").append(orNone(t.offlineCpus())).append('\n');
        out.append("allowed cpus: ").append(orNone(t.allowedCpus())).append('\n');
        out.append("allowed memory nodes: ").append(orNone(t.allowedMemoryNodes())).append('\n');
        out.append("allowed from: ").append(t.allowedSources().isEmpty() ? "nothing restricts this process"
                : String.join(", ", t.allowedSources())).append('\n');
        out.append("usable nodes (with allowed cpus): ")
                .append(t.usableNodes().stream().map(n -> String.valueOf(n.id())).collect(Collectors.joining(" ")))
                .append('\n');
        appendKernel(out, t.kernel());
        for (String note : t.notes()) {
            out.append("note: ").append(note).append('\n');
        }
        out.append("read from: ").append(t.root()).append('\n');
        return out.toString();
    }

    /** numactl lists CPUs one by one; a cpulist stays readable on machines with hundreds of CPUs. */
    private static String orNone(CpuSet s) {
        return s.isEmpty() ? "(none)" : s.toString();
    }

    private static String megabytes(long bytes) {
        return bytes == NumaNode.UNKNOWN ? "unknown" : (bytes / MIB) + " MB";
    }

    private static void appendDistances(StringBuilder out, Topology t) {
        if (!t.distances().known()) {
            out.append("node distances: unknown\n");
            return;
        }
        int[] ids = t.distances().nodeIds();
        out.append("node distances:\nnode ");
        for (int id : ids) {
            out.append(String.format("%4d", id));
        }
        out.append('\n');
        for (int a : ids) {
            out.append(String.format("%4d:", a));
            for (int b : ids) {
                out.append(String.format("%4d", t.distance(a, b)));
            }
            out.append('\n');
        }
    }

    private static void appendKernel(StringBuilder out, KernelSettings k) {
        out.append("transparent hugepages: ")
                .append(k.transparentHugepages() == null ? "unknown" : k.transparentHugepages());
        if (k.hugepageBytes() != null) {
            out.append(" (").append(k.hugepageBytes() / 1024).append(" kB pages)");
        }
        out.append('\n');
        out.append("numa_balancing: ").append(k.numaBalancing() == null ? "unknown"
                : k.numaBalancing() + (k.numaBalancing() == 0 ? " (off)" : " (on: the kernel migrates pages)"))
                .append('\n');
    }
}
