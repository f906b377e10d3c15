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

    public static Result analyze(List<Measurement> all) {
        List<Comparison> out = new ArrayList<>();
        factorComparisons(all, out);
        jvmFlags(all, out);
        List<Matrix> matrices = new ArrayList<>();
        localRemote(all, out, matrices);
        scaling(all, out);
        generatorVsBaselines(all, out);
        return new Result(all, adjust(out), matrices);
    }

    /** Adds Holm-adjusted p-values over the whole family of comparisons of one analysis. */
    static List<Comparison> adjust(List<Comparison> cs) {
        double[] p = cs.stream().mapToDouble(c -> c.ratio().pValue()).toArray();
        double[] adj = Stats.holm(p);
        int family = (int) java.util.Arrays.stream(p).filter(x -> !Double.isNaN(x)).count();
        List<Comparison> out = new ArrayList<>();
        for (int i = 0; i < cs.size(); i++) {
            out.add(cs.get(i).withHolm(adj[i], family));
        }
        return out;
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
                Stats.Ratio r = Stats.ratio(t.samples(), base.samples());
                out.add(new Comparison(category, label, t.host(), t.binding(), node(t), t.nodeCount(), t.benchmark(),
                        without(t, BASELINE.keySet()), t, base, r,
                        Verdicts.ratio(r, "gain: faster", "loss: slower")));
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
            Stats.Ratio r = Stats.ratio(t.samples(), base.samples());
            out.add(new Comparison("jvm-flags", "jvm=" + jvm(t) + " vs default", t.host(), t.binding(), node(t),
                    t.nodeCount(), t.benchmark(), without(t, List.of(JVM)), t, base, r,
                    Verdicts.ratio(r, "JVM flags faster", "JVM flags slower")));
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
                    Measurement remote = cell.getValue();
                    Stats.Ratio r = Stats.ratio(remote.samples(), local.samples());
                    String category = mx.source().startsWith("numactl") ? "remote-penalty" : "remote-access";
                    out.add(new Comparison(category, "cpu " + cpu + " / mem " + cell.getKey() + " vs local",
                            remote.host(), remote.binding(), "cpu " + cpu + " / mem " + cell.getKey(),
                            remote.nodeCount(), remote.benchmark(), mx.context(), remote, local, r,
                            Verdicts.ratio(r, "remote faster than local", "remote penalty: slower than local")));
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
            Stats.Ratio r = Stats.ratio(m.samples(), Stats.times(one.samples(), k));
            out.add(new Comparison("scaling", k + " nodes vs " + k + " × " + one.binding(), m.host(), m.binding(),
                    k + " nodes", k, m.benchmark(), m.paramText(), m, one, r, Verdicts.scaling(r, k)));
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
                // The baselines run on a default JVM (no jvm param): compare only generator forks without JVM flags.
                if (!isGenerator(g) || !isBaselineConfig(g) || !g.host().equals(b.host())
                        || !g.binding().equals(b.binding()) || !jvm(g).equals(jvm(b))) {
                    continue;
                }
                // Same size, threads, ... : every parameter the baseline has must match.
                boolean same = b.params().entrySet().stream()
                        .allMatch(e -> Objects.equals(e.getValue(), g.params().get(e.getKey())));
                if (!same) {
                    continue;
                }
                String method = g.benchmark().substring(g.benchmark().indexOf('.') + 1);
                Stats.Ratio r = Stats.ratio(g.samples(), b.samples());
                out.add(new Comparison("generator-vs-baseline", method + " / " + what, g.host(), g.binding(),
                        node(g), g.nodeCount(), g.benchmark(), g.paramText(), g, b, r,
                        Verdicts.ratio(r, "generator faster than " + what, "generator slower than " + what)));
            }
        }
    }
}
