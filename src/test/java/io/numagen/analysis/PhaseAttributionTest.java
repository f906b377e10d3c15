package io.numagen.analysis;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PhaseAttributionTest {
    private static final double MS = 1e6;

    private static Measurement measurement(String benchmark, String mode, Map<String, Double> secondary) {
        SortedMap<String, String> params = new TreeMap<>(Map.of("numaMode", mode, "threads", "all"));
        TreeMap<String, Measurement.Counter> counters = new TreeMap<>();
        secondary.forEach((k, v) -> counters.put(k, new Measurement.Counter(v, "ns/op")));
        return new Measurement("h/c/" + benchmark + "[" + mode + "]", "h", "c", "none", List.of(), List.of(),
                benchmark, params, "bytes/s", true, new double[][] {{1}, {1}}, counters, "f.json");
    }

    private static Map<String, Double> phases(double op, double touch, double write, double sys) {
        return Map.of("op.wall", op * MS, "phase.map", 0.1 * MS, "phase.bind", 0.0, "phase.touch", touch * MS,
                "phase.write", write * MS, "phase.unmap", 1 * MS, "cpu.sys", sys * MS, "machine.virtualised", 1.0);
    }

    private static Comparison comparison(String benchmark, Measurement t, Measurement b, Stats.Ratio ratio) {
        return new Comparison("numa-layer", "numaMode=FORCE vs OFF", "h", "none", "all", 0, benchmark, "threads=all",
                t, b, ratio, new Verdicts.Wording("gain: faster", "loss: slower"), Double.NaN, null)
                .withHolm(ratio.pValue(), 1, false);
    }

    @Test
    void aSlowerModeIsTracedToThePhaseThatGrewAndSetBesideThePlaceAndRefillVariants() {
        Stats.Ratio slower = new Stats.Ratio(0.77, 0.70, 0.85, 0.001, 10, 6, 6);
        Measurement off = measurement("NumaMatrixBenchmark.generate", "OFF", phases(20, 0, 30, 4));
        Measurement force = measurement("NumaMatrixBenchmark.generate", "FORCE", phases(26, 10, 31, 9));
        Comparison generate = comparison("NumaMatrixBenchmark.generate", force, off, slower);
        Measurement placeOff = measurement("NumaMatrixBenchmark.place", "OFF", Map.of());
        Measurement placeForce = measurement("NumaMatrixBenchmark.place", "FORCE", Map.of());
        Comparison place = comparison("NumaMatrixBenchmark.place", placeForce, placeOff,
                new Stats.Ratio(0.6, 0.5, 0.7, 0.001, 10, 6, 6));
        Analyzer.Result r = new Analyzer.Result(List.of(off, force, placeOff, placeForce), List.of(generate, place),
                List.of());

        List<PhaseAttribution.Attribution> as = PhaseAttribution.attribute(r);
        assertEquals(1, as.size(), "only generate is attributed");
        PhaseAttribution.Attribution a = as.get(0);
        assertEquals("touch", a.dominantPhase());
        assertEquals(6 * MS, a.opDelta(), 1);
        assertEquals(5 * MS, a.kernelDelta(), 1);
        String s = a.statement();
        assertTrue(s.contains("op time +6.00 ms") && s.contains("mostly from the touch phase (+10.00 ms/op")
                && s.contains("91 %") && s.contains("kernel CPU +5.00"), s);
        assertFalse(s.contains("inconclusive"), s);

        String md = PhaseAttribution.markdown(r);
        assertTrue(md.contains("**Fault costs on this machine depend on the hypervisor**"), md);
        assertTrue(md.contains("Place alone: 0.600 [0.500, 0.700]; refill alone: not run."), md);
        assertTrue(md.contains("| h/c/NumaMatrixBenchmark.generate[FORCE] | 26.00 | 0.10 | 0.00 | 10.00 | 31.00 | "
                + "1.00 | n/a | 9.00 |"), md);
    }

    @Test
    void anInsignificantDifferenceSaysSoAndAFasterOneLooksForAShrinkingPhase() {
        Stats.Ratio faster = new Stats.Ratio(1.05, 0.95, 1.15, 0.3, 10, 6, 6);
        Measurement off = measurement("NumaMatrixBenchmark.generate", "OFF", phases(20, 0, 30, 4));
        Measurement force = measurement("NumaMatrixBenchmark.generate", "FORCE", phases(19, 0, 28, 4));
        Analyzer.Result r = new Analyzer.Result(List.of(off, force),
                List.of(comparison("NumaMatrixBenchmark.generate", force, off, faster)), List.of());
        PhaseAttribution.Attribution a = PhaseAttribution.attribute(r).get(0);
        assertEquals("write", a.dominantPhase());
        assertTrue(a.statement().contains(" — inconclusive: CI includes 1 (noise: fork CV"), a.statement());
    }

    @Test
    void withoutPhaseMetricsThereIsNoAttributionAndNoHypervisorGuess() {
        Measurement plain = measurement("NumaMatrixBenchmark.generate", "OFF", Map.of("bytes", 1.0));
        Analyzer.Result r = new Analyzer.Result(List.of(plain), List.of(), List.of());
        String md = PhaseAttribution.markdown(r);
        assertTrue(md.contains("No phase metrics in these results"), md);
        assertFalse(md.contains("hypervisor"), md);
    }
}
