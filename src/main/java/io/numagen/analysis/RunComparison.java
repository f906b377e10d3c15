package io.numagen.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

/**
 * Run B against run A: each measurement present in both (keyed by its full context: host when several, cell,
 * benchmark, every parameter) as a B / A ratio, and each comparison of A's analysis next to the same comparison of
 * B's. Measurements of one key in different units (or directions) are refused: their ratio means nothing.
 */
public final class RunComparison {

    /** The run-vs-run comparisons, the side-by-side table, and how many verdicts changed. */
    public record Outcome(Analyzer.Result result, String markdown, JsonObject json, int matchedComparisons,
                          int changedVerdicts) {
    }

    private RunComparison() {
    }

    /** @throws IllegalArgumentException when a measurement has different units in A and B */
    public static Outcome compare(List<ResultLoader.Folder> fa, List<ResultLoader.Folder> fb) {
        boolean withHost = fa.size() > 1 || fb.size() > 1;
        List<Measurement> ma = Inputs.measurements(fa);
        List<Measurement> mb = Inputs.measurements(fb);
        Map<String, Measurement> byKeyA = new LinkedHashMap<>();
        ma.forEach(m -> byKeyA.putIfAbsent(key(m, withHost), m));
        List<Comparison> runs = new ArrayList<>();
        List<Measurement> shown = new ArrayList<>();
        ma.forEach(m -> shown.add(m.withHost("A:" + m.host())));
        for (Measurement y : mb) {
            Measurement yb = y.withHost("B:" + y.host());
            shown.add(yb);
            Measurement x = byKeyA.get(key(y, withHost));
            if (x == null) {
                continue;
            }
            if (!x.unit().equals(y.unit()) || x.higherIsBetter() != y.higherIsBetter()) {
                throw new IllegalArgumentException("cannot compare " + key(y, withHost) + ": its unit is '" + x.unit()
                        + "' in A but '" + y.unit() + "' in B (run both with the same JMH mode and parameters)");
            }
            runs.add(Comparison.of("run-vs-run", "B / A", Analyzer.node(y), y.cellId() + " " + y.paramText(), yb,
                    x.withHost("A:" + x.host()), new Verdicts.Wording("B faster than A", "B slower than A")));
        }
        Analyzer.Result ra = Analyzer.analyze(ma);
        Analyzer.Result rb = Analyzer.analyze(mb);
        Map<String, Comparison> inA = new LinkedHashMap<>();
        ra.comparisons().forEach(c -> inA.putIfAbsent(ckey(c, withHost), c));
        StringBuilder md = new StringBuilder("## Comparisons of A and B side by side\n\n");
        md.append("| Comparison | Node | Benchmark | A ratio [95 % CI] | B ratio [95 % CI] | A | B | Changed |\n"
                + "|---|---|---|---|---|---|---|---|\n");
        JsonArray side = new JsonArray();
        int matched = 0;
        int changed = 0;
        for (Comparison cb : rb.comparisons()) {
            Comparison ca = inA.get(ckey(cb, withHost));
            if (ca == null) {
                continue;
            }
            matched++;
            boolean differs = ca.verdict().outcome() != cb.verdict().outcome();
            if (differs) {
                changed++;
            }
            md.append("| ").append(Report.md(cb.category() + ": " + cb.label())).append(" | ")
                    .append(Report.md(cb.node())).append(" | ").append(Report.md(cb.benchmark() + " " + cb.context()))
                    .append(" | ").append(Report.ratio(ca.ratio())).append(" | ").append(Report.ratio(cb.ratio()))
                    .append(" | ").append(ca.verdict().outcome().word()).append(" | ")
                    .append(cb.verdict().outcome().word()).append(" | ").append(differs ? "yes" : "no").append(" |\n");
            JsonObject g = new JsonObject();
            g.addProperty("key", ckey(cb, withHost));
            g.add("a", Report.comparisonJson(ca));
            g.add("b", Report.comparisonJson(cb));
            g.addProperty("verdictChanged", differs);
            side.add(g);
        }
        if (matched == 0) {
            md.append("\nNo comparison (gain, penalty, scaling) exists in both A and B.\n");
        }
        md.append('\n');
        JsonObject json = new JsonObject();
        json.add("comparisons", side);
        json.addProperty("matchedMeasurements", runs.size());
        json.addProperty("note", "run-vs-run comparisons: treatment = B, baseline = A");
        return new Outcome(new Analyzer.Result(shown, Analyzer.adjust(runs), List.of()), md.toString(), json, matched,
                changed);
    }

    static String key(Measurement m, boolean withHost) {
        return (withHost ? m.host() + "|" : "") + m.cellId() + "|" + m.benchmark() + "|" + m.paramText();
    }

    static String ckey(Comparison c, boolean withHost) {
        return (withHost ? c.host() + "|" : "") + c.key();
    }
}
