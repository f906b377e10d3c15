package io.numagen.analysis;

/**
 * One ratio between two measurements with its confidence interval, Holm-adjusted p-value and verdict.
 *
 * @param category  a-a-control | optimisation | numa-layer | jvm-flags | remote-penalty | remote-access | scaling |
 *                  generator-vs-baseline | run-vs-run
 * @param label     what is compared, e.g. "pinning=scatter", "numaMode=AUTO vs OFF", "cpu 0 / mem 1 vs local"
 * @param host      host of the treatment
 * @param binding   binding label of the treatment's cell
 * @param node      the node (or node pair / node count) the row is about, for per-node tables
 * @param nodeCount number of NUMA nodes the treatment's CPUs were bound to (0 = unbound)
 * @param benchmark benchmark of the treatment
 * @param context   parameters shared by both sides
 * @param treatment numerator
 * @param baseline  denominator
 * @param ratio     ratio of the fork means with CI (already divided by the node count for scaling)
 * @param wording   what a better / worse treatment is called
 * @param pHolm     Holm-adjusted p-value over every comparison of the report (NaN outside the family)
 * @param verdict   what may be said, never more than the corrected interval supports
 */
public record Comparison(String category, String label, String host, String binding, String node, int nodeCount,
                         String benchmark, String context, Measurement treatment, Measurement baseline,
                         Stats.Ratio ratio, Verdicts.Wording wording, double pHolm, Verdict verdict) {

    /** Category of the A/A control rows: not findings, so outside the Holm family. */
    public static final String CONTROL = "a-a-control";
    public static final String SCALING = "scaling";

    /** A comparison of {@code t} over {@code b} on their fork means; its verdict comes with {@link #withHolm}. */
    public static Comparison of(String category, String label, String node, String context, Measurement t,
                                Measurement b, Verdicts.Wording wording) {
        Stats.Ratio r = Stats.ratio(t.forkMeans(), b.forkMeans());
        if (category.equals(SCALING)) {
            r = r.scaled(t.nodeCount());
        }
        return new Comparison(category, label, t.host(), t.binding(), node, t.nodeCount(), t.benchmark(), context,
                t, b, r, wording, Double.NaN, Verdicts.decide(r, t.higherIsBetter(), wording, Double.NaN, 0,
                t.cv(), b.cv(), false));
    }

    /** True for the rows whose p-values form the Holm family (every comparison but the A/A control). */
    public boolean inFamily() {
        return !category.equals(CONTROL);
    }

    /** The same comparison with its Holm-adjusted p-value and final verdict. */
    public Comparison withHolm(double adjusted, int family, boolean controlFailed) {
        Verdict v;
        if (category.equals(CONTROL)) {
            v = Verdicts.control(ratio);
        } else if (category.equals(SCALING)) {
            v = Verdicts.scaling(ratio, nodeCount, adjusted, family, treatment.cv(), baseline.cv(), controlFailed);
        } else {
            v = Verdicts.decide(ratio, treatment.higherIsBetter(), wording, adjusted, family, treatment.cv(),
                    baseline.cv(), controlFailed);
        }
        return new Comparison(category, label, host, binding, node, nodeCount, benchmark, context, treatment, baseline,
                ratio, wording, adjusted, v);
    }

    /** Key without host used to match comparisons of two runs: every part of the context, both cells included. */
    public String key() {
        return category + "|" + treatment.cellId() + "|" + baseline.cellId() + "|" + benchmark + "|" + context + "|"
                + label;
    }
}
