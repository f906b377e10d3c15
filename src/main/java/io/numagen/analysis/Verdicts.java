package io.numagen.analysis;

import java.util.Locale;

/**
 * Verdict sentences. Rule: a gain or loss is claimed only when the 95 % CI of the ratio excludes 1 (equivalent to
 * Welch p &lt; 0.05); otherwise "no significant difference" with the interval that includes 1. Without an interval
 * (fewer than two iterations on a side) nothing is claimed.
 */
public final class Verdicts {
    private Verdicts() {
    }

    static String ci(Stats.Ratio r) {
        return String.format(Locale.ROOT, "[%.3f, %.3f]", r.ciLow(), r.ciHigh());
    }

    static String p(double p) {
        if (Double.isNaN(p)) {
            return "p n/a";
        }
        return p < 1e-4 ? "p<0.0001" : String.format(Locale.ROOT, "p=%.4f", p);
    }

    static String pct(double ratio) {
        return String.format(Locale.ROOT, "%.1f%%", Math.abs(ratio - 1) * 100);
    }

    /** Generic verdict for "treatment vs baseline" ratios where higher is better. */
    public static String ratio(Stats.Ratio r, String higher, String lower) {
        if (!r.hasInterval()) {
            return String.format(Locale.ROOT, "insufficient data (n=%d vs %d iterations, need ≥ 2 each): "
                    + "ratio %.3f, no CI, nothing claimed", r.nTreatment(), r.nBaseline(), r.ratio());
        }
        if (r.ciLow() > 1) {
            return higher + " by " + pct(r.ratio()) + " (ratio " + fmt(r.ratio()) + ", CI " + ci(r) + " excludes 1, "
                    + p(r.pValue()) + ")";
        }
        if (r.ciHigh() < 1) {
            return lower + " by " + pct(r.ratio()) + " (ratio " + fmt(r.ratio()) + ", CI " + ci(r) + " excludes 1, "
                    + p(r.pValue()) + ")";
        }
        return "no significant difference (CI " + ci(r) + " includes 1, " + p(r.pValue()) + ")";
    }

    /** Verdict for scaling efficiency (ratio already divided by K; 1 = linear). */
    public static String scaling(Stats.Ratio r, int k) {
        if (!r.hasInterval()) {
            return String.format(Locale.ROOT, "insufficient data: efficiency %.3f on %d nodes, no CI", r.ratio(), k);
        }
        String eff = "efficiency " + fmt(r.ratio()) + " on " + k + " nodes (CI " + ci(r) + ")";
        if (r.ciHigh() < 1) {
            return "sub-linear scaling: " + eff;
        }
        if (r.ciLow() > 1) {
            return "super-linear scaling: " + eff;
        }
        return "consistent with linear scaling: " + eff + " includes 1";
    }

    static String fmt(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
