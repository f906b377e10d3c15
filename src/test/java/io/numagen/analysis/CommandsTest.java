package io.numagen.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.numagen.cli.Main;

class CommandsTest {

    @TempDir
    Path tmp;

    record Run(int status, String out, String err) {
    }

    static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    static JsonObject json(Path p) throws IOException {
        return JsonParser.parseString(Files.readString(p)).getAsJsonObject();
    }

    static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G'};

    @Test
    void analyzeWritesEveryOutput() throws IOException {
        Path dir = Fixtures.syntheticFolder(tmp.resolve("results/h/20260101T000000Z"), "h", 3);
        Run r = run("analyze", dir.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("1 host(s), 16 cell(s) (1 not ok)"), r.out());
        for (String f : List.of("report.md", "summary.csv", "measurements.csv", "summary.json", "gain.svg", "gain.png",
                "local-remote.svg", "local-remote.png", "scaling.svg", "scaling.png")) {
            assertTrue(Files.size(dir.resolve(f)) > 0, f);
        }
        assertArrayEquals(PNG, Arrays.copyOf(Files.readAllBytes(dir.resolve("gain.png")), 4));
        assertTrue(Files.readString(dir.resolve("gain.svg")).startsWith("<svg "));
        JsonObject s = json(dir.resolve("summary.json"));
        assertEquals(Report.SCHEMA, s.get("schema").getAsString());
        assertTrue(s.getAsJsonArray("comparisons").size() > 50);
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("| h | interleave.FORCE | --interleave=all | failed |"), md);
        assertTrue(md.contains("pinning=compact"));
        assertTrue(md.contains("](local-remote.png)"));
        // First screen: the conclusions, the A/A control first; then short tables; one throughput unit.
        assertTrue(md.indexOf("## Conclusions") < md.indexOf("## Results per node and benchmark"), md);
        assertTrue(md.indexOf("A/A control passed") < md.indexOf("comparisons hold**"), md);
        assertTrue(md.contains(" GB/s") && !md.contains("GiB/s"), "one throughput unit");
        for (String line : md.split("\n")) {
            if (line.startsWith("| Comparison |") || line.startsWith("| Counter |")) {
                assertTrue(line.split("\\|", -1).length - 2 <= 8, "at most 8 columns: " + line);
            }
        }
        assertTrue(md.contains("## Provenance") && md.contains("**JDK**"), md);
        assertTrue(md.contains("1-minute load average 0.52–1.75 on 4 CPUs, up to 3 runnable tasks, CPU steal up to "
                + "0.3 %"), md);
        assertTrue(md.contains("| 0.52 → 1.75, 1 → 3 runnable, steal 0.3 % |"), md);
        assertTrue(r.out().contains("A/A control passed"), r.out());
        // No temporary file is left behind by the atomic writes.
        try (var files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
        // Re-running on the same folder (outputs inside it) works: summary.json is not taken for a JMH file.
        assertEquals(0, run("analyze", dir.toString()).status());
        // A parent of result folders is searched for manifests.
        Path out = tmp.resolve("out");
        assertEquals(0, run("analyze", tmp.resolve("results").toString(), "--out", out.toString()).status());
        assertTrue(Files.exists(out.resolve("report.md")));
    }

    @Test
    void corruptInputExitsTwoNamingTheFile() throws IOException {
        Path dir = Fixtures.syntheticFolder(tmp.resolve("r"), "h", 3);
        Path cell = dir.resolve("cells/local-0.OFF.json");
        String text = Files.readString(cell);
        Files.writeString(cell, text.substring(0, 200));
        Run r = run("analyze", dir.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains(cell.toString() + ": not valid JSON"), r.err());
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        r = run("analyze", empty.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains(empty + ": no results found"), r.err());
        r = run("analyze");
        assertEquals(2, r.status());
        assertTrue(r.err().contains("expected exactly one result folder"), r.err());
    }

    @Test
    void mergeSeveralHosts() throws IOException {
        Path results = tmp.resolve("results");
        Fixtures.syntheticFolder(results.resolve("alpha/20260101T000000Z"), "alpha", 1);
        Fixtures.syntheticFolder(results.resolve("beta/20260101T000000Z"), "beta", 2);
        Fixtures.syntheticFolder(results.resolve("beta/20260102T000000Z"), "beta", 3);
        Path gamma = Fixtures.syntheticFolder(tmp.resolve("elsewhere/gamma"), "gamma", 4);
        Path out = tmp.resolve("merged");
        Run r = run("merge", results.toString(), gamma.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("4 host(s)"), r.out());
        JsonObject s = json(out.resolve("summary.json"));
        List<String> hosts = new java.util.ArrayList<>();
        s.getAsJsonArray("hosts").forEach(h -> hosts.add(h.getAsJsonObject().get("host").getAsString()));
        assertEquals(List.of("alpha", "beta@20260101T000000Z", "beta@20260102T000000Z", "gamma"), hosts);
        String md = Files.readString(out.resolve("report.md"));
        assertTrue(md.contains("### alpha, node 0, ") && md.contains("### gamma, node 1, "), "per-host tables");
        // Comparisons stay within a host: every pinning gain pairs measurements of the same host.
        s.getAsJsonArray("comparisons").forEach(c -> {
            JsonObject o = c.getAsJsonObject();
            String host = o.get("host").getAsString();
            assertTrue(o.get("baseline").getAsString().startsWith(host + "/"), o.toString());
        });
        assertEquals(2, run("merge", results.toString()).status(), "--out is required");
    }

    @Test
    void compareFoldersAndSummaries() throws IOException {
        Path a = Fixtures.syntheticFolder(tmp.resolve("a"), "h", 1);
        Path b = Fixtures.syntheticFolder(tmp.resolve("b"), "h", 2);
        Path out = tmp.resolve("cmp");
        Run r = run("compare", a.toString(), b.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonObject s = json(out.resolve("summary.json"));
        long runs = s.getAsJsonArray("comparisons").size();
        // 7 bindings × (OFF: generate, fill, naiveRandom; AUTO: 6 valid generate configurations) + RemoteAccess 2 × 2
        // + the A/A control
        assertEquals(7 * (3 + 6) + 4 + 1, runs);
        assertTrue(s.getAsJsonObject("compare").getAsJsonArray("comparisons").size() > 50);
        assertTrue(Files.readString(out.resolve("report.md")).contains("## Comparisons of A and B side by side"));
        // Same again from the two summary.json files written by analyze.
        assertEquals(0, run("analyze", a.toString()).status());
        assertEquals(0, run("analyze", b.toString()).status());
        Path out2 = tmp.resolve("cmp2");
        r = run("compare", a.resolve("summary.json").toString(), b.resolve("summary.json").toString(), "--out",
                out2.toString());
        assertEquals(0, r.status(), r.err());
        assertEquals(runs, json(out2.resolve("summary.json")).getAsJsonArray("comparisons").size());
        // Identical inputs: B / A is exactly 1 everywhere with no claim, and no verdict changes.
        Path out3 = tmp.resolve("cmp3");
        r = run("compare", a.toString(), a.toString(), "--out", out3.toString());
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("(0 different after Holm correction)") && r.out().contains("(0 verdict(s) changed)"),
                r.out());
        json(out3.resolve("summary.json")).getAsJsonArray("comparisons").forEach(c -> {
            assertEquals(1.0, c.getAsJsonObject().get("ratio").getAsDouble(), 1e-12);
            assertEquals("inconclusive", c.getAsJsonObject().get("outcome").getAsString());
        });
        Files.writeString(tmp.resolve("bad.json"), "{\"schema\": \"other\"}");
        r = run("compare", tmp.resolve("bad.json").toString(), a.toString());
        assertEquals(2, r.status());
        assertTrue(r.err().contains("bad.json: not a numagen summary"), r.err());
    }

    /** Slurm per-NUMA-node tasks: the same host twice, told apart by the manifest label (host:numaN). */
    @Test
    void mergeLabelledTasksOfOneHost() throws IOException {
        Path job = tmp.resolve("slurm-77");
        for (int n = 0; n < 2; n++) {
            Path d = Fixtures.syntheticFolder(job.resolve("h/2026010" + (n + 1) + "T000000Z"), "h", 10 + n);
            String manifest = Files.readString(d.resolve("manifest.json"));
            Files.writeString(d.resolve("manifest.json"), manifest.replace("\"host\": \"h\",",
                    "\"host\": \"h\",\n  \"label\": \"numa" + n + "\","));
        }
        Path out = job.resolve("merged");
        Run r = run("merge", job.toString(), "--out", out.toString());
        assertEquals(0, r.status(), r.err());
        JsonObject s = json(out.resolve("summary.json"));
        List<String> hosts = new java.util.ArrayList<>();
        s.getAsJsonArray("hosts").forEach(h -> hosts.add(h.getAsJsonObject().get("host").getAsString()));
        assertEquals(List.of("h:numa0", "h:numa1"), hosts);
        // Merging again with the merged folder present: it holds no manifest, so it is not taken as input.
        assertEquals(0, run("merge", job.toString(), "--out", out.toString()).status());
        assertEquals(2, json(out.resolve("summary.json")).getAsJsonArray("hosts").size());
    }
}
