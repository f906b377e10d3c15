package io.numagen.cli;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import io.numagen.topology.CpuSet;
import io.numagen.topology.LogicalCpu;
import io.numagen.topology.NumaNode;
import io.numagen.topology.Topology;

/**
 * A {@link Topology} as the stable JSON documented in {@code docs/topology-json.md} ({@code numagen topology
 * --json}). It lives with the CLI so that the library jar needs no JSON library.
 */
public final class TopologyJson {

    /** The JSON schema id; bump it when a field changes meaning or goes away (adding fields keeps it). */
    public static final String SCHEMA = "numagen.topology/1";

    private TopologyJson() {
    }

    public static String json(Topology t) {
        Gson gson = new GsonBuilder().setPrettyPrinting().serializeNulls().create();
        return gson.toJson(toJson(t)) + "\n";
    }

    private static JsonObject toJson(Topology t) {
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
