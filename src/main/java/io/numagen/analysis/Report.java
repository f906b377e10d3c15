package io.numagen.analysis;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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

    public static final String SCHEMA = "numagen.summary/2";

    /** Everything a report shows. {@code extraMarkdown} is appended (compare's side-by-side table). */
    public record Model(String title, String tool, List<String> sources, List<ResultLoader.Folder> folders,
                        Analyzer.Result result, String extraMarkdown, JsonElement extraJson) {
    }

    private Report() {
    }

    /** The plots drawn (file stem to caption) and, for a plot that is not, why not. */
    record PlotSet(Map<String, String> drawn, List<String> notDrawn) {
    }

    /** Writes the whole report set into {@code out}, replacing the previous one as a whole ({@link OutputSet}). */
    public static List<Path> write(Path out, Model model) throws IOException {
        return OutputSet.replace(out, folder -> writeFiles(folder, model));
    }

    private static List<Path> writeFiles(Path out, Model model) throws IOException {
        List<Path> written = new ArrayList<>();
        ThreadScaling.Result threads = ThreadScaling.of(model.result().measurements());
        PlotSet plots = plots(out, model.result(), threads, written);
        AtomicFiles.write(out.resolve("summary.json"), json(model, threads));
        written.add(out.resolve("summary.json"));
        AtomicFiles.write(out.resolve("summary.csv"), comparisonsCsv(model.result()));
        written.add(out.resolve("summary.csv"));
        AtomicFiles.write(out.resolve("measurements.csv"), measurementsCsv(model.result()));
        written.add(out.resolve("measurements.csv"));
        AtomicFiles.write(out.resolve("report.md"), ReportMarkdown.render(model, plots));
        written.add(out.resolve("report.md"));
        return written;
    }

    // ---------------------------------------------------------------- plots

    private static PlotSet plots(Path out, Analyzer.Result r, ThreadScaling.Result threads, List<Path> written)
            throws IOException {
        Map<String, String> plots = new LinkedHashMap<>();
        List<String> notDrawn = new ArrayList<>();
        List<Comparison> gains = new ArrayList<>(r.category(Comparison.CONTROL, "optimisation", "numa-layer"));
        if (gains.size() > 1 || !gains.isEmpty() && gains.get(0).inFamily()) {
            boolean hosts = gains.stream().map(Comparison::host).distinct().count() > 1;
            Set<String> varying = varyingParams(gains.stream().map(Comparison::treatment)
                    .collect(Collectors.toList()));
            List<Plots.Row> rows = gains.stream().limit(MAX_ROWS).map(c -> row(forestLabel(c, hosts, varying), c))
                    .collect(Collectors.toList());
            plots.put("gain", "Gain per node over the baseline (ratio, 95 % CI, log axis; A/A control first)"
                    + more(gains.size()));
            save(out, "gain", Plots.forest("Ratio to the baseline (numaMode=OFF, no optimisation)" + more(gains.size()),
                    "throughput ratio treatment / baseline (log axis), 95 % CI", rows), written);
        }
        List<Measurement> perNode = r.measurements().stream().filter(m -> "bytes/s".equals(m.unit()))
                .limit(MAX_ROWS).collect(Collectors.toList());
        if (!perNode.isEmpty()) {
            Set<String> varying = varyingParams(perNode);
            List<Plots.Row> rows = perNode.stream().map(m -> {
                double[] ci = m.interval();
                return new Plots.Row(Analyzer.node(m) + ": " + shortConfig(m) + varyingSuffix(m, varying),
                        m.mean() / Units.GB, ci[0] / Units.GB, ci[1] / Units.GB, false);
            }).collect(Collectors.toList());
            String first = r.measurements().size() > MAX_ROWS ? " (first " + MAX_ROWS + " of "
                    + r.measurements().size() + ", all in measurements.csv)" : "";
            plots.put("throughput", "Throughput per node and configuration (GB/s, 95 % CI over forks)" + first);
            save(out, "throughput", Plots.bars("Throughput per node and configuration" + first,
                    "GB/s (10^9 bytes/s), geometric mean of the fork means, 95 % CI", rows), written);
        }
        List<Analyzer.Matrix> matrices = r.matrices().stream()
                .filter(m -> m.cells().size() > 1 || m.cells().values().iterator().next().size() > 1)
                .collect(Collectors.toList());
        if (!matrices.isEmpty()) {
            List<Plots.Panel> panels = new ArrayList<>();
            // Baseline configurations first (numaMode=OFF, no optimisation), then the rest, at most MAX_PANELS.
            matrices.sort(java.util.Comparator.comparing(m -> baselineMatrix(m) ? 0 : 1));
            for (Analyzer.Matrix m : matrices.subList(0, Math.min(MAX_PANELS, matrices.size()))) {
                TreeSet<Integer> cols = new TreeSet<>();
                m.cells().values().forEach(row -> cols.addAll(row.keySet()));
                List<Integer> rows = new ArrayList<>(m.cells().keySet());
                List<Integer> colList = new ArrayList<>(cols);
                double[][] gb = new double[rows.size()][colList.size()];
                double[][] ratio = new double[rows.size()][colList.size()];
                for (int i = 0; i < rows.size(); i++) {
                    for (int j = 0; j < colList.size(); j++) {
                        gb[i][j] = m.mean(rows.get(i), colList.get(j)) / Units.GB;
                        ratio[i][j] = m.mean(rows.get(i), colList.get(j)) / m.mean(rows.get(i), rows.get(i));
                    }
                }
                panels.add(new Plots.Panel(m.host() + " " + m.benchmark() + " (" + m.source() + ")\n" + m.context(),
                        rows, colList, gb, ratio));
            }
            String note = matrices.size() > MAX_PANELS ? " (" + MAX_PANELS + " of " + matrices.size()
                    + " parameter sets, baseline configurations first; all in summary.json)" : "";
            plots.put("local-remote", "Local/remote throughput heat map" + note);
            save(out, "local-remote", Plots.heatmap("Local / remote throughput" + note, panels), written);
        }
        List<Comparison> scaling = r.category("scaling");
        if (!scaling.isEmpty()) {
            Set<String> varying = varyingParams(scaling.stream().map(Comparison::treatment)
                    .collect(Collectors.toList()));
            boolean hosts = scaling.stream().map(Comparison::host).distinct().count() > 1;
            List<Plots.Row> rows = scaling.stream().limit(MAX_ROWS).map(c -> row(scalingLabel(c, hosts, varying), c))
                    .collect(Collectors.toList());
            plots.put("scaling", "Scaling efficiency by node count" + more(scaling.size()));
            save(out, "scaling", Plots.forest("Scaling efficiency: throughput(K) / (K × throughput(1))"
                    + more(scaling.size()), "efficiency (1 = linear, log axis), 95 % CI", rows), written);
        }
        if (threads.drawn()) {
            List<ThreadScaling.Panel> shown = threads.panels().subList(0, Math.min(MAX_LINE_PANELS,
                    threads.panels().size()));
            String note = threads.panels().size() > MAX_LINE_PANELS ? " (" + MAX_LINE_PANELS + " of "
                    + threads.panels().size() + " panels, generator benchmarks first; all in summary.json)" : "";
            plots.put("threads", "Thread scaling: throughput against thread count per node and configuration (GB/s, "
                    + "95 % CI over forks)" + note);
            save(out, "threads", Plots.lines("Throughput against thread count" + note, "threads (log2 axis)",
                    "GB/s, geometric mean of the fork means, 95 % CI", Units.THROUGHPUT,
                    shown.stream().map(Report::linePanel).collect(Collectors.toList())), written);
        } else {
            notDrawn.add("Thread scaling (threads.png) not drawn: " + threads.absentReason() + ".");
        }
        return new PlotSet(plots, notDrawn);
    }

    private static Plots.LinePanel linePanel(ThreadScaling.Panel p) {
        List<Plots.Line> lines = new ArrayList<>();
        for (ThreadScaling.Series s : p.series()) {
            int n = s.points().size();
            int[] x = new int[n];
            double[] y = new double[n];
            double[] lo = new double[n];
            double[] hi = new double[n];
            for (int i = 0; i < n; i++) {
                Measurement m = s.points().get(i).measurement();
                double[] ci = m.interval();
                x[i] = s.points().get(i).threads();
                y[i] = m.mean() / Units.GB;
                lo[i] = ci[0] / Units.GB;
                hi[i] = ci[1] / Units.GB;
            }
            lines.add(new Plots.Line(s.label(), x, y, lo, hi));
        }
        return new Plots.LinePanel(p.host() + " " + p.node() + ": "
                + p.benchmark().substring(p.benchmark().indexOf('.') + 1), p.context(), lines);
    }

    /** "node 0: FORCE + pin scatter + firstTouch (generate)": short enough for the plot's label column. */
    private static String forestLabel(Comparison c, boolean withHost, Set<String> varying) {
        String label = c.label().replace("all: ", "").replace("numaMode=", "").replace("pinning=", "pin ")
                .replace("firstTouch=true", "firstTouch").replace("allocation=bind", "bind");
        return (withHost ? c.host() + " " : "") + c.node() + ": " + label + " ("
                + c.benchmark().substring(c.benchmark().indexOf('.') + 1) + ")"
                + varyingSuffix(c.treatment(), varying);
    }

    /** "2 nodes: generate AUTO pinning=compact threads=4": the configuration and the parameters that vary. */
    private static String scalingLabel(Comparison c, boolean withHost, Set<String> varying) {
        return (withHost ? c.host() + " " : "") + c.node() + ": " + shortConfig(c.treatment())
                + varyingSuffix(c.treatment(), varying);
    }

    /**
     * The parameters with several values among the plotted measurements that {@link #shortConfig} does not name
     * (threads, size, jvm, ...): labels must add them, or rows that differ only there read the same (the full
     * parameter list runs past the label column).
     */
    private static Set<String> varyingParams(List<Measurement> ms) {
        Map<String, Set<String>> values = new LinkedHashMap<>();
        ms.forEach(m -> m.params().forEach((k, v) -> values.computeIfAbsent(k, x -> new HashSet<>()).add(v)));
        values.keySet().removeAll(Analyzer.BASELINE.keySet());
        values.keySet().removeAll(List.of("writerNode", "memoryNode"));
        return values.entrySet().stream().filter(e -> e.getValue().size() > 1).map(Map.Entry::getKey)
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** " size=1GiB threads=4": the measurement's values of the varying parameters, "" when none vary. */
    private static String varyingSuffix(Measurement m, Set<String> varying) {
        return m.params().entrySet().stream().filter(e -> varying.contains(e.getKey()))
                .map(e -> " " + e.getKey() + "=" + e.getValue()).collect(Collectors.joining());
    }

    /** Benchmark, mode and the factors that differ from the baseline, e.g. "generate FORCE pinning=scatter". */
    private static String shortConfig(Measurement m) {
        StringBuilder b = new StringBuilder(m.benchmark().replace("NumaMatrixBenchmark.", ""));
        if (m.params().containsKey("numaMode")) {
            b.append(' ').append(m.param("numaMode"));
        }
        Analyzer.OPTIMISATIONS.stream()
                .filter(f -> m.params().containsKey(f) && !Analyzer.BASELINE.get(f).equals(m.param(f)))
                .forEach(f -> b.append(' ').append(f).append('=').append(m.param(f)));
        if (m.params().containsKey("writerNode")) {
            b.append(" writer ").append(m.param("writerNode")).append(" → memory ").append(m.param("memoryNode"));
        }
        return b + (Analyzer.isControl(m) ? " (A/A control)" : "");
    }

    /** Rows per forest plot; beyond that the plot says so and summary.csv has everything. */
    static final int MAX_ROWS = 60;

    static final int MAX_PANELS = 6;

    /** Panels of the thread-scaling plot (two per row); the rest are in summary.json. */
    static final int MAX_LINE_PANELS = 8;

    private static boolean baselineMatrix(Analyzer.Matrix m) {
        Measurement any = m.cells().values().iterator().next().values().iterator().next();
        return Analyzer.isBaselineConfig(any);
    }

    private static String more(int n) {
        return n > MAX_ROWS ? " (first " + MAX_ROWS + " of " + n + ", all in summary.csv)" : "";
    }

    private static Plots.Row row(String label, Comparison c) {
        Stats.Ratio r = c.ratio();
        return new Plots.Row(label, r.ratio(), r.ciLow(), r.ciHigh(), c.verdict().isFinding());
    }

    private static void save(Path out, String name, Plots.Drawing d, List<Path> written) throws IOException {
        AtomicFiles.write(out.resolve(name + ".svg"), Plots.svg(d));
        AtomicFiles.write(out.resolve(name + ".png"), Plots.png(d));
        written.add(out.resolve(name + ".svg"));
        written.add(out.resolve(name + ".png"));
    }

    // ---------------------------------------------------------------- formatting

    static String ratio(Stats.Ratio r) {
        return r.hasInterval()
                ? String.format(Locale.ROOT, "%.3f [%.3f, %.3f]", r.ratio(), r.ciLow(), r.ciHigh())
                : String.format(Locale.ROOT, "%.3f [n/a]", r.ratio());
    }

    static String md(String s) {
        return s == null ? "" : s.replace("|", "\\|").replace("\n", " ");
    }

    static List<String> secondaryNames(List<Measurement> ms) {
        TreeSet<String> names = new TreeSet<>();
        ms.forEach(m -> names.addAll(m.secondary().keySet()));
        return new ArrayList<>(names);
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
                + "treatment,baseline,unit,higher_is_better,treatment_mean,baseline_mean,n_treatment,n_baseline,"
                + "cv_treatment,cv_baseline,ratio,ci_low,ci_high,p_value,p_holm,outcome,verdict");
        for (String x : metrics) {
            b.append(',').append(csv("t:" + x)).append(',').append(csv("b:" + x));
        }
        b.append('\n');
        for (Comparison c : r.comparisons()) {
            Stats.Ratio q = c.ratio();
            b.append(String.join(",", csv(c.category()), csv(c.host()), csv(c.binding()), csv(c.node()),
                    Integer.toString(c.nodeCount()), csv(c.benchmark()), csv(c.context()), csv(c.label()),
                    csv(c.treatment().id()), csv(c.baseline().id()), csv(c.treatment().unit()),
                    Boolean.toString(c.treatment().higherIsBetter()), csvNum(c.treatment().mean()),
                    csvNum(c.baseline().mean()), Integer.toString(q.nTreatment()), Integer.toString(q.nBaseline()),
                    csvNum(c.treatment().cv()), csvNum(c.baseline().cv()), csvNum(q.ratio()), csvNum(q.ciLow()),
                    csvNum(q.ciHigh()), csvNum(q.pValue()), csvNum(c.pHolm()), c.verdict().outcome().word(),
                    csv(c.verdict().text())));
            for (String x : metrics) {
                b.append(',').append(csvNum(c.treatment().counter(x))).append(',')
                        .append(csvNum(c.baseline().counter(x)));
            }
            b.append('\n');
        }
        return b.toString();
    }

    static String measurementsCsv(Analyzer.Result r) {
        List<String> metrics = secondaryNames(r.measurements());
        StringBuilder b = new StringBuilder("id,host,cell,binding,cpu_nodes,mem_nodes,benchmark,params,unit,"
                + "higher_is_better,forks,iterations,mean,cv,ci_low,ci_high");
        metrics.forEach(x -> b.append(',').append(csv(x)));
        b.append('\n');
        for (Measurement m : r.measurements()) {
            double[] ci = m.interval();
            b.append(String.join(",", csv(m.id()), csv(m.host()), csv(m.cellId()), csv(m.binding()),
                    csv(nodes(m.cpuNodes())), csv(nodes(m.memNodes())), csv(m.benchmark()), csv(m.paramText()),
                    csv(m.unit()), Boolean.toString(m.higherIsBetter()), Integer.toString(m.n()),
                    Integer.toString(m.samples().length), csvNum(m.mean()), csvNum(m.cv()), csvNum(ci[0]),
                    csvNum(ci[1])));
            metrics.forEach(x -> b.append(',').append(csvNum(m.counter(x))));
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

    static String json(Model model, ThreadScaling.Result threads) {
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
        method.addProperty("unit", "the fork: per-fork means of the JMH measurement iterations (primaryMetric or "
                + "secondary 'bytes' rawData); bytes/s when the size is known");
        method.addProperty("ci", "Welch t interval on the logs of the per-fork means, back-transformed: "
                + "exp(d ± t(0.975, Welch-Satterthwaite df) * se), d = mean(ln t) - mean(ln b)");
        method.addProperty("test", "two-sided Welch t-test on the same logs");
        method.addProperty("multipleComparisons", "Holm step-down over every comparison except the A/A controls");
        method.addProperty("verdict", "better/worse only with >= " + Verdicts.MIN_FORKS + " forks per side, "
                + "p_holm < 0.05 and a passed A/A control; direction from the unit (time per op: lower is better)");
        method.addProperty("throughputUnit", Units.NOTE);
        root.add("method", method);
        JsonArray hosts = new JsonArray();
        JsonArray cells = new JsonArray();
        for (ResultLoader.Folder f : model.folders()) {
            JsonObject h = new JsonObject();
            h.addProperty("host", f.host());
            h.addProperty("folder", f.dir().toString());
            h.add("machine", f.machine() == null ? JsonNull.INSTANCE : f.machine());
            h.add("manifest", f.manifest() == null ? JsonNull.INSTANCE : withoutCells(f.manifest()));
            JsonArray skipped = new JsonArray();
            for (ResultLoader.Skip k : f.skipped()) {
                JsonObject o = new JsonObject();
                o.addProperty("cell", k.cellId());
                o.addProperty("benchmark", k.benchmark());
                o.addProperty("params", k.params());
                o.addProperty("reason", k.reason());
                skipped.add(o);
            }
            h.add("skipped", skipped);
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
                o.add("load", loadJson(c.load()));
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
        root.add("threadScaling", threadScalingJson(threads));
        if (model.extraJson() != null) {
            root.add("compare", model.extraJson());
        }
        return new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping().create().toJson(root)
                + "\n";
    }

    /** Panels of series of (threads, measurement, mean, CI), or the reason there are none. */
    private static JsonObject threadScalingJson(ThreadScaling.Result threads) {
        JsonObject o = new JsonObject();
        o.addProperty("absentReason", threads.absentReason());
        JsonArray panels = new JsonArray();
        for (ThreadScaling.Panel p : threads.panels()) {
            JsonObject pj = new JsonObject();
            pj.addProperty("host", p.host());
            pj.addProperty("node", p.node());
            pj.addProperty("benchmark", p.benchmark());
            pj.addProperty("context", p.context());
            JsonArray series = new JsonArray();
            for (ThreadScaling.Series s : p.series()) {
                JsonObject sj = new JsonObject();
                sj.addProperty("label", s.label());
                JsonArray points = new JsonArray();
                for (ThreadScaling.Point pt : s.points()) {
                    double[] ci = pt.measurement().interval();
                    JsonObject q = new JsonObject();
                    q.addProperty("threads", pt.threads());
                    q.addProperty("measurement", pt.measurement().id());
                    q.addProperty("n", pt.measurement().n());
                    q.add("mean", jnum(pt.measurement().mean()));
                    q.add("ciLow", jnum(ci[0]));
                    q.add("ciHigh", jnum(ci[1]));
                    points.add(q);
                }
                sj.add("points", points);
                series.add(sj);
            }
            pj.add("series", series);
            panels.add(pj);
        }
        o.add("panels", panels);
        return o;
    }

    private static JsonElement loadJson(ResultLoader.Load l) {
        if (l == null) {
            return JsonNull.INSTANCE;
        }
        JsonObject o = new JsonObject();
        o.add("loadBefore", jnum(l.loadBefore()));
        o.add("loadAfter", jnum(l.loadAfter()));
        o.addProperty("runnableBefore", l.runnableBefore());
        o.addProperty("runnableAfter", l.runnableAfter());
        o.add("stealPercent", jnum(l.stealPercent()));
        return o;
    }

    /** The manifest without its cells (they are in "cells" already). */
    private static JsonObject withoutCells(JsonObject manifest) {
        JsonObject o = manifest.deepCopy();
        o.remove("cells");
        return o;
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
        o.addProperty("higherIsBetter", m.higherIsBetter());
        o.addProperty("n", m.n());
        o.add("mean", jnum(m.mean()));
        o.add("cv", jnum(m.cv()));
        double[] ci = m.interval();
        JsonArray cia = new JsonArray();
        cia.add(jnum(ci[0]));
        cia.add(jnum(ci[1]));
        o.add("ci95", cia);
        JsonArray forks = new JsonArray();
        for (double[] fork : m.forks()) {
            JsonArray f = new JsonArray();
            for (double v : fork) {
                f.add(jnum(v));
            }
            forks.add(f);
        }
        o.add("forks", forks);
        JsonObject sec = new JsonObject();
        m.secondary().forEach((k, v) -> {
            JsonObject c = new JsonObject();
            c.add("value", jnum(v.value()));
            c.addProperty("unit", v.unit());
            sec.add(k, c);
        });
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
        o.addProperty("higherIsBetter", c.treatment().higherIsBetter());
        o.add("cvTreatment", jnum(c.treatment().cv()));
        o.add("cvBaseline", jnum(c.baseline().cv()));
        o.addProperty("outcome", c.verdict().outcome().word());
        o.addProperty("verdict", c.verdict().text());
        o.addProperty("reason", c.verdict().reason());
        JsonObject sec = new JsonObject();
        for (String x : secondaryNames(List.of(c.treatment(), c.baseline()))) {
            JsonObject pair = new JsonObject();
            pair.add("treatment", jnum(c.treatment().counter(x)));
            pair.add("baseline", jnum(c.baseline().counter(x)));
            sec.add(x, pair);
        }
        o.add("secondary", sec);
        return o;
    }
}
