package io.numagen.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;

class StatsTest {

    @Test
    void identicalSamplesGiveRatioOneCiContainingOneAndPOne() {
        double[] a = {100, 102, 98, 101, 99};
        Stats.Ratio r = Stats.ratio(a, a.clone());
        assertEquals(1.0, r.ratio(), 1e-12);
        assertTrue(r.ciLow() < 1 && r.ciHigh() > 1, "CI " + r.ciLow() + ".." + r.ciHigh());
        assertEquals(1.0, r.pValue(), 1e-9);
        assertFalse(r.significant());
        Verdict v = Verdicts.decide(r, true, WORDS, r.pValue(), 1, 0.01, 0.01, false);
        assertEquals(Verdict.Outcome.INCONCLUSIVE, v.outcome());
        assertTrue(v.reason().startsWith("CI includes 1"), v.reason());
    }

    static final Verdicts.Wording WORDS = new Verdicts.Wording("gain: faster", "loss: slower");

    @Test
    void clearlySeparatedSamplesAreSignificant() {
        Random rnd = new Random(7);
        double[] base = new double[10];
        double[] fast = new double[10];
        for (int i = 0; i < 10; i++) {
            base[i] = 100 + rnd.nextGaussian();
            fast[i] = 120 + rnd.nextGaussian();
        }
        Stats.Ratio r = Stats.ratio(fast, base);
        assertTrue(r.significant());
        assertTrue(r.ciLow() > 1.15 && r.ciHigh() < 1.25, r.ciLow() + ".." + r.ciHigh());
        assertTrue(r.pValue() < 1e-10);
        Verdict v = Verdicts.decide(r, true, WORDS, r.pValue(), 1, 0.01, 0.01, false);
        assertTrue(v.text().matches("gain: faster by (19|20|21)\\.\\d% \\(.*"), v.text());
        Stats.Ratio back = Stats.ratio(base, fast);
        assertTrue(back.ciHigh() < 1);
        assertTrue(Verdicts.decide(back, true, WORDS, back.pValue(), 1, 0.01, 0.01, false).text()
                .startsWith("loss: slower by"));
        // The interval of the inverse ratio is the inverse interval: a time per op gives its throughput's verdict.
        assertEquals(1 / r.ciLow(), back.ciHigh(), 1e-9);
        assertEquals(r.pValue(), back.pValue(), 1e-12);
        assertEquals(Verdict.Outcome.BETTER, Verdicts.decide(back, false, WORDS, back.pValue(), 1, 0.01, 0.01,
                false).outcome(), "lower time per op is better");
    }

    @Test
    void verdictNeedsEnoughForksTheHolmCorrectionAndAPassedControl() {
        Stats.Ratio two = Stats.ratio(new double[] {120, 121}, new double[] {100, 101});
        assertTrue(two.significant());
        assertTrue(Verdicts.decide(two, true, WORDS, two.pValue(), 1, 0, 0, false).reason()
                .contains("fewer than the 3 needed"));
        Stats.Ratio three = Stats.ratio(new double[] {110, 111, 112}, new double[] {100, 101, 99});
        assertTrue(three.significant());
        Verdict notHolm = Verdicts.decide(three, true, WORDS, 0.2, 40, 0, 0, false);
        assertFalse(notHolm.isFinding());
        assertTrue(notHolm.reason().contains("p_holm=0.2000 over 40 comparisons"), notHolm.reason());
        assertFalse(Verdicts.decide(three, true, WORDS, three.pValue(), 1, 0, 0, true).isFinding());
        assertTrue(Verdicts.decide(three, true, WORDS, three.pValue(), 1, 0, 0, false).isFinding());
    }

    /**
     * Worked by hand on the logs: ln of {e^1, e^2, e^3} and {e^0, e^1, e^2} are 1,2,3 and 0,1,2: d = 1, variances 1
     * and 1, n = 3: se = sqrt(2/3), Welch df = 4, t(0.975, 4) = 2.776445; ratio e, CI e^(1 ± 2.776445·se).
     */
    @Test
    void ciComputedByHandOnTheLogScale() {
        double e = Math.E;
        Stats.Ratio r = Stats.ratio(new double[] {e, e * e, e * e * e}, new double[] {1, e, e * e});
        double se = Math.sqrt(2.0 / 3);
        assertEquals(4.0, r.df(), 1e-12);
        assertEquals(e, r.ratio(), 1e-12);
        assertEquals(Math.exp(1 - 2.776445 * se), r.ciLow(), 1e-5);
        assertEquals(Math.exp(1 + 2.776445 * se), r.ciHigh(), 1e-5);
        // t = 1 / se = 1.224745 with 4 df: two-sided p = 0.28786 (R: 2*pt(-1.224745, 4)).
        assertEquals(0.28786, r.pValue(), 1e-5);
        assertFalse(r.significant(), "p > 0.05 and the CI includes 1: no claim");
    }

    @Test
    void boundsArePositiveEvenWithHugeNoise() {
        Stats.Ratio r = Stats.ratio(new double[] {1, 50, 3}, new double[] {40, 2, 9});
        assertTrue(r.ciLow() > 0, "a ratio's interval never reaches 0: " + r);
    }

    @Test
    void ciExcludesOneExactlyWhenPBelowFivePercent() {
        Random rnd = new Random(11);
        for (int trial = 0; trial < 200; trial++) {
            double[] a = new double[4 + rnd.nextInt(6)];
            double[] b = new double[3 + rnd.nextInt(6)];
            for (int i = 0; i < a.length; i++) {
                a[i] = 100 + 3 * rnd.nextGaussian();
            }
            double shift = rnd.nextDouble() * 8;
            for (int i = 0; i < b.length; i++) {
                b[i] = 100 + shift + 3 * rnd.nextGaussian();
            }
            Stats.Ratio r = Stats.ratio(a, b);
            assertEquals(r.pValue() < Stats.ALPHA, r.significant(), "trial " + trial + " p=" + r.pValue());
        }
    }

    @Test
    void singleIterationGivesNoIntervalAndNoClaim() {
        Stats.Ratio r = Stats.ratio(new double[] {5}, new double[] {4, 4.1});
        assertFalse(r.hasInterval());
        assertFalse(r.significant());
        assertTrue(Double.isNaN(r.pValue()));
        assertTrue(Verdicts.decide(r, true, WORDS, Double.NaN, 1, 0, 0, false).reason()
                .contains("no interval below 2 forks"));
    }

    @Test
    void constantSamples() {
        Stats.Ratio same = Stats.ratio(new double[] {3, 3}, new double[] {3, 3, 3});
        assertEquals(1.0, same.pValue());
        assertFalse(same.significant());
        Stats.Ratio diff = Stats.ratio(new double[] {4, 4}, new double[] {3, 3});
        assertTrue(diff.significant());
    }

    @Test
    void percentilesUseR7() {
        double[] x = {1, 2, 3, 4};
        assertEquals(2.5, Stats.percentile(x, 50), 1e-12);
        assertEquals(1.75, Stats.percentile(x, 25), 1e-12); // R_7 (R, numpy); the legacy default gives 1.25
        assertEquals(3.25, Stats.percentile(x, 75), 1e-12);
    }

    @Test
    void scalingVerdictAndScaledRatio() {
        Stats.Ratio r = Stats.ratio(new double[] {18, 18.1, 17.9, 18.05}, Stats.times(new double[] {10, 10.1, 9.9,
                10.02}, 2));
        assertTrue(r.ciHigh() < 1);
        assertTrue(Verdicts.scaling(r, 2, r.pValue(), 1, 0, 0, false).text()
                .startsWith("sub-linear scaling: efficiency 0.9"));
        Stats.Ratio s = new Stats.Ratio(2, 1.8, 2.2, 0.01, 5, 3, 3).scaled(2);
        assertEquals(1.0, s.ratio());
        assertEquals(0.9, s.ciLow(), 1e-12);
    }

    @Test
    void meanIntervalByHandOnTheLogScale() {
        double e = Math.E;
        double[] ci = Stats.logMeanInterval(new double[] {Math.pow(e, 8), Math.pow(e, 9), Math.pow(e, 10)});
        // logs 8, 9, 10: mean 9, sd 1, n 3: t(0.975, 2) = 4.302653
        assertEquals(Math.exp(9 - 4.302653 / Math.sqrt(3)), ci[0], 1e-3);
        assertEquals(Math.exp(9 + 4.302653 / Math.sqrt(3)), ci[1], 1);
        assertTrue(Stats.logMeanInterval(new double[] {0.1, 5, 9})[0] > 0, "never below 0");
    }

    @Test
    void holmAdjustmentByHand() {
        // m = 3 (NaN left out): sorted 0.01, 0.02, 0.04 -> 0.03, 0.04, 0.04 (monotone).
        double[] adj = Stats.holm(new double[] {0.04, Double.NaN, 0.01, 0.02});
        assertEquals(0.04, adj[0], 1e-12);
        assertTrue(Double.isNaN(adj[1]));
        assertEquals(0.03, adj[2], 1e-12);
        assertEquals(0.04, adj[3], 1e-12);
        assertEquals(1.0, Stats.holm(new double[] {0.9, 0.8})[0], 1e-12);
    }
}
