package io.numagen.vm;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import io.numagen.topology.CpuSet;
import io.numagen.topology.NumaNode;
import io.numagen.topology.Topology;

import java.util.ArrayList;
import java.util.List;

/**
 * The topology {@code scripts/numa-vm.sh} gives its guest for a set of options, and the differences between it and
 * what was read. Mirrors the script's layout: node i has CPUs {@code [i*c, (i+1)*c)}; memory nodes come first, the
 * memoryless node (if any) is the last id; distances 10 local, 21 between the nodes of a 2-node guest, 16 within a
 * package (nodes 2k and 2k+1) and 22 across with more nodes, and 21 (2 nodes) or 22 (more) to the memoryless node.
 *
 * @param memoryNodes nodes with memory ({@code --nodes})
 * @param memoryless  whether one more node has CPUs and no memory ({@code --memoryless})
 * @param cpusPerNode vCPUs of each node ({@code --cpus-per-node})
 */
public record ExpectedTopology(int memoryNodes, boolean memoryless, int cpusPerNode) {

    public ExpectedTopology {
        if (memoryNodes < 1 || cpusPerNode < 1) {
            throw new IllegalArgumentException("need at least one memory node and one CPU per node, got "
                    + memoryNodes + " nodes, " + cpusPerNode + " CPUs per node");
        }
    }

    public int totalNodes() {
        return memoryNodes + (memoryless ? 1 : 0);
    }

    public int totalCpus() {
        return totalNodes() * cpusPerNode;
    }

    public CpuSet cpusOf(int node) {
        return CpuSet.range(node * cpusPerNode, (node + 1) * cpusPerNode - 1);
    }

    public boolean hasMemory(int node) {
        return node < memoryNodes;
    }

    /** The memoryless node's id, or -1. */
    public int memorylessNode() {
        return memoryless ? memoryNodes : -1;
    }

    /** The SLIT distance numa-vm.sh sets between two nodes. */
    public int distance(int a, int b) {
        if (a == b) {
            return 10;
        }
        if (memoryless && (a == memoryNodes || b == memoryNodes)) {
            return memoryNodes <= 2 ? 21 : 22;
        }
        if (memoryNodes <= 2) {
            return 21;
        }
        return a / 2 == b / 2 ? 16 : 22;
    }

    /** Everything in {@code t} that differs from this layout; empty when it matches. */
    public List<String> differences(Topology t) {
        List<String> out = new ArrayList<>();
        CpuSet wantIds = CpuSet.range(0, totalNodes() - 1);
        if (!t.nodeIds().equals(wantIds)) {
            out.add("nodes " + t.nodeIds() + ", expected " + wantIds);
        }
        for (int n = 0; n < totalNodes(); n++) {
            final int id = n;
            NumaNode node = t.node(id).orElse(null);
            if (node == null) {
                continue;
            }
            if (!node.cpus().equals(cpusOf(id))) {
                out.add("node " + id + " cpus " + node.cpus() + ", expected " + cpusOf(id));
            }
            if (node.hasMemory() != hasMemory(id)) {
                out.add("node " + id + (hasMemory(id) ? " has no memory, expected memory" : " has memory ("
                        + node.memTotalBytes() + " bytes), expected none (memoryless)"));
            }
            if (hasMemory(id) && node.memTotalBytes() <= 0) {
                out.add("node " + id + " MemTotal " + node.memTotalBytes() + " bytes, expected > 0");
            }
            if (!hasMemory(id) && node.memTotalBytes() > 0) {
                out.add("node " + id + " MemTotal " + node.memTotalBytes() + " bytes, expected 0");
            }
        }
        CpuSet allCpus = CpuSet.range(0, totalCpus() - 1);
        if (!t.onlineCpus().equals(allCpus)) {
            out.add("online CPUs " + t.onlineCpus() + ", expected " + allCpus);
        }
        if (!t.distances().known()) {
            out.add("no distance table");
        } else {
            for (int a = 0; a < totalNodes(); a++) {
                for (int b = 0; b < totalNodes(); b++) {
                    if (t.nodeIds().contains(a) && t.nodeIds().contains(b) && t.distance(a, b) != distance(a, b)) {
                        out.add("distance(" + a + "," + b + ") " + t.distance(a, b) + ", expected " + distance(a, b));
                    }
                }
            }
        }
        return out;
    }

    /**
     * What {@code numagen topology --json} says that differs from this layout (schema, node ids, CPUs, memory flags,
     * distance matrix); empty when it matches.
     */
    public List<String> jsonDifferences(JsonObject json) {
        List<String> out = new ArrayList<>();
        if (!"numagen.topology/1".equals(string(json.get("schema")))) {
            out.add("schema " + json.get("schema") + ", expected \"numagen.topology/1\"");
        }
        JsonArray nodes = json.has("nodes") && json.get("nodes").isJsonArray() ? json.getAsJsonArray("nodes")
                : new JsonArray();
        if (nodes.size() != totalNodes()) {
            out.add(nodes.size() + " nodes in JSON, expected " + totalNodes());
        }
        for (int i = 0; i < Math.min(nodes.size(), totalNodes()); i++) {
            JsonObject n = nodes.get(i).getAsJsonObject();
            int id = n.get("id").getAsInt();
            if (id != i) {
                out.add("JSON node #" + i + " has id " + id + ", expected " + i);
                continue;
            }
            List<Integer> cpus = ints(n.getAsJsonArray("cpus"));
            List<Integer> want = cpusOf(i).stream().boxed().toList();
            if (!cpus.equals(want)) {
                out.add("JSON node " + i + " cpus " + cpus + ", expected " + want);
            }
            boolean hasMemory = n.get("hasMemory").getAsBoolean();
            if (hasMemory != hasMemory(i)) {
                out.add("JSON node " + i + " hasMemory " + hasMemory + ", expected " + hasMemory(i));
            }
            if (!n.get("hasCpus").getAsBoolean()) {
                out.add("JSON node " + i + " hasCpus false, expected true");
            }
        }
        JsonElement d = json.get("distances");
        if (d == null || d.isJsonNull()) {
            out.add("JSON distances null, expected a " + totalNodes() + "x" + totalNodes() + " matrix");
        } else {
            List<Integer> ids = ints(d.getAsJsonObject().getAsJsonArray("nodeIds"));
            JsonArray matrix = d.getAsJsonObject().getAsJsonArray("matrix");
            List<Integer> wantIds = CpuSet.range(0, totalNodes() - 1).stream().boxed().toList();
            if (!ids.equals(wantIds)) {
                out.add("JSON distances.nodeIds " + ids + ", expected " + wantIds);
            } else {
                for (int a = 0; a < ids.size(); a++) {
                    List<Integer> row = ints(matrix.get(a).getAsJsonArray());
                    List<Integer> wantRow = new ArrayList<>();
                    for (int b = 0; b < ids.size(); b++) {
                        wantRow.add(distance(a, b));
                    }
                    if (!row.equals(wantRow)) {
                        out.add("JSON distance row of node " + a + " " + row + ", expected " + wantRow);
                    }
                }
            }
        }
        List<Integer> usable = json.has("usableNodes") ? ints(json.getAsJsonArray("usableNodes")) : List.of();
        List<Integer> wantUsable = CpuSet.range(0, totalNodes() - 1).stream().boxed().toList();
        if (!usable.equals(wantUsable)) {
            out.add("JSON usableNodes " + usable + ", expected " + wantUsable);
        }
        return out;
    }

    /** One line describing the layout, e.g. {@code 2 memory nodes + memoryless node 2, 2 CPUs each}. */
    public String describe() {
        return memoryNodes + " memory node(s)" + (memoryless ? " + memoryless node " + memorylessNode() : "")
                + ", " + cpusPerNode + " CPUs each";
    }

    private static String string(JsonElement e) {
        return e == null || e.isJsonNull() ? null : e.getAsString();
    }

    private static List<Integer> ints(JsonArray a) {
        List<Integer> out = new ArrayList<>();
        if (a != null) {
            a.forEach(e -> out.add(e.getAsInt()));
        }
        return out;
    }
}
