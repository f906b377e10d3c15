package io.numagen.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Time-per-op results read as their throughput twins; compare refuses to divide different units. */
class DirectionAndUnitsTest {

    @TempDir
    Path tmp;

    /** Rewrites every JMH file of a folder as JMH's avgt mode would have written it: seconds per operation. */
    static void toAverageTime(Path dir) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir.resolve("cells"))) {
            files = s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".skipped.json"))
                    .collect(Collectors.toList());
        }
        for (Path f : files) {
            JsonArray entries = JsonParser.parseString(Files.readString(f)).getAsJsonArray();
            for (JsonElement e : entries) {
                JsonObject o = e.getAsJsonObject();
                o.addProperty("mode", "avgt");
                JsonObject primary = o.getAsJsonObject("primaryMetric");
                primary.addProperty("scoreUnit", "s/op");
                for (JsonElement fork : primary.getAsJsonArray("rawData")) {
                    JsonArray its = fork.getAsJsonArray();
                    for (int i = 0; i < its.size(); i++) {
                        its.set(i, new com.google.gson.JsonPrimitive(1 / its.get(i).getAsDouble()));
                    }
                }
                // In avgt mode the byte counter is a time per op too, not a rate: the loader must not use it.
                JsonObject sec = o.getAsJsonObject("secondaryMetrics");
                if (sec.has("bytes")) {
                    sec.getAsJsonObject("bytes").addProperty("scoreUnit", "s/op");
                }
            }
            Files.writeString(f, new GsonBuilder().create().toJson(entries));
        }
    }

    @Test
    void anAverageTimeCopyGetsTheSameVerdictsAsTheThroughputOriginal() throws IOException {
        Path thrpt = Fixtures.syntheticFolder(tmp.resolve("thrpt"), "h", 5);
        Path avgt = Fixtures.syntheticFolder(tmp.resolve("avgt"), "h", 5);
        toAverageTime(avgt);
        Map<String, Comparison> a = byKey(Analyzer.analyze(ResultLoader.load(thrpt).measurements()));
        Map<String, Comparison> b = byKey(Analyzer.analyze(ResultLoader.load(avgt).measurements()));
        assertEquals(a.keySet(), b.keySet());
        long findings = 0;
        for (String k : a.keySet()) {
            assertEquals(a.get(k).verdict().outcome(), b.get(k).verdict().outcome(), k);
            assertEquals(a.get(k).ratio().ratio(), b.get(k).ratio().ratio(), 1e-9, k);
            findings += a.get(k).verdict().isFinding() ? 1 : 0;
        }
        assertTrue(findings > 20, "the synthetic effects are found in both: " + findings);
    }

    @Test
    void withoutASizeTheDirectionComesFromTheUnit() throws IOException {
        Random rnd = new Random(3);
        Path dir = tmp.resolve("plain");
        Fixtures.writeJmh(dir.resolve("none.OFF.json"), List.of(
                entry("NumaMatrixBenchmark.stream", "none", Fixtures.samples(rnd, 100, 0.01, 5, 2)),
                entry("NumaMatrixBenchmark.stream", "scatter", Fixtures.samples(rnd, 80, 0.01, 5, 2))));
        avgt(dir.resolve("none.OFF.json"), "ms/op");
        List<Measurement> ms = ResultLoader.load(dir).measurements();
        assertFalse(ms.get(0).higherIsBetter());
        assertEquals("ms/op", ms.get(0).unit());
        Comparison c = Analyzer.analyze(ms).category("optimisation").get(0);
        assertEquals(0.8, c.ratio().ratio(), 0.02);
        assertEquals(Verdict.Outcome.BETTER, c.verdict().outcome(), "20 % less time per op is a gain");
        assertTrue(c.verdict().text().startsWith("gain: faster by"), c.verdict().text());
    }

    @Test
    void compareRefusesMismatchedUnits() throws IOException {
        Random rnd = new Random(4);
        Path a = tmp.resolve("a");
        Path b = tmp.resolve("b");
        for (Path d : List.of(a, b)) {
            Fixtures.writeJmh(d.resolve("none.OFF.json"), List.of(
                    entry("NumaMatrixBenchmark.stream", "none", Fixtures.samples(rnd, 100, 0.01, 5, 2))));
        }
        avgt(b.resolve("none.OFF.json"), "ms/op");
        CommandsTest.Run r = CommandsTest.run("compare", a.toString(), b.toString(), "--out",
                tmp.resolve("out").toString());
        assertEquals(2, r.status(), r.out());
        assertTrue(r.err().contains("its unit is 'ops/s' in A but 'ms/op' in B"), r.err());
        assertFalse(Files.exists(tmp.resolve("out/report.md")), "nothing written");
    }

    private static Fixtures.Entry entry(String benchmark, String pinning, double[][] raw) {
        return new Fixtures.Entry(benchmark, Fixtures.params("numaMode", "FORCE".equals(pinning) ? "FORCE" : "OFF",
                "pinning", pinning), raw, false, 0, Map.of());
    }

    /** A benchmark without a size in avgt mode: the same numbers, read as a time per op. */
    private static void avgt(Path file, String unit) throws IOException {
        Files.writeString(file, Files.readString(file).replace("\"thrpt\"", "\"avgt\"").replace("\"ops/s\"",
                "\"" + unit + "\""));
    }

    private static Map<String, Comparison> byKey(Analyzer.Result r) {
        return r.comparisons().stream().collect(Collectors.toMap(Comparison::key, c -> c));
    }
}
