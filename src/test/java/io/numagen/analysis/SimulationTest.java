package io.numagen.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/**
 * The analysis tested by simulation, through the whole path (measurements, {@link Analyzer}, Holm, verdicts). Each
 * simulated run is the quick preset's matrix on one node: bindings none and local-0, a baseline cell (OFF) and four
 * FORCE configurations per binding (8 comparisons in the Holm family) plus the A/A control cell, 5 forks each,
 * per-fork means log-normal with a given coefficient of variation.
 */
class SimulationTest {

    static final int RUNS = 1000;
    static final int FORKS = 5;
    static final String[][] CONFIGS = {{"none", "false"}, {"none", "true"}, {"scatter", "false"}, {"scatter", "true"}};

    /** One simulated run; {@code effect} multiplies the first FORCE configuration of local-0 only. */
    static Analyzer.Result run(Random rnd, double cv, double effect) {
        List<Measurement> ms = new ArrayList<>();
        for (String binding : List.of("none", "local-0")) {
            ms.add(m(rnd, binding + ".OFF", binding, "OFF", "none", "false", cv, 1));
            for (int k = 0; k < CONFIGS.length; k++) {
                double f = binding.equals("local-0") && k == 0 ? effect : 1;
                ms.add(m(rnd, binding + ".FORCE", binding, "FORCE", CONFIGS[k][0], CONFIGS[k][1], cv, f));
            }
        }
        ms.add(m(rnd, "none.OFF" + Analyzer.CONTROL_SUFFIX, "none", "OFF", "none", "false", cv, 1));
        return Analyzer.analyze(ms);
    }

    private static Measurement m(Random rnd, String cell, String binding, String mode, String pinning,
                                 String firstTouch, double cv, double factor) {
        double sigma = Math.sqrt(Math.log(1 + cv * cv));
        double[][] forks = new double[FORKS][1];
        for (double[] f : forks) {
            f[0] = 5e9 * factor * Math.exp(sigma * rnd.nextGaussian());
        }
        TreeMap<String, String> p = new TreeMap<>(Fixtures.params("numaMode", mode, "pinning", pinning,
                "firstTouch", firstTouch, "allocation", "default", "size", "64MiB"));
        List<Integer> nodes = binding.equals("none") ? List.of() : List.of(0);
        return new Measurement("sim/" + cell + "/" + p, "sim", cell, binding, nodes, nodes,
                "NumaMatrixBenchmark.generate", p, "bytes/s", true, forks, new TreeMap<>(), "simulated");
    }

    /** Share of runs in which the planted effect is claimed as a gain, and in which any null row is claimed. */
    static double[] rates(double cv, double effect, long seed) {
        Random rnd = new Random(seed);
        int detected = 0;
        int falseClaims = 0;
        for (int i = 0; i < RUNS; i++) {
            Analyzer.Result r = run(rnd, cv, effect);
            List<Comparison> family = r.comparisons().stream().filter(Comparison::inFamily).toList();
            assertEquals(8, family.size());
            for (Comparison c : family) {
                boolean planted = c.binding().equals("local-0") && c.label().equals("numaMode=FORCE vs OFF");
                if (planted && c.verdict().outcome() == Verdict.Outcome.BETTER) {
                    detected++;
                }
            }
            boolean anyFalse = family.stream().anyMatch(c -> c.verdict().isFinding()
                    && !(c.binding().equals("local-0") && c.label().equals("numaMode=FORCE vs OFF")));
            falseClaims += anyFalse ? 1 : 0;
        }
        return new double[] {detected / (double) RUNS, falseClaims / (double) RUNS};
    }

    /**
     * A 10 % gain with 5 forks is found in at least 80 % of runs when the fork-to-fork CV is 2.5 % (one pinned
     * thread without page faults in the op measured 3.8 % here, see docs/analysis.md for the power at other CVs).
     */
    @Test
    void aPlantedTenPercentEffectIsDetected() {
        double[] r = rates(0.025, 1.10, 1);
        assertTrue(r[0] >= 0.80, "detected in " + r[0]);
        assertTrue(r[1] <= 0.05, "false claims in " + r[1]);
    }

    /** No effect anywhere: claims in at most 5 % of runs, at low noise and at this machine's worst fork CV. */
    @Test
    void anAaMatrixClaimsAlmostNever() {
        for (double cv : new double[] {0.025, 0.15}) {
            double[] r = rates(cv, 1.0, 2);
            assertTrue(r[0] + r[1] <= 0.05, "runs with a claim at CV " + cv + ": " + (r[0] + r[1]));
        }
    }

    /** The A/A check is one uncorrected 95 % interval: with identical configurations it fails in ~5 % of runs. */
    @Test
    void theControlCellFlagsAboutOneRunInTwenty() {
        Random rnd = new Random(3);
        int failed = 0;
        for (int i = 0; i < RUNS; i++) {
            Comparison control = run(rnd, 0.05, 1.0).comparisons().get(0);
            assertEquals(Comparison.CONTROL, control.category());
            failed += control.verdict().reason().isEmpty() ? 0 : 1;
        }
        assertEquals(0.05, failed / (double) RUNS, 0.025, "the A/A check is one 95 % interval");
    }
}
