package io.numagen.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/** NumaMatrixBenchmark's jvm param: compared with jvm=default, kept apart everywhere else. */
class JvmFlagsComparisonTest {
    private final Random rnd = new Random(7);

    private Measurement m(String benchmark, double mean, String... params) {
        TreeMap<String, String> p = new TreeMap<>(Fixtures.params(params));
        return new Measurement("h/none/" + benchmark + p, "h", "none", "none", List.of(), List.of(), benchmark, p,
                "ops/s", true, Fixtures.samples(rnd, mean, 0.01, 5, 2), new TreeMap<>(), "result.json");
    }

    private Measurement matrix(String jvm, String numaMode, double mean) {
        return m("NumaMatrixBenchmark.generate", mean, "jvm", jvm, "numaMode", numaMode, "pinning", "none",
                "firstTouch", "false", "allocation", "default", "size", "64MiB", "threads", "2");
    }

    @Test
    void jvmFlagsAreComparedWithTheDefaultJvmAndNothingElse() {
        List<Measurement> all = new ArrayList<>();
        all.add(matrix("default", "OFF", 100));
        all.add(matrix("UseNUMA", "OFF", 100));
        all.add(matrix("AlwaysPreTouch", "OFF", 120));
        all.add(matrix("default", "AUTO", 100));
        all.add(matrix("UseNUMA", "AUTO", 90));
        all.add(m("BaselineBenchmark.fill", 300, "size", "64MiB", "threads", "2"));
        Analyzer.Result r = Analyzer.analyze(all);

        List<Comparison> flags = r.category("jvm-flags");
        assertEquals(List.of("jvm=UseNUMA vs default", "jvm=AlwaysPreTouch vs default", "jvm=UseNUMA vs default"),
                flags.stream().map(Comparison::label).collect(Collectors.toList()));
        for (Comparison c : flags) {
            assertEquals("default", c.baseline().param("jvm"));
            assertEquals(c.treatment().param("numaMode"), c.baseline().param("numaMode"));
            assertFalse(c.context().contains("jvm="), c.context());
        }
        assertEquals(1.2, flags.get(1).ratio().ratio(), 0.02);
        assertTrue(flags.get(1).verdict().text().startsWith("JVM flags faster"), flags.get(1).verdict().text());
        assertEquals(0.9, flags.get(2).ratio().ratio(), 0.02);

        // numaMode=AUTO vs OFF stays within one jvm value: one comparison per jvm value that has both modes.
        List<Comparison> layer = r.category("numa-layer");
        assertEquals(2, layer.size(), layer.toString());
        for (Comparison c : layer) {
            assertEquals(c.treatment().param("jvm"), c.baseline().param("jvm"));
        }
        // The baselines ran on a default JVM: only jvm=default generator forks are compared with them.
        List<Comparison> gb = r.category("generator-vs-baseline");
        assertEquals(1, gb.size(), gb.toString());
        assertEquals("default", gb.get(0).treatment().param("jvm"));
    }
}
