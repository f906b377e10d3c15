package io.numagen.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

/** Writes report.md, summary.csv, measurements.csv, summary.json and the plots (SVG + PNG), all atomically. */
public final class Report {

    public static final String SCHEMA = "numagen.summary/1";

    /** Everything a report shows. {@code extraMarkdown} is appended (compare's side-by-side table). */
    public record Model(String title, String tool, List<String> sources, List<ResultLoader.Folder> folders,
                        Analyzer.Result result, String extraMarkdown, JsonElement extraJson) {
    }

    private Report() {
    }

    /** Writes the whole report set into {@code out}, replacing the previous one as a whole ({@link OutputSet}). */
    public static List<Path> write(Path out, Model model) throws IOException {
        return OutputSet.replace(out, folder -> writeFiles(folder, model));
    }

    private static List<Path> writeFiles(Path out, Model model) throws IOException {
        List<Path> written = new ArrayList<>();
        Map<String, String> plots = plots(out, model.result(), written);
        AtomicFiles.write(out.resolve("summary.json"), json(model));
        written.add(out.resolve("summary.json"));
        AtomicFiles.write(out.resolve("summary.csv"), comparisonsCsv(model.result()));
        written.add(out.resolve("summary.csv"));
        AtomicFiles.write(out.resolve("measurements.csv"), measurementsCsv(model.result()));
        written.add(out.resolve("measurements.csv"));
        AtomicFiles.write(out.resolve("report.md"), markdown(model, plots));
        written.add(out.resolve("report.md"));
        return written;
    }

    // ---------------------------------------------------------------- plots

    private static Map<String, String> plots(Path out, Analyzer.Result r, List<Path> written) throws IOException {
        Map<String, String> plots = new LinkedHashMap<>();
        List<Comparison> gains = r.category("optimisation", "numa-layer");
        if (!gains.isEmpty()) {
            List<Plots.Row> rows = gains.stream().limit(MAX_ROWS).map(c -> row(c.host() + " " + c.node() + ": "
                    + c.label() + " (" + c.benchmark().replace("NumaMatrixBenchmark.", "") + " " + c.context() + ")",
                    c)).collect(Collectors.toList());
            plots.put("gain", "Gain per node over the baseline (ratio, 95 % CI)" + more(gains.size()));
            save(out, "gain", Plots.forest("Gain per node over baseline (OFF / none / false / default)"
                    + more(gains.size()),
                    "throughput ratio (treatment / baseline), 95 % CI", 1.0, rows), written);
        }
        if (!r.matrices().isEmpty()) {
            List<Plots.Panel> panels = new ArrayList<>();
            // Baseline configurations first (numaMode=OFF, no optimisation), then the rest, at most MAX_PANELS.
            List<Analyzer.Matrix> ordered = new ArrayList<>(r.matrices());
            ordered.sort(java.util.Comparator.comparing(m -> baselineMatrix(m) ? 0 : 1));
            for (Analyzer.Matrix m : ordered) {
                TreeSet<Integer> cols = new TreeSet<>();
                m.cells().values().forEach(row -> cols.addAll(row.keySet()));
                List<Integer> rows = new ArrayList<>(m.cells().keySet());
                List<Integer> colList = new ArrayList<>(cols);
                double[][] v = new double[rows.size()][colList.size()];
                for (int i = 0; i < rows.size(); i++) {
                    double local = m.mean(rows.get(i), rows.get(i));
                    for (int j = 0; j < colList.size(); j++) {
                        v[i][j] = m.mean(rows.get(i), colList.get(j)) / local;
                    }
                }
                panels.add(new Plots.Panel(m.host() + " " + m.benchmark() + " (" + m.source() + ")\n" + m.context(),
                        rows, colList, v));
                if (panels.size() == MAX_PANELS) {
                    break;
                }
            }
            String note = r.matrices().size() > MAX_PANELS ? " (" + MAX_PANELS + " of " + r.matrices().size()
                    + " parameter sets, baseline configurations first; all in summary.json)" : "";
            plots.put("local-remote", "Local/remote throughput heat map" + note);
            save(out, "local-remote", Plots.heatmap("Local / remote throughput" + note, panels), written);
        }
        List<Comparison> scaling = r.category("scaling");
        if (!scaling.isEmpty()) {
            List<Plots.Row> rows = scaling.stream().limit(MAX_ROWS).map(c -> row(c.host() + " " + c.node() + ": "
                    + c.benchmark() + " " + c.context(), c)).collect(Collectors.toList());
            plots.put("scaling", "Scaling efficiency by node count" + more(scaling.size()));
            save(out, "scaling", Plots.forest("Scaling efficiency: throughput(K) / (K × throughput(1))"
                    + more(scaling.size()),
                    "efficiency (1 = linear), 95 % CI", 1.0, rows), written);
        }
        return plots;
    }

    /** Rows per forest plot; beyond that the plot says so and summary.csv has everything. */
    static final int MAX_ROWS = 60;

    static final int MAX_PANELS = 6;

    private static boolean baselineMatrix(Analyzer.Matrix m) {
        Measurement any = m.cells().values().iterator().next().values().iterator().next();
        return Analyzer.isBaselineConfig(any);
    }

    private static String more(int n) {
        return n > MAX_ROWS ? " (first " + MAX_ROWS + " of " + n + ", all in summary.csv)" : "";
    }

    private static Plots.Row row(String label, Comparison c) {
        Stats.Ratio r = c.ratio();
        return new Plots.Row(label, r.ratio(), r.ciLow(), r.ciHigh(), r.significant());
    }

    private static void save(Path out, String name, Plots.Drawing d, List<Path> written) throws IOException {
        AtomicFiles.write(out.resolve(name + ".svg"), Plots.svg(d));
        AtomicFiles.write(out.resolve(name + ".png"), Plots.png(d));
        written.add(out.resolve(name + ".svg"));
        written.add(out.resolve(name + ".png"));
    }

    // ---------------------------------------------------------------- formatting

    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v != 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** Human throughput: bytes/s in GiB/s or MiB/s, anything else as a number with its unit. */
    static String rate(double v, String unit) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if ("bytes/s".equals(unit)) {
            if (Math.abs(v) >= 1024.0 * 1024 * 1024) {
                return String.format(Locale.ROOT, "%.3f GiB/s", v / (1024.0 * 1024 * 1024));
            }
            return String.format(Locale.ROOT, "%.2f MiB/s", v / (1024.0 * 1024));
        }
        return num(v) + " " + unit;
    }

    static String ratio(Stats.Ratio r) {
        return r.hasInterval()
                ? String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", r.ratio(), r.ciLow(), r.ciHigh())
                : String.format(Locale.ROOT, "%.3f [n/a]", r.ratio());
    }

    static String md(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    // ---------------------------------------------------------------- markdown

    static String markdown(Model model, Map<String, String> plots) {
        Analyzer.Result r = model.result();
        StringBuilder b = new StringBuilder();
        b.append("# ").append(model.title()).append("\n\n");
        b.append("Generated by `numagen ").append(model.tool()).append("` at ")
                .append(Instant.now().truncatedTo(ChronoUnit.SECONDS)).append(" from ")
                .append(model.sources().stream().map(s -> "`" + s + "`").collect(Collectors.joining(", ")))
                .append(".\n\n");
        b.append("Method: per-iteration JMH raw data (all forks pooled); ratio of means with a 95 % Welch "
                + "confidence interval (difference of means scaled by the baseline mean) and the two-sided Welch "
                + "t-test. A gain or loss is claimed only when the CI excludes 1 (⇔ p < 0.05); with many comparisons "
                + "about 1 in 20 true nulls crosses that line by chance, so each verdict also says when its claim "
                + "does not survive the Holm correction over all comparisons (p_holm in summary.csv/json). "
                + "Throughput in bytes/s (the `bytes` secondary metric, else score × size). "
                + "See docs/analysis.md.\n\n");

        b.append("## Machines\n\n");
        for (ResultLoader.Folder f : model.folders()) {
            b.append("### ").append(f.host()).append(" (`").append(f.dir()).append("`)\n\n");
            if (f.machine() == null) {
                b.append("No machine.json in this folder.\n\n");
            } else {
                for (Map.Entry<String, JsonElement> e : f.machine().entrySet()) {
                    String v = e.getValue().isJsonPrimitive() ? e.getValue().getAsString() : e.getValue().toString();
                    b.append("- **").append(e.getKey()).append("**: ").append(md(Plots.shorten(v, 300)))
                            .append('\n');
                }
                b.append('\n');
            }
        }

        b.append("## Cells\n\n");
        b.append("| Host | Cell | Binding | numactl | NUMA mode | Status | Reason | Exit | Duration (s) |\n");
        b.append("|---|---|---|---|---|---|---|---|---|\n");
        for (ResultLoader.Folder f : model.folders()) {
            for (ResultLoader.Cell c : f.cells()) {
                b.append("| ").append(md(c.host())).append(" | ").append(md(c.id())).append(" | ")
                        .append(md(c.binding())).append(" | ").append(md(String.join(" ", c.numactl()))).append(" | ")
                        .append(c.numaMode() == null ? "" : c.numaMode()).append(" | ").append(c.status())
                        .append(" | ").append(md(c.reason() == null ? "" : c.reason())).append(" | ")
                        .append(c.exitCode() == null ? "" : c.exitCode()).append(" | ")
                        .append(c.durationSeconds() == null ? "" : num(c.durationSeconds())).append(" |\n");
            }
        }
        b.append('\n');

        perNodeSummary(b, r.category("optimisation", "numa-layer"));
        comparisonTable(b, "Gains of the optimisations per node (over numaMode=OFF, pinning=none, firstTouch=false, "
                + "allocation=default)", r.category("optimisation"));
        comparisonTable(b, "Cost of the NUMA layer (AUTO / FORCE vs OFF, nothing else changed)",
                r.category("numa-layer"));
        comparisonTable(b, "JVM-level NUMA flags vs a default JVM (jvm=UseNUMA / AlwaysPreTouch / both vs default, "
                + "nothing else changed; machine.jvm.useNUMA is the effective value)", r.category("jvm-flags"));

        b.append("## Local / remote throughput\n\n");
        if (r.matrices().isEmpty()) {
            b.append("No local-N / remote-A-B cells and no writerNode × memoryNode parameters: nothing to show "
                    + "(one NUMA node, or the cells were skipped).\n\n");
        }
        for (Analyzer.Matrix m : r.matrices()) {
            b.append("**").append(md(m.host() + " " + m.benchmark() + " " + m.context())).append("** (")
                    .append(md(m.source())).append(")\n\n");
            TreeSet<Integer> cols = new TreeSet<>();
            m.cells().values().forEach(row -> cols.addAll(row.keySet()));
            b.append("| cpu \\ mem |");
            cols.forEach(c -> b.append(" mem ").append(c).append(" |"));
            b.append("\n|---|");
            cols.forEach(c -> b.append("---|"));
            b.append('\n');
            for (Map.Entry<Integer, SortedMap<Integer, Measurement>> row : m.cells().entrySet()) {
                b.append("| cpu ").append(row.getKey()).append(" |");
                for (int c : cols) {
                    Measurement x = row.getValue().get(c);
                    b.append(' ').append(x == null ? "n/a" : rate(x.mean(), x.unit())).append(" |");
                }
                b.append('\n');
            }
            b.append('\n');
        }
        comparisonTable(b, "Remote penalty per node pair (remote / local − 1 = ratio − 1)",
                r.category("remote-penalty", "remote-access"));
        comparisonTable(b, "Scaling efficiency by node count: throughput(K) / (K × throughput(1))",
                r.category("scaling"));
        comparisonTable(b, "Generator vs baselines (fill, naiveRandom)", r.category("generator-vs-baseline"));
        b.append(PhaseAttribution.markdown(r));
        comparisonTable(b, "Run vs run (B / A)", r.category("run-vs-run"));

        b.append("## Measurements\n\n");
        b.append("| Host | Cell | Benchmark | Params | n | Mean | 95 % CI of mean | Median (R_7) | Min | Max |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|\n");
        for (Measurement m : r.measurements()) {
            double[] ci = Stats.meanInterval(m.samples());
            b.append("| ").append(md(m.host())).append(" | ").append(md(m.cellId())).append(" | ")
                    .append(md(m.benchmark())).append(" | ").append(md(m.paramText())).append(" | ")
                    .append(m.samples().length).append(" | ").append(rate(m.mean(), m.unit())).append(" | ")
                    .append(Double.isNaN(ci[0]) ? "n/a" : rate(ci[0], m.unit()) + " – " + rate(ci[1], m.unit()))
                    .append(" | ").append(rate(Stats.percentile(m.samples(), 50), m.unit())).append(" | ")
                    .append(rate(min(m.samples()), m.unit())).append(" | ").append(rate(max(m.samples()), m.unit()))
                    .append(" |\n");
        }
        b.append('\n');

        List<String> metrics = secondaryNames(r.measurements());
        b.append("## Secondary metrics (profilers, counters, placement)\n\n");
        if (metrics.isEmpty()) {
            b.append("No secondary metrics in these results (n/a everywhere).\n\n");
        } else {
            b.append("Mean score per measurement; n/a = not measured or NaN.\n\n| Measurement |");
            metrics.forEach(x -> b.append(' ').append(md(x)).append(" |"));
            b.append("\n|---|");
            metrics.forEach(x -> b.append("---|"));
            b.append('\n');
            for (Measurement m : r.measurements()) {
                b.append("| ").append(md(m.id())).append(" |");
                for (String x : metrics) {
                    b.append(' ').append(num(m.secondary().getOrDefault(x, Double.NaN))).append(" |");
                }
                b.append('\n');
            }
            b.append('\n');
        }

        if (model.extraMarkdown() != null) {
            b.append(model.extraMarkdown()).append('\n');
        }

        b.append("## Plots\n\n");
        if (plots.isEmpty()) {
            b.append("No plot: no comparison could be formed.\n\n");
        }
        for (Map.Entry<String, String> p : plots.entrySet()) {
            b.append("- ").append(p.getValue()).append(": [SVG](").append(p.getKey()).append(".svg), [PNG](")
                    .append(p.getKey()).append(".png)\n\n  ![").append(p.getValue()).append("](").append(p.getKey())
                    .append(".png)\n");
        }
        b.append('\n');
        return b.toString();
    }

    /**
     * At a glance: per host, benchmark and parameter set, one row per node (binding) and one column per single
     * change (one optimisation, all of them, AUTO, FORCE); cells are "ratio [CI]" with * when the CI excludes 1.
     */
    static void perNodeSummary(StringBuilder b, List<Comparison> rows) {
        b.append("## Per-node summary\n\n");
        List<Comparison> simple = rows.stream().filter(c -> !c.label().contains(" + ") || c.label().startsWith("all: "))
                .collect(Collectors.toList());
        if (simple.isEmpty()) {
            b.append("No optimisation or NUMA-mode comparison in these results.\n\n");
            return;
        }
        b.append("Ratio to the baseline (numaMode=OFF, pinning=none, firstTouch=false, allocation=default) with its "
                + "95 % CI; `*` = CI excludes 1; `†` = but not after the Holm correction over all comparisons. Combinations other than \"all\" are in the detailed table below.\n\n");
        Map<String, List<Comparison>> groups = new LinkedHashMap<>();
        for (Comparison c : simple) {
            groups.computeIfAbsent(c.host() + " " + c.benchmark() + " " + c.context(), k -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<String, List<Comparison>> g : groups.entrySet()) {
            List<String> labels = new ArrayList<>();
            List<String> nodes = new ArrayList<>();
            Map<String, Comparison> cell = new LinkedHashMap<>();
            for (Comparison c : g.getValue()) {
                String label = c.label().startsWith("all: ") ? "all" : c.label();
                if (!labels.contains(label)) {
                    labels.add(label);
                }
                if (!nodes.contains(c.node())) {
                    nodes.add(c.node());
                }
                cell.putIfAbsent(c.node() + "|" + label, c);
            }
            b.append("**").append(md(g.getKey())).append("**\n\n| Node |");
            labels.forEach(l -> b.append(' ').append(md(l)).append(" |"));
            b.append("\n|---|");
            labels.forEach(l -> b.append("---|"));
            b.append('\n');
            for (String n : nodes) {
                b.append("| ").append(md(n)).append(" |");
                for (String l : labels) {
                    Comparison c = cell.get(n + "|" + l);
                    b.append(' ').append(c == null ? "n/a" : ratio(c.ratio()) + (c.ratio().significant() ? " *" : "")
                            + (c.ratio().significant() && !(c.pHolm() < Stats.ALPHA) ? "†" : ""))
                            .append(" |");
                }
                b.append('\n');
            }
            b.append('\n');
        }
    }

    static void comparisonTable(StringBuilder b, String title, List<Comparison> rows) {
        b.append("## ").append(title).append("\n\n");
        if (rows.isEmpty()) {
            b.append("No such comparison in these results (the cells or parameters needed did not run).\n\n");
            return;
        }
        List<String> metrics = secondaryNames(rows.stream().flatMap(c -> java.util.stream.Stream.of(c.treatment(),
                c.baseline())).collect(Collectors.toList()));
        b.append("| Host | Node | Benchmark | Context | Comparison | Treatment | Baseline | Ratio [95 % CI] | p | "
                + "Verdict |");
        metrics.forEach(x -> b.append(' ').append(md(x)).append(" (t / b) |"));
        b.append("\n|---|---|---|---|---|---|---|---|---|---|");
        metrics.forEach(x -> b.append("---|"));
        b.append('\n');
        for (Comparison c : rows) {
            b.append("| ").append(md(c.host())).append(" | ").append(md(c.node())).append(" | ")
                    .append(md(c.benchmark())).append(" | ").append(md(c.context())).append(" | ")
                    .append(md(c.label())).append(" | ").append(rate(c.treatment().mean(), c.treatment().unit()))
                    .append(" | ").append(rate(c.baseline().mean(), c.baseline().unit())).append(" | ")
                    .append(ratio(c.ratio())).append(" | ").append(Verdicts.p(c.ratio().pValue())).append(" | ")
                    .append(md(c.verdict())).append(" |");
            for (String x : metrics) {
                b.append(' ').append(num(c.treatment().secondary().getOrDefault(x, Double.NaN))).append(" / ")
                        .append(num(c.baseline().secondary().getOrDefault(x, Double.NaN))).append(" |");
            }
            b.append('\n');
        }
        b.append('\n');
    }

    static List<String> secondaryNames(List<Measurement> ms) {
        TreeSet<String> names = new TreeSet<>();
        ms.forEach(m -> names.addAll(m.secondary().keySet()));
        return new ArrayList<>(names);
    }

    static double min(double[] x) {
        return java.util.Arrays.stream(x).min().orElse(Double.NaN);
    }

    static double max(double[] x) {
        return java.util.Arrays.stream(x).max().orElse(Double.NaN);
    }

    // ---------------------------------------------------------------- CSV

    static String csv(String s) {
        if (s == null) {
            return "";
        }
        if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
            return "\"" + s.replace("\"", "\"\"") + "\"";
        }
        return s;
    }

    static String csvNum(double v) {
        return Double.isNaN(v) ? "n/a" : Double.toString(v);
    }

    static String comparisonsCsv(Analyzer.Result r) {
        List<String> metrics = secondaryNames(r.measurements());
        StringBuilder b = new StringBuilder("category,host,binding,node,node_count,benchmark,context,label,"
                + "treatment,baseline,unit,treatment_mean,baseline_mean,n_treatment,n_baseline,ratio,ci_low,ci_high,"
                + "p_value,p_holm,significant,verdict");
        for (String x : metrics) {
            b.append(',').append(csv("t:" + x)).append(',').append(csv("b:" + x));
        }
        b.append('\n');
        for (Comparison c : r.comparisons()) {
            Stats.Ratio q = c.ratio();
            b.append(String.join(",", csv(c.category()), csv(c.host()), csv(c.binding()), csv(c.node()),
                    Integer.toString(c.nodeCount()), csv(c.benchmark()), csv(c.context()), csv(c.label()),
                    csv(c.treatment().id()), csv(c.baseline().id()), csv(c.treatment().unit()),
                    csvNum(c.treatment().mean()), csvNum(c.baseline().mean()), Integer.toString(q.nTreatment()),
                    Integer.toString(q.nBaseline()), csvNum(q.ratio()), csvNum(q.ciLow()), csvNum(q.ciHigh()),
                    csvNum(q.pValue()), csvNum(c.pHolm()), Boolean.toString(q.significant()), csv(c.verdict())));
            for (String x : metrics) {
                b.append(',').append(csvNum(c.treatment().secondary().getOrDefault(x, Double.NaN)))
                        .append(',').append(csvNum(c.baseline().secondary().getOrDefault(x, Double.NaN)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String measurementsCsv(Analyzer.Result r) {
        List<String> metrics = secondaryNames(r.measurements());
        StringBuilder b = new StringBuilder("id,host,cell,binding,cpu_nodes,mem_nodes,benchmark,params,unit,n,mean,"
                + "sd,ci_low,ci_high,median");
        metrics.forEach(x -> b.append(',').append(csv(x)));
        b.append('\n');
        for (Measurement m : r.measurements()) {
            double[] ci = Stats.meanInterval(m.samples());
            b.append(String.join(",", csv(m.id()), csv(m.host()), csv(m.cellId()), csv(m.binding()),
                    csv(nodes(m.cpuNodes())), csv(nodes(m.memNodes())), csv(m.benchmark()), csv(m.paramText()),
                    csv(m.unit()), Integer.toString(m.samples().length), csvNum(m.mean()), csvNum(Stats.sd(m.samples())),
                    csvNum(ci[0]), csvNum(ci[1]), csvNum(Stats.percentile(m.samples(), 50))));
            metrics.forEach(x -> b.append(',').append(csvNum(m.secondary().getOrDefault(x, Double.NaN))));
            b.append('\n');
        }
        return b.toString();
    }

    static String nodes(List<Integer> n) {
        return n.stream().map(String::valueOf).collect(Collectors.joining(" "));
    }

    // ---------------------------------------------------------------- JSON

    static JsonElement jnum(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    static JsonArray jints(List<Integer> xs) {
        JsonArray a = new JsonArray();
        xs.forEach(a::add);
        return a;
    }

    static String json(Model model) {
        Analyzer.Result r = model.result();
        JsonObject root = new JsonObject();
        root.addProperty("schema", SCHEMA);
        root.addProperty("tool", "numagen " + model.tool());
        root.addProperty("generated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        JsonArray sources = new JsonArray();
        model.sources().forEach(sources::add);
        root.add("sources", sources);
        JsonObject method = new JsonObject();
        method.addProperty("level", Stats.LEVEL);
        method.addProperty("samples", "JMH primaryMetric.rawData (or secondary 'bytes' rawData), every iteration of "
                + "every fork pooled; bytes/s when size is known");
        method.addProperty("ci", "Welch CI of the difference of means divided by the baseline mean: "
                + "1 + (d ± t(0.975, Welch-Satterthwaite df) * se) / mean(baseline)");
        method.addProperty("test", "two-sided Welch t-test (commons-math3 TTest.tTest(a, b))");
        method.addProperty("verdict", "gain/loss only when the CI excludes 1 (equivalently p < 0.05); "
                + "no CI below two iterations per side");
        method.addProperty("multipleComparisons", "pHolm: Holm step-down adjustment over every comparison of the "
                + "analysis; a verdict whose claim does not survive it says so");
        method.addProperty("percentiles", "R_7");
        root.add("method", method);
        JsonArray hosts = new JsonArray();
        JsonArray cells = new JsonArray();
        for (ResultLoader.Folder f : model.folders()) {
            JsonObject h = new JsonObject();
            h.addProperty("host", f.host());
            h.addProperty("folder", f.dir().toString());
            h.add("machine", f.machine() == null ? JsonNull.INSTANCE : f.machine());
            hosts.add(h);
            for (ResultLoader.Cell c : f.cells()) {
                JsonObject o = new JsonObject();
                o.addProperty("host", c.host());
                o.addProperty("id", c.id());
                o.addProperty("binding", c.binding());
                JsonArray na = new JsonArray();
                c.numactl().forEach(na::add);
                o.add("numactl", na);
                o.add("cpuNodes", jints(c.cpuNodes()));
                o.add("memNodes", jints(c.memNodes()));
                o.addProperty("numaMode", c.numaMode());
                o.addProperty("command", c.command());
                o.addProperty("status", c.status());
                o.addProperty("reason", c.reason());
                o.addProperty("exitCode", c.exitCode());
                o.addProperty("start", c.start());
                o.addProperty("durationSeconds", c.durationSeconds());
                cells.add(o);
            }
        }
        root.add("hosts", hosts);
        root.add("cells", cells);
        JsonArray ms = new JsonArray();
        for (Measurement m : r.measurements()) {
            ms.add(measurementJson(m));
        }
        root.add("measurements", ms);
        JsonArray cs = new JsonArray();
        for (Comparison c : r.comparisons()) {
            cs.add(comparisonJson(c));
        }
        root.add("comparisons", cs);
        JsonArray mx = new JsonArray();
        for (Analyzer.Matrix m : r.matrices()) {
            JsonObject o = new JsonObject();
            o.addProperty("host", m.host());
            o.addProperty("source", m.source());
            o.addProperty("benchmark", m.benchmark());
            o.addProperty("context", m.context());
            JsonArray entries = new JsonArray();
            m.cells().forEach((cpu, row) -> row.forEach((mem, x) -> {
                JsonObject e = new JsonObject();
                e.addProperty("cpuNode", cpu);
                e.addProperty("memNode", mem);
                e.addProperty("measurement", x.id());
                e.add("mean", jnum(x.mean()));
                e.add("relativeToLocal", jnum(x.mean() / m.mean(cpu, cpu)));
                entries.add(e);
            }));
            o.add("cells", entries);
            mx.add(o);
        }
        root.add("matrices", mx);
        if (model.extraJson() != null) {
            root.add("compare", model.extraJson());
        }
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root)
                + "\n";
    }

    static JsonObject measurementJson(Measurement m) {
        JsonObject o = new JsonObject();
        o.addProperty("id", m.id());
        o.addProperty("host", m.host());
        o.addProperty("cell", m.cellId());
        o.addProperty("binding", m.binding());
        o.add("cpuNodes", jints(m.cpuNodes()));
        o.add("memNodes", jints(m.memNodes()));
        o.addProperty("benchmark", m.benchmark());
        JsonObject p = new JsonObject();
        m.params().forEach(p::addProperty);
        o.add("params", p);
        o.addProperty("unit", m.unit());
        o.addProperty("n", m.samples().length);
        o.add("mean", jnum(m.mean()));
        o.add("sd", jnum(Stats.sd(m.samples())));
        double[] ci = Stats.meanInterval(m.samples());
        JsonArray cia = new JsonArray();
        cia.add(jnum(ci[0]));
        cia.add(jnum(ci[1]));
        o.add("ci95", cia);
        o.add("median", jnum(Stats.percentile(m.samples(), 50)));
        JsonArray s = new JsonArray();
        for (double v : m.samples()) {
            s.add(jnum(v));
        }
        o.add("samples", s);
        JsonObject sec = new JsonObject();
        m.secondary().forEach((k, v) -> sec.add(k, jnum(v)));
        o.add("secondary", sec);
        o.addProperty("file", m.file());
        return o;
    }

    static JsonObject comparisonJson(Comparison c) {
        JsonObject o = new JsonObject();
        o.addProperty("key", c.key());
        o.addProperty("category", c.category());
        o.addProperty("label", c.label());
        o.addProperty("host", c.host());
        o.addProperty("binding", c.binding());
        o.addProperty("node", c.node());
        o.addProperty("nodeCount", c.nodeCount());
        o.addProperty("benchmark", c.benchmark());
        o.addProperty("context", c.context());
        o.addProperty("treatment", c.treatment().id());
        o.addProperty("baseline", c.baseline().id());
        o.addProperty("unit", c.treatment().unit());
        o.add("treatmentMean", jnum(c.treatment().mean()));
        o.add("baselineMean", jnum(c.baseline().mean()));
        Stats.Ratio r = c.ratio();
        o.addProperty("nTreatment", r.nTreatment());
        o.addProperty("nBaseline", r.nBaseline());
        o.add("ratio", jnum(r.ratio()));
        o.add("ciLow", jnum(r.ciLow()));
        o.add("ciHigh", jnum(r.ciHigh()));
        o.add("pValue", jnum(r.pValue()));
        o.add("pHolm", jnum(c.pHolm()));
        o.addProperty("significant", r.significant());
        o.addProperty("verdict", c.verdict());
        JsonObject sec = new JsonObject();
        for (String x : secondaryNames(List.of(c.treatment(), c.baseline()))) {
            JsonObject pair = new JsonObject();
            pair.add("treatment", jnum(c.treatment().secondary().getOrDefault(x, Double.NaN)));
            pair.add("baseline", jnum(c.baseline().secondary().getOrDefault(x, Double.NaN)));
            sec.add(x, pair);
        }
        o.add("secondary", sec);
        return o;
    }
}
