package io.numagen.analysis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.stream.Collectors;

import com.google.gson.JsonObject;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ThreadScalingTest {

    @TempDir
    Path tmp;

    @Test
    void severalThreadCountsDrawOneLinePerConfigurationPerNode() throws IOException {
        Path dir = Fixtures.syntheticFolder(tmp.resolve("r"), "h", 5, List.of("1", "2", "4"));
        ThreadScaling.Result r = ThreadScaling.of(ResultLoader.load(dir).measurements());
        assertTrue(r.drawn());
        assertNull(r.absentReason());
        // Generator panels first: 7 bindings of generate, then the baselines' 7 × 2; no A/A control cell.
        assertEquals(21, r.panels().size());
        assertTrue(r.panels().subList(0, 7).stream().allMatch(p -> p.benchmark().equals("NumaMatrixBenchmark.generate")));
        ThreadScaling.Panel local0 = r.panels().stream().filter(p -> p.node().equals("node 0")
                && p.benchmark().endsWith("generate")).findFirst().orElseThrow();
        assertEquals(List.of(1, 2, 4), local0.threadCounts());
        List<String> labels = local0.series().stream().map(ThreadScaling.Series::label).collect(Collectors.toList());
        assertTrue(labels.containsAll(List.of("OFF", "AUTO", "AUTO + pin compact", "AUTO + pin compact + firstTouch",
                "AUTO + pin compact + firstTouch + bind")), labels.toString());
        assertEquals(labels.size(), labels.stream().distinct().count(), "one series per configuration");
        // The planted scaling: (threads / 2)^0.85 up to the node's 2 CPUs, flat beyond.
        ThreadScaling.Series off = local0.series().get(labels.indexOf("OFF"));
        double at2 = off.points().get(1).measurement().mean();
        assertEquals(Fixtures.threadFactor("1", 2), off.points().get(0).measurement().mean() / at2, 0.03);
        assertEquals(1.0, off.points().get(2).measurement().mean() / at2, 0.03);

        CommandsTest.Run run = CommandsTest.run("analyze", dir.toString());
        assertEquals(0, run.status(), run.err());
        assertArrayEquals(CommandsTest.PNG, Arrays.copyOf(Files.readAllBytes(dir.resolve("threads.png")), 4));
        String svg = Files.readString(dir.resolve("threads.svg"));
        assertTrue(svg.contains(">AUTO + pin compact + firstTouch</text>") && svg.contains(">h node 0: generate</text>"),
                "legend and panel titles");
        assertTrue(svg.contains("(8 of 21 panels, generator benchmarks first; all in summary.json)"));
        String md = Files.readString(dir.resolve("report.md"));
        assertTrue(md.contains("](threads.png)") && !md.contains("not drawn"), md);
        // Rows that differ only in their thread count say which, in every plot.
        assertTrue(Files.readString(dir.resolve("gain.svg")).contains(">unbound: AUTO + pin compact (generate) "
                + "threads=4</text>"));
        assertTrue(Files.readString(dir.resolve("throughput.svg")).contains(">node 0: generate OFF threads=1</text>"));
        assertTrue(Files.readString(dir.resolve("scaling.svg")).contains(">2 nodes: generate AUTO pinning=compact "
                + "threads=2</text>"));
        JsonObject ts = CommandsTest.json(dir.resolve("summary.json")).getAsJsonObject("threadScaling");
        assertEquals(21, ts.getAsJsonArray("panels").size());
        assertTrue(ts.get("absentReason").isJsonNull());
    }

    @Test
    void oneThreadCountLeavesThePlotOutAndSaysWhy() throws IOException {
        Path dir = Fixtures.syntheticFolder(tmp.resolve("r"), "h", 5);
        CommandsTest.Run run = CommandsTest.run("analyze", dir.toString());
        assertEquals(0, run.status(), run.err());
        assertFalse(Files.exists(dir.resolve("threads.png")) || Files.exists(dir.resolve("threads.svg")));
        String why = "Thread scaling (threads.png) not drawn: one thread count in this run (2 (threads=2)); a run "
                + "with several draws it, e.g. `scripts/run-quick-matrix.sh -- -p threads=1` or the full preset "
                + "(docs/analysis.md).";
        assertTrue(Files.readString(dir.resolve("report.md")).contains("- " + why), why);
        JsonObject ts = CommandsTest.json(dir.resolve("summary.json")).getAsJsonObject("threadScaling");
        assertEquals(0, ts.getAsJsonArray("panels").size());
        assertTrue(why.contains(ts.get("absentReason").getAsString()));
    }

    static Measurement measurement(String cell, String threads, double allowedCpus, double gbps) {
        TreeMap<String, String> params = new TreeMap<>(Map.of("threads", threads, "numaMode", "OFF", "size", "64MiB"));
        TreeMap<String, Measurement.Counter> sec = new TreeMap<>();
        if (!Double.isNaN(allowedCpus)) {
            sec.put("machine.cpus.allowed", new Measurement.Counter(allowedCpus, "value"));
        }
        double v = gbps * Units.GB;
        return new Measurement("h/" + cell + "/NumaMatrixBenchmark.generate[threads=" + threads + "]", "h", cell,
                "none", List.of(), List.of(), "NumaMatrixBenchmark.generate", params, "bytes/s", true,
                new double[][] {{v}, {v * 1.01}, {v * 0.99}}, sec, "f.json");
    }

    @Test
    void allAndHalfResolveWithTheForksAllowedCpus() {
        assertEquals(OptionalInt.of(2), ThreadScaling.threads(measurement("none.OFF", "all", 2, 1)));
        assertEquals(OptionalInt.of(1), ThreadScaling.threads(measurement("none.OFF", "half", 2, 1)));
        assertEquals(OptionalInt.of(3), ThreadScaling.threads(measurement("none.OFF", "half", 7, 1)));
        assertEquals(OptionalInt.of(8), ThreadScaling.threads(measurement("none.OFF", "8", Double.NaN, 1)));
        assertEquals(OptionalInt.empty(), ThreadScaling.threads(measurement("none.OFF", "all", Double.NaN, 1)));

        // The full preset's threads=1,half,all on 2 CPUs: 1 and half are one count, the numbered one stands for it.
        ThreadScaling.Result r = ThreadScaling.of(List.of(measurement("none.OFF", "1", 2, 3),
                measurement("none.OFF", "half", 2, 5), measurement("none.OFF", "all", 2, 4),
                measurement("none.OFF.control", "1", 2, 9)));
        assertEquals(1, r.panels().size());
        ThreadScaling.Series s = r.panels().get(0).series().get(0);
        assertEquals("OFF", s.label());
        assertEquals(List.of(1, 2), s.points().stream().map(ThreadScaling.Point::threads).collect(Collectors.toList()));
        assertEquals("1", s.points().get(0).measurement().param("threads"));

        // threads=all without the counter cannot be placed on the axis: left out, and said.
        r = ThreadScaling.of(List.of(measurement("none.OFF", "1", Double.NaN, 3),
                measurement("none.OFF", "all", Double.NaN, 4)));
        assertFalse(r.drawn());
        assertTrue(r.absentReason().startsWith("one thread count in this run (1 (threads=1))"), r.absentReason());
        assertTrue(r.absentReason().endsWith("1 measurement(s) left out: threads=all/max/half without the "
                + "machine.cpus.allowed counter (MachineInfoProfiler) to resolve it"), r.absentReason());
    }
}
