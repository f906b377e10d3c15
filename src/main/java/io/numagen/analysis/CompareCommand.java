package io.numagen.analysis;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import io.numagen.cli.Command;
import io.numagen.cli.Options;
import io.numagen.cli.UsageException;

/** {@code numagen compare A B [--out DIR]}: run B against run A, measurement by measurement and gain by gain. */
public final class CompareCommand implements Command {

    @Override
    public String name() {
        return "compare";
    }

    @Override
    public String summary() {
        return "compare two result folders (or summary.json files): B / A with CIs and verdicts";
    }

    @Override
    public String usage() {
        return "usage: numagen compare A B [--out DIR]\n"
                + "  A, B   result folders (as for analyze) or summary.json files written by analyze/merge\n"
                + "  --out  output folder (default: ./numagen-compare)\n"
                + "Each measurement present in both (same host when both have several, cell, benchmark, params):\n"
                + "ratio B/A with a 95 % Welch CI and p-value; each gain of A and B side by side.\n";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("out");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of();
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) throws Exception {
        if (options.positional().size() != 2) {
            throw new UsageException("expected two results (A B), got " + options.positional().size());
        }
        Path a = Paths.get(options.positional().get(0));
        Path b = Paths.get(options.positional().get(1));
        Path target = Paths.get(options.value("out", "numagen-compare"));
        List<ResultLoader.Folder> fa = Inputs.loadAll(List.of(a));
        List<ResultLoader.Folder> fb = Inputs.loadAll(List.of(b));
        Outcome o = compare(fa, fb);
        List<ResultLoader.Folder> folders = new ArrayList<>();
        fa.forEach(f -> folders.add(Inputs.relabel(f, "A:" + f.host())));
        fb.forEach(f -> folders.add(Inputs.relabel(f, "B:" + f.host())));
        JsonObject extra = o.json;
        extra.addProperty("a", a.toString());
        extra.addProperty("b", b.toString());
        Report.write(target, new Report.Model("numagen compare: B = " + b + " vs A = " + a, "compare",
                List.of(a.toString(), b.toString()), folders, o.result, o.markdown, extra));
        long sig = o.result.comparisons().stream().filter(c -> c.ratio().significant()).count();
        out.printf("%d matched measurement(s) (%d significantly different), %d matched gain(s) (%d verdict(s) "
                + "changed)%n", o.result.comparisons().size(), sig, o.matchedGains, o.changedVerdicts);
        out.println("report: " + target.resolve("report.md"));
        return 0;
    }

    /** Compare result: run-vs-run comparisons plus the side-by-side gain table. */
    static final class Outcome {
        Analyzer.Result result;
        String markdown;
        JsonObject json;
        int matchedGains;
        int changedVerdicts;
    }

    static Outcome compare(List<ResultLoader.Folder> fa, List<ResultLoader.Folder> fb) {
        boolean withHost = fa.size() > 1 || fb.size() > 1;
        List<Measurement> ma = Inputs.measurements(fa);
        List<Measurement> mb = Inputs.measurements(fb);
        Map<String, Measurement> byKeyA = new LinkedHashMap<>();
        ma.forEach(m -> byKeyA.putIfAbsent(key(m, withHost), m));
        List<Comparison> runs = new ArrayList<>();
        List<Measurement> shown = new ArrayList<>();
        ma.forEach(m -> shown.add(Inputs.relabel(m, "A:" + m.host())));
        for (Measurement y : mb) {
            Measurement yb = Inputs.relabel(y, "B:" + y.host());
            shown.add(yb);
            Measurement x = byKeyA.get(key(y, withHost));
            if (x == null) {
                continue;
            }
            Measurement xa = Inputs.relabel(x, "A:" + x.host());
            Stats.Ratio r = Stats.ratio(y.samples(), x.samples());
            runs.add(new Comparison("run-vs-run", "B / A", yb.host(), y.binding(), Analyzer.node(y), y.nodeCount(),
                    y.benchmark(), y.cellId() + " " + y.paramText(), yb, xa, r,
                    Verdicts.ratio(r, "B faster than A", "B slower than A")));
        }
        Analyzer.Result ra = Analyzer.analyze(ma);
        Analyzer.Result rb = Analyzer.analyze(mb);
        Map<String, Comparison> gainsA = new LinkedHashMap<>();
        ra.comparisons().forEach(c -> gainsA.putIfAbsent(ckey(c, withHost), c));
        StringBuilder md = new StringBuilder("## Comparisons of A and B side by side\n\n");
        JsonArray gains = new JsonArray();
        Outcome o = new Outcome();
        md.append("| Category | Node | Benchmark | Context | Comparison | A ratio [95 % CI] | A verdict | "
                + "B ratio [95 % CI] | B verdict | Significance changed |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (Comparison cb : rb.comparisons()) {
            Comparison ca = gainsA.get(ckey(cb, withHost));
            if (ca == null) {
                continue;
            }
            o.matchedGains++;
            boolean changed = direction(ca.ratio()) != direction(cb.ratio());
            if (changed) {
                o.changedVerdicts++;
            }
            md.append("| ").append(cb.category()).append(" | ").append(Report.md(cb.node())).append(" | ")
                    .append(Report.md(cb.benchmark())).append(" | ").append(Report.md(cb.context())).append(" | ")
                    .append(Report.md(cb.label())).append(" | ").append(Report.ratio(ca.ratio())).append(" | ")
                    .append(Report.md(ca.verdict())).append(" | ").append(Report.ratio(cb.ratio())).append(" | ")
                    .append(Report.md(cb.verdict())).append(" | ").append(changed ? "yes" : "no").append(" |\n");
            JsonObject g = new JsonObject();
            g.addProperty("key", ckey(cb, withHost));
            g.add("a", Report.comparisonJson(ca));
            g.add("b", Report.comparisonJson(cb));
            g.addProperty("significanceChanged", changed);
            gains.add(g);
        }
        if (o.matchedGains == 0) {
            md.append("\nNo comparison (gain, penalty, scaling) exists in both A and B.\n");
        }
        o.result = new Analyzer.Result(shown, Analyzer.adjust(runs), List.of());
        o.markdown = md.toString();
        o.json = new JsonObject();
        o.json.add("gains", gains);
        o.json.addProperty("matchedMeasurements", runs.size());
        o.json.addProperty("note", String.format(Locale.ROOT, "run-vs-run comparisons: treatment = B, baseline = A"));
        return o;
    }

    /** -1 significant loss, 0 not significant / no CI, +1 significant gain. */
    static int direction(Stats.Ratio r) {
        if (!r.significant()) {
            return 0;
        }
        return r.ciLow() > 1 ? 1 : -1;
    }

    static String key(Measurement m, boolean withHost) {
        return (withHost ? m.host() + "|" : "") + m.cellId() + "|" + m.benchmark() + "|" + m.paramText();
    }

    static String ckey(Comparison c, boolean withHost) {
        return (withHost ? c.host() + "|" : "") + c.key();
    }
}
