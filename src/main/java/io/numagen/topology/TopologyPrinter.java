package io.numagen.topology;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Prints a {@link Topology}: as text shaped like {@code numactl --hardware} followed by what this process may use,
 * or as the stable JSON documented in {@code docs/topology-json.md}.
 */
public final class TopologyPrinter {

    /** The JSON schema id; bump it when a field changes meaning or goes away (adding fields keeps it). */
    public static final String SCHEMA = "numagen.topology/1";

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

    public static String json(Topology t) {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().create();
        return gson.toJson(toJson(t)) + "\n";
    }

    static JsonObject toJson(Topology t) {
        JsonObject o = new JsonObject();
        o.addProperty("schema", SCHEMA);
        o.addProperty("root", t.root());
        JsonArray nodes = new JsonArray();
        for (NumaNode n : t.nodes()) {
            JsonObject j = new JsonObject();
            j.addProperty("id", n.id());
            j.add("cpus", ids(n.cpus()));
            j.add("allowedCpus", ids(t.allowedCpusOf(n.id())));
            j.add("memTotalBytes", bytes(n.memTotalBytes()));
            j.add("memFreeBytes", bytes(n.memFreeBytes()));
            j.addProperty("hasCpus", n.hasCpus());
            j.addProperty("hasMemory", n.hasMemory());
            nodes.add(j);
        }
        o.add("nodes", nodes);
        o.add("distances", distances(t));
        o.add("onlineCpus", ids(t.onlineCpus()));
        o.add("offlineCpus", ids(t.offlineCpus()));
        o.add("possibleCpus", ids(t.possibleCpus()));
        o.add("allowedCpus", ids(t.allowedCpus()));
        o.add("allowedMemoryNodes", ids(t.allowedMemoryNodes()));
        JsonArray sources = new JsonArray();
        t.allowedSources().forEach(sources::add);
        o.add("allowedSources", sources);
        o.add("usableNodes", ids(CpuSet.of(t.usableNodes().stream().mapToInt(NumaNode::id).toArray())));
        JsonArray cpus = new JsonArray();
        for (LogicalCpu c : t.cpus()) {
            JsonObject j = new JsonObject();
            j.addProperty("id", c.id());
            j.addProperty("node", t.nodeOfCpu(c.id()));
            j.addProperty("package", c.packageId());
            j.addProperty("core", c.coreId());
            j.add("threadSiblings", ids(c.threadSiblings()));
            j.add("coreSiblings", ids(c.coreSiblings()));
            cpus.add(j);
        }
        o.add("cpus", cpus);
        JsonObject kernel = new JsonObject();
        kernel.addProperty("transparentHugepages", t.kernel().transparentHugepages());
        kernel.addProperty("hugepageBytes", t.kernel().hugepageBytes());
        kernel.addProperty("numaBalancing", t.kernel().numaBalancing());
        o.add("kernel", kernel);
        JsonArray notes = new JsonArray();
        t.notes().forEach(notes::add);
        o.add("notes", notes);
        return o;
    }

    private static JsonArray ids(CpuSet s) {
        JsonArray a = new JsonArray();
        s.stream().forEach(a::add);
        return a;
    }

    private static JsonElement bytes(long b) {
        return b == NumaNode.UNKNOWN ? JsonNull.INSTANCE : new JsonPrimitive(b);
    }

    private static JsonElement distances(Topology t) {
        if (!t.distances().known()) {
            return JsonNull.INSTANCE;
        }
        int[] ids = t.distances().nodeIds();
        JsonObject d = new JsonObject();
        JsonArray idArray = new JsonArray();
        JsonArray matrix = new JsonArray();
        for (int a : ids) {
            idArray.add(a);
            JsonArray row = new JsonArray();
            for (int b : ids) {
                row.add(t.distance(a, b));
            }
            matrix.add(row);
        }
        d.add("nodeIds", idArray);
        d.add("matrix", matrix);
        return d;
    }
}
