package io.numagen.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One table per host, node, benchmark and parameter set, seven columns: comparison, treatment, baseline,
 * ratio [95 % CI], forks, fork CV and verdict. The A/A control comes first; everything else is in summary.csv.
 */
final class HeadlineTables {

    /** Table order: the control, the optimisations, then the rest as the analysis produces them. */
    private static final List<String> ORDER = List.of(Comparison.CONTROL, "optimisation", "numa-layer", "jvm-flags",
            "remote-penalty", "remote-access", Comparison.SCALING, "generator-vs-baseline", "run-vs-run");

    private HeadlineTables() {
    }

    static void append(StringBuilder b, List<Comparison> all) {
        b.append("## Results per node and benchmark\n\n");
        if (all.isEmpty()) {
            b.append("No comparison in these results (a baseline configuration and a treatment of the same "
                    + "benchmark are needed).\n\n");
            return;
        }
        b.append("Ratio = treatment / baseline of the per-fork means (throughput: > 1 is faster; time per op: "
                + "< 1 is faster), 95 % CI; n = forks (treatment / baseline); CV = coefficient of variation of the "
                + "fork means.\n\n");
        Map<String, List<Comparison>> groups = new LinkedHashMap<>();
        for (String category : ORDER) {
            for (Comparison c : all) {
                if (c.category().equals(category)) {
                    String title = (c.category().equals(Comparison.CONTROL) ? "A/A control: " : "")
                            + c.host() + ", " + Conclusions.where(c);
                    groups.computeIfAbsent(title, k -> new ArrayList<>()).add(c);
                }
            }
        }
        for (Map.Entry<String, List<Comparison>> g : groups.entrySet()) {
            b.append("### ").append(Report.md(g.getKey())).append("\n\n");
            b.append("| Comparison | Treatment | Baseline | Ratio [95 % CI] | n | CV t / b | Verdict |\n");
            b.append("|---|---|---|---|---|---|---|\n");
            for (Comparison c : g.getValue()) {
                b.append("| ").append(Report.md(c.label())).append(" | ")
                        .append(Units.rate(c.treatment().mean(), c.treatment().unit())).append(" | ")
                        .append(Units.rate(c.baseline().mean(), c.baseline().unit())).append(" | ")
                        .append(Report.ratio(c.ratio())).append(" | ").append(c.ratio().nTreatment()).append(" / ")
                        .append(c.ratio().nBaseline()).append(" | ").append(Units.percent(c.treatment().cv()))
                        .append(" / ").append(Units.percent(c.baseline().cv())).append(" | ")
                        .append(Report.md(c.verdict().text())).append(" |\n");
            }
            b.append('\n');
        }
    }
}
