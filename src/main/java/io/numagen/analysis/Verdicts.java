package io.numagen.analysis;

import java.util.Locale;

/**
 * Turns a ratio into a {@link Verdict}. Claims are direction-aware (a ratio below 1 of a time per operation is a
 * gain) and made only when they survive the Holm correction over the whole report; everything else is inconclusive
 * with the first reason that applies: too few forks, an interval that includes 1 (noise), a claim that does not
 * survive the correction, or a failed A/A control.
 */
public final class Verdicts {

    /** Forks per side below which nothing is concluded, whatever the interval says. */
    public static final int MIN_FORKS = 3;

    private Verdicts() {
    }

    /** Words for a better and a worse treatment, e.g. "gain: faster" / "loss: slower". */
    public record Wording(String better, String worse) {
    }

    /**
     * The verdict of one comparison.
     *
     * @param r              the ratio treatment / baseline
     * @param higherIsBetter direction of the measured unit
     * @param pHolm          Holm-adjusted p-value (NaN when the comparison is not part of the family)
     * @param family         size of the Holm family
     * @param cvTreatment    fork CV of the treatment (NaN below two forks)
     * @param cvBaseline     fork CV of the baseline
     * @param controlFailed  the A/A control's interval excluded 1
     */
    public static Verdict decide(Stats.Ratio r, boolean higherIsBetter, Wording words, double pHolm, int family,
                                 double cvTreatment, double cvBaseline, boolean controlFailed) {
        if (!r.hasInterval()) {
            return inconclusive(String.format(Locale.ROOT, "n = %d / %d forks: no interval below 2 forks per side",
                    r.nTreatment(), r.nBaseline()));
        }
        if (r.n() < MIN_FORKS) {
            return inconclusive(String.format(Locale.ROOT, "n = %d / %d forks, fewer than the %d needed to conclude",
                    r.nTreatment(), r.nBaseline(), MIN_FORKS));
        }
        if (!r.significant()) {
            return inconclusive("CI includes 1 (noise: fork CV " + Units.percent(cvTreatment) + " / "
                    + Units.percent(cvBaseline)
                    + ", CI width " + width(r) + ")");
        }
        if (!(pHolm < Stats.ALPHA)) {
            return inconclusive(p(r.pValue()) + " alone, but " + pHolm(pHolm) + " over " + family
                    + " comparisons");
        }
        if (controlFailed) {
            return inconclusive("the A/A control's interval excludes 1: the machine was too noisy to conclude");
        }
        boolean better = higherIsBetter == (r.ratio() > 1);
        String head = better ? words.better() : words.worse();
        Verdict.Outcome o = better ? Verdict.Outcome.BETTER : Verdict.Outcome.WORSE;
        return new Verdict(o, head + " by " + effect(r.ratio()) + " (" + Report.ratio(r) + ", "
                + pHolm(pHolm) + ")", "");
    }

    /** Scaling efficiency (ratio already divided by K; 1 = linear): the same rules, other words. */
    public static Verdict scaling(Stats.Ratio r, int k, double pHolm, int family, double cvT, double cvB,
                                  boolean controlFailed) {
        Verdict v = decide(r, true, new Wording("super-linear scaling", "sub-linear scaling"), pHolm, family, cvT,
                cvB, controlFailed);
        String eff = "efficiency " + fmt(r.ratio()) + " on " + k + " nodes";
        if (v.isFinding()) {
            return new Verdict(v.outcome(), (v.outcome() == Verdict.Outcome.BETTER ? "super-linear scaling: "
                    : "sub-linear scaling: ") + eff + " (" + Report.ratio(r) + ", " + pHolm(pHolm) + ")", "");
        }
        return new Verdict(v.outcome(), "inconclusive: " + eff + " (" + Report.ratio(r) + "); " + v.reason(),
                v.reason());
    }

    /** The A/A control: the same configuration in two cells should give ratio 1. */
    public static Verdict control(Stats.Ratio r) {
        if (!r.hasInterval() || r.n() < MIN_FORKS) {
            return new Verdict(Verdict.Outcome.INCONCLUSIVE, String.format(Locale.ROOT,
                    "A/A control has n = %d / %d forks (need ≥ %d): noise not checked", r.nTreatment(),
                    r.nBaseline(), MIN_FORKS), "too few forks");
        }
        if (r.significant()) {
            return new Verdict(Verdict.Outcome.INCONCLUSIVE, "A/A control FAILED: " + Report.ratio(r)
                    + " excludes 1 for identical configurations; the machine was too noisy to conclude",
                    "A/A interval excludes 1");
        }
        return new Verdict(Verdict.Outcome.INCONCLUSIVE, "A/A control passed: " + Report.ratio(r)
                + " includes 1 (half-width " + width(r) + ")", "");
    }

    private static Verdict inconclusive(String reason) {
        return new Verdict(Verdict.Outcome.INCONCLUSIVE, "inconclusive: " + reason, reason);
    }

    /** "+12.3%" style effect of a ratio, as the change of the measured quantity. */
    static String effect(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", Math.abs(ratio - 1) * 100);
    }

    /** Half the CI width relative to the ratio, e.g. "±8.1%". */
    static String width(Stats.Ratio r) {
        return String.format(Locale.ROOT, "±%.1f%%", (r.ciHigh() - r.ciLow()) / 2 / r.ratio() * 100);
    }

    /** "p=0.0123" or "p<0.0001"; "p n/a" without a p-value. */
    static String p(double p) {
        if (Double.isNaN(p)) {
            return "p n/a";
        }
        return p < 1e-4 ? "p<0.0001" : String.format(Locale.ROOT, "p=%.4f", p);
    }

    /** "p_holm=0.0123". */
    static String pHolm(double p) {
        return "p_holm" + p(p).substring(1);
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
