package io.numagen.analysis;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Derives every {@link Comparison} of an analysis from a list of measurements. */
public final class Analyzer {

    /** The NUMA factors of NumaMatrixBenchmark and their baseline values. */
    public static final Map<String, String> BASELINE = baselineFactors();
    /** The optimisation factors (everything in {@link #BASELINE} except numaMode). */
    static final List<String> OPTIMISATIONS = List.of("pinning", "firstTouch", "allocation");

    private static Map<String, String> baselineFactors() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("numaMode", "OFF");
        m.put("pinning", "none");
        m.put("firstTouch", "false");
        m.put("allocation", "default");
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The result: comparisons by category plus the local/remote matrices for the heat map. */
    public record Result(List<Measurement> measurements, List<Comparison> comparisons, List<Matrix> matrices) {
        public List<Comparison> category(String... categories) {
            List<String> wanted = List.of(categories);
            return comparisons.stream().filter(c -> wanted.contains(c.category())).collect(Collectors.toList());
        }
    }

    /** Throughput by (CPU node, memory node) for one host, benchmark and parameter set. */
    public record Matrix(String host, String source, String benchmark, String context,
                         SortedMap<Integer, SortedMap<Integer, Measurement>> cells) {
        public double mean(int cpu, int mem) {
            SortedMap<Integer, Measurement> row = cells.get(cpu);
            Measurement m = row == null ? null : row.get(mem);
            return m == null ? Double.NaN : m.mean();
        }
    }

    private Analyzer() {
    }

    /**
     * Suffix of an A/A control cell: {@code none.OFF.control} runs the configuration of {@code none.OFF} again as a
     * separate cell (scripts/numactl-matrix.sh runs it last), so its ratio to the original shows the machine's noise
     * between cells.
     */
    public static final String CONTROL_SUFFIX = ".control";

    static boolean isControl(Measurement m) {
        return m.cellId().endsWith(CONTROL_SUFFIX);
    }

    public static Result analyze(List<Measurement> measurements) {
        List<Comparison> out = new ArrayList<>();
        controls(measurements, out);
        // The control cells repeat a configuration only to measure noise: no other comparison uses them.
        List<Measurement> all = measurements.stream().filter(m -> !isControl(m)).collect(Collectors.toList());
        factorComparisons(all, out);
        jvmFlags(all, out);
        List<Matrix> matrices = new ArrayList<>();
        localRemote(all, out, matrices);
        scaling(all, out);
        generatorVsBaselines(all, out);
        return new Result(measurements, adjust(out), matrices);
    }

    /**
     * Final verdicts: Holm-adjusted p-values over every comparison of the report except the A/A controls, and no
     * finding at all when a control's interval excludes 1.
     */
    public static List<Comparison> adjust(List<Comparison> cs) {
        double[] p = cs.stream().mapToDouble(c -> c.inFamily() ? c.ratio().pValue() : Double.NaN).toArray();
        double[] adj = Stats.holm(p);
        int family = (int) java.util.Arrays.stream(p).filter(x -> !Double.isNaN(x)).count();
        boolean controlFailed = cs.stream().anyMatch(c -> !c.inFamily() && c.ratio().significant()
                && c.ratio().n() >= Verdicts.MIN_FORKS);
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            out.add(cs.get(i).withHolm(adj[i], family, controlFailed));
        }
        return out;
    }

    /** Each control cell's measurements against the same benchmark and parameters in the cell they repeat. */
    private static void controls(List<Measurement> all, List<Comparison> out) {
        Map<String, Measurement> byKey = new LinkedHashMap<>();
        for (Measurement m : all) {
            byKey.putIfAbsent(m.host() + "|" + m.cellId() + "|" + m.benchmark() + "|" + m.paramText(), m);
        }
        for (Measurement t : all) {
            if (!isControl(t)) {
                continue;
            }
            String original = t.cellId().substring(0, t.cellId().length() - CONTROL_SUFFIX.length());
            Measurement b = byKey.get(t.host() + "|" + original + "|" + t.benchmark() + "|" + t.paramText());
            if (b != null) {
                out.add(Comparison.of(Comparison.CONTROL, "A/A: " + original + " run again", node(t), t.paramText(),
                        t, b, new Verdicts.Wording("A/A differs", "A/A differs")));
            }
        }
    }

    static boolean hasFactors(Measurement m) {
        return BASELINE.keySet().stream().anyMatch(m.params()::containsKey);
    }

    static boolean isBaselineConfig(Measurement m) {
        return BASELINE.entrySet().stream()
                .allMatch(e -> e.getValue().equals(m.params().getOrDefault(e.getKey(), e.getValue())));
    }

    /** Parameters without the given names, as "a=1,b=2". */
    static String without(Measurement m, java.util.Collection<String> names) {
        return m.params().entrySet().stream().filter(e -> !names.contains(e.getKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
    }

    static String node(Measurement m) {
        String b = m.binding();
        if (b.startsWith("local-")) {
            return "node " + b.substring("local-".length());
        }
        if (b.startsWith("remote-")) {
            String[] p = b.split("-");
            return "cpu " + p[1] + " / mem " + p[2];
        }
        if (b.startsWith("nodes-")) {
            return m.cpuNodes().size() + " nodes " + m.cpuNodes();
        }
        if (b.equals("interleave")) {
            return "interleave all";
        }
        return "unbound";
    }

    private static void factorComparisons(List<Measurement> all, List<Comparison> out) {
        Map<String, List<Measurement>> groups = new LinkedHashMap<>();
        for (Measurement m : all) {
            if (hasFactors(m)) {
                String key = m.host() + "|" + m.binding() + "|" + m.benchmark() + "|" + without(m, BASELINE.keySet());
                groups.computeIfAbsent(key, k -> new ArrayList<>()).add(m);
            }
        }
        for (List<Measurement> group : groups.values()) {
            Measurement base = group.stream().filter(Analyzer::isBaselineConfig).findFirst().orElse(null);
            if (base == null) {
                continue;
            }
            for (Measurement t : group) {
                if (isBaselineConfig(t)) {
                    continue;
                }
                List<String> diffs = new ArrayList<>();
                for (Map.Entry<String, String> e : BASELINE.entrySet()) {
                    String v = t.params().getOrDefault(e.getKey(), e.getValue());
                    if (!v.equals(e.getValue())) {
                        diffs.add(e.getKey() + "=" + v);
                    }
                }
                boolean onlyMode = diffs.size() == 1 && diffs.get(0).startsWith("numaMode=");
                String category = onlyMode ? "numa-layer" : "optimisation";
                String label;
                if (onlyMode) {
                    label = diffs.get(0) + " vs OFF";
                } else {
                    boolean allOn = OPTIMISATIONS.stream().allMatch(f ->
                            !BASELINE.get(f).equals(t.params().getOrDefault(f, BASELINE.get(f))));
                    label = (allOn ? "all: " : "") + String.join(" + ", diffs);
                }
                out.add(Comparison.of(category, label, node(t), without(t, BASELINE.keySet()), t, base,
                        new Verdicts.Wording("gain: faster", "loss: slower")));
            }
        }
    }

    /** NumaMatrixBenchmark's {@code jvm} param: forks with JVM-level NUMA flags; "default" adds none. */
    static final String JVM = "jvm";
    static final String JVM_DEFAULT = "default";

    /** The jvm param value of a measurement ("default" when it has none, as for benchmarks without the param). */
    static String jvm(Measurement m) {
        return m.params().getOrDefault(JVM, JVM_DEFAULT);
    }

    /**
     * JVM flags vs a default JVM: each jvm≠default measurement against the jvm=default one with every other
     * parameter, the host and the binding equal (as numaMode=AUTO vs OFF, with jvm as the only difference).
     */
    private static void jvmFlags(List<Measurement> all, List<Comparison> out) {
        Map<String, Measurement> defaults = new LinkedHashMap<>();
        for (Measurement m : all) {
            if (m.params().containsKey(JVM) && jvm(m).equals(JVM_DEFAULT)) {
                defaults.putIfAbsent(m.host() + "|" + m.binding() + "|" + m.benchmark() + "|"
                        + without(m, List.of(JVM)), m);
            }
        }
        for (Measurement t : all) {
            if (jvm(t).equals(JVM_DEFAULT)) {
                continue;
            }
            Measurement base = defaults.get(t.host() + "|" + t.binding() + "|" + t.benchmark() + "|"
                    + without(t, List.of(JVM)));
            if (base == null) {
                continue;
            }
            out.add(Comparison.of("jvm-flags", "jvm=" + jvm(t) + " vs default", node(t), without(t, List.of(JVM)), t,
                    base, new Verdicts.Wording("JVM flags faster", "JVM flags slower")));
        }
    }

    private static void localRemote(List<Measurement> all, List<Comparison> out, List<Matrix> matrices) {
        // From matrix cells local-N / remote-A-B: same benchmark and parameters, different bindings.
        Map<String, Matrix> byKey = new LinkedHashMap<>();
        for (Measurement m : all) {
            boolean local = m.binding().startsWith("local-");
            boolean remote = m.binding().startsWith("remote-");
            if ((local || remote) && m.cpuNodes().size() == 1 && m.memNodes().size() == 1) {
                String key = m.host() + "|cells|" + m.benchmark() + "|" + m.paramText();
                Matrix mx = byKey.computeIfAbsent(key, k -> new Matrix(m.host(), "numactl cells", m.benchmark(),
                        m.paramText(), new TreeMap<>()));
                mx.cells().computeIfAbsent(m.cpuNodes().get(0), k -> new TreeMap<>())
                        .putIfAbsent(m.memNodes().get(0), m);
            }
            // From RemoteAccessBenchmark-style parameters writerNode × memoryNode, within one cell.
            String w = m.param("writerNode");
            String mem = m.param("memoryNode");
            if (w != null && mem != null) {
                try {
                    int wi = Integer.parseInt(w.trim());
                    int mi = Integer.parseInt(mem.trim());
                    String ctx = without(m, List.of("writerNode", "memoryNode"));
                    String key = m.host() + "|" + m.cellId() + "|" + m.benchmark() + "|" + ctx;
                    Matrix mx = byKey.computeIfAbsent(key, k -> new Matrix(m.host(),
                            "writerNode × memoryNode in cell " + m.cellId(), m.benchmark(), ctx, new TreeMap<>()));
                    mx.cells().computeIfAbsent(wi, k -> new TreeMap<>()).putIfAbsent(mi, m);
                } catch (NumberFormatException e) {
                    // not a node number: not part of the matrix
                }
            }
        }
        for (Matrix mx : byKey.values()) {
            matrices.add(mx);
            for (Map.Entry<Integer, SortedMap<Integer, Measurement>> row : mx.cells().entrySet()) {
                int cpu = row.getKey();
                Measurement local = row.getValue().get(cpu);
                if (local == null) {
                    continue;
                }
                for (Map.Entry<Integer, Measurement> cell : row.getValue().entrySet()) {
                    if (cell.getKey() == cpu) {
                        continue;
                    }
                    String category = mx.source().startsWith("numactl") ? "remote-penalty" : "remote-access";
                    out.add(Comparison.of(category, "cpu " + cpu + " / mem " + cell.getKey() + " vs local",
                            "cpu " + cpu + " / mem " + cell.getKey(), mx.context(), cell.getValue(), local,
                            new Verdicts.Wording("remote faster than local", "remote penalty: slower than local")));
                }
            }
        }
    }

    private static void scaling(List<Measurement> all, List<Comparison> out) {
        for (Measurement m : all) {
            if (!m.binding().startsWith("nodes-") || m.cpuNodes().size() < 2) {
                continue;
            }
            int k = m.cpuNodes().size();
            int first = m.cpuNodes().get(0);
            // Reference: nodes-1 if it ran, else the local cell of the first node of this binding.
            Measurement one = all.stream()
                    .filter(o -> o.host().equals(m.host()) && o.benchmark().equals(m.benchmark())
                            && o.params().equals(m.params()) && o.cpuNodes().equals(List.of(first))
                            && (o.binding().equals("nodes-1") || o.binding().equals("local-" + first)))
                    .min(Comparator.comparing(o -> o.binding().equals("nodes-1") ? 0 : 1)).orElse(null);
            if (one == null) {
                continue;
            }
            out.add(Comparison.of(Comparison.SCALING, k + " nodes vs " + k + " × " + one.binding(), k + " nodes",
                    m.paramText(), m, one, new Verdicts.Wording("super-linear scaling", "sub-linear scaling")));
        }
    }

    /** Generator benchmarks compared with the baselines: NumaMatrixBenchmark.* and GeneratorBenchmark.*. */
    static boolean isGenerator(Measurement m) {
        return m.benchmark().startsWith("NumaMatrixBenchmark.") || m.benchmark().startsWith("GeneratorBenchmark.");
    }

    private static void generatorVsBaselines(List<Measurement> all, List<Comparison> out) {
        for (Measurement b : all) {
            if (!b.benchmark().startsWith("BaselineBenchmark.")) {
                continue;
            }
            String what = b.benchmark().substring("BaselineBenchmark.".length());
            for (Measurement g : all) {
                // The baselines run on a default JVM (no jvm param): compare only generator forks without JVM flags,
                // and only within the baseline's own cell (the baselines run in the first mode's cells only).
                if (!isGenerator(g) || !isBaselineConfig(g) || !g.host().equals(b.host())
                        || !g.cellId().equals(b.cellId()) || !jvm(g).equals(jvm(b))) {
                    continue;
                }
                // Same size, threads, ... : every parameter the baseline has must match.
                boolean same = b.params().entrySet().stream()
                        .allMatch(e -> Objects.equals(e.getValue(), g.params().get(e.getKey())));
                if (!same) {
                    continue;
                }
                String method = g.benchmark().substring(g.benchmark().indexOf('.') + 1);
                out.add(Comparison.of("generator-vs-baseline", method + " / " + what, node(g), g.paramText(), g, b,
                        new Verdicts.Wording("generator faster than " + what, "generator slower than " + what)));
            }
        }
    }
}
