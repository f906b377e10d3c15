package io.numagen.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.numagen.topology.Fixtures;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TopologyCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private static String fixture(String name) {
        return Fixtures.root(name).toString();
    }

    @Test
    void printsAFixtureAsText() {
        assertEquals(0, run("topology", "--sysfs-root", fixture("16amd64-8n2c-cpusets")));
        String text = out();
        assertTrue(text.startsWith("available: 8 nodes (0-7)\nnode 0 cpus: 0-1\nnode 0 size: 8190 MB\n"), text);
        assertTrue(text.contains("allowed cpus: 0-3,5-6,12-15\n"), text);
        assertTrue(text.contains("allowed memory nodes: 1-4\n"), text);
        assertTrue(text.contains("/dev/cpuset/dummy/cpus (cgroup v1 cpuset)"), text);
        assertTrue(text.contains("offline cpus: 4\n"), text);
    }

    @Test
    void printsAFixtureAsJson() {
        assertEquals(0, run("topology", "--json", "--sysfs-root=" + fixture("32em64t-2n8c+dax+nvme+mic+dimms")));
        JsonObject json = JsonParser.parseString(out()).getAsJsonObject();
        assertEquals("numagen.topology/1", json.get("schema").getAsString());
        JsonArray nodes = json.getAsJsonArray("nodes");
        assertEquals(2, nodes.size());
        JsonObject node1 = nodes.get(1).getAsJsonObject();
        assertEquals(1, node1.get("id").getAsInt());
        assertEquals(16777216L * 1024, node1.get("memTotalBytes").getAsLong());
        assertEquals(8, node1.getAsJsonArray("cpus").get(0).getAsInt());
        assertEquals(21, json.getAsJsonObject("distances").getAsJsonArray("matrix").get(0).getAsJsonArray().get(1)
                .getAsInt());
        assertEquals(112, json.getAsJsonArray("offlineCpus").size());
        assertTrue(json.getAsJsonObject("kernel").get("numaBalancing").isJsonNull());
    }

    /** The fields docs/topology-json.md documents, no more, no fewer. */
    @Test
    void jsonFieldsMatchTheDocumentedSchema() {
        assertEquals(0, run("topology", "--json", "--sysfs-root", fixture("8em64t-2s2ca2c")));
        JsonObject json = JsonParser.parseString(out()).getAsJsonObject();
        assertEquals(Set.of("schema", "root", "nodes", "distances", "onlineCpus", "offlineCpus", "possibleCpus",
                "allowedCpus", "allowedMemoryNodes", "allowedSources", "usableNodes", "cpus", "kernel", "notes"),
                json.keySet());
        assertEquals(Set.of("id", "cpus", "allowedCpus", "memTotalBytes", "memFreeBytes", "hasCpus", "hasMemory"),
                json.getAsJsonArray("nodes").get(0).getAsJsonObject().keySet());
        assertEquals(Set.of("id", "node", "package", "core", "threadSiblings", "coreSiblings"),
                json.getAsJsonArray("cpus").get(0).getAsJsonObject().keySet());
        assertEquals(Set.of("transparentHugepages", "hugepageBytes", "numaBalancing"),
                json.getAsJsonObject("kernel").keySet());
        assertEquals(Set.of("nodeIds", "matrix"), json.getAsJsonObject("distances").keySet());
    }

    @Test
    void unknownDistancesAreNullInJson() {
        assertEquals(0, run("topology", "--json", "--sysfs-root", fixture("2arm-2c")));
        assertTrue(JsonParser.parseString(out()).getAsJsonObject().get("distances").isJsonNull());
    }

    @Test
    void missingRootIsAUsageError() {
        assertEquals(Main.EXIT_USAGE, run("topology", "--sysfs-root", "/no/such/dir"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("/no/such/dir is not a directory"), err.toString());
    }

    @Test
    void strayArgumentsAreUsageErrors() {
        assertEquals(Main.EXIT_USAGE, run("topology", "extra"));
        assertEquals(Main.EXIT_USAGE, run("topology", "--cpus"));
    }

    @Test
    void readsThisMachineByDefault() {
        assertEquals(0, run("topology"));
        assertTrue(out().startsWith("available: "), out());
        assertTrue(out().contains("read from: /\n"), out());
    }

    @Test
    void isListedInHelp() {
        assertEquals(0, run("help"));
        assertTrue(out().contains("topology"), out());
    }
}
