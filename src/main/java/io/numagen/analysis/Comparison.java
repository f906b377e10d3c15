package io.numagen.analysis;

/**
 * One ratio between two measurements with its confidence interval, Welch p-value and verdict.
 *
 * @param category  optimisation | numa-layer | jvm-flags | remote-penalty | remote-access | scaling |
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
 * @param ratio     ratio of means with CI (already divided by the node count for scaling)
 * @param verdict   human sentence that never claims what the CI does not support
 * @param pHolm     Holm-adjusted p-value over every comparison of the same analysis (NaN without a p-value)
 */
public record Comparison(String category, String label, String host, String binding, String node, int nodeCount,
                         String benchmark, String context, Measurement treatment, Measurement baseline,
                         Stats.Ratio ratio, String verdict, double pHolm) {

    public Comparison(String category, String label, String host, String binding, String node, int nodeCount,
                      String benchmark, String context, Measurement treatment, Measurement baseline,
                      Stats.Ratio ratio, String verdict) {
        this(category, label, host, binding, node, nodeCount, benchmark, context, treatment, baseline, ratio, verdict,
                Double.NaN);
    }

    /** The same comparison with its Holm-adjusted p-value, noting in the verdict when a claim does not survive. */
    public Comparison withHolm(double adjusted, int family) {
        String v = verdict;
        if (ratio.significant() && !(adjusted < Stats.ALPHA)) {
            v = v + "; not significant after Holm correction over " + family + " comparisons (p_holm="
                    + String.format(java.util.Locale.ROOT, "%.3f", adjusted) + ")";
        }
        return new Comparison(category, label, host, binding, node, nodeCount, benchmark, context, treatment, baseline,
                ratio, v, adjusted);
    }

    /** Stable key (without host) used to match comparisons of two runs. */
    public String key() {
        return category + "|" + binding + "|" + benchmark + "|" + context + "|" + label;
    }
}
