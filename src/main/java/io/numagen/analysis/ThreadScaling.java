package io.numagen.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Throughput against thread count: one panel per host, node (cell binding), benchmark and remaining parameters, one
 * series per configuration (NUMA mode, pinning, first touch, allocation, JVM flags) with a point per thread count.
 * Descriptive only (no comparison, no verdict): the plot shows how each configuration scales, the fork CIs how far
 * to trust each point.
 *
 * <p>{@code threads=all|max|half} is resolved with the fork's {@code machine.cpus.allowed} (MachineInfoProfiler),
 * the CPU count the benchmark itself resolves it with; without that counter such a point is left out and counted.
 */
public final class ThreadScaling {

    /** The parameters that tell series apart within a panel; every other parameter but threads makes the panel. */
    static final List<String> SERIES_FACTORS = List.of("numaMode", "pinning", "firstTouch", "allocation",
            Analyzer.JVM);

    /** One measurement at its resolved thread count. */
    public record Point(int threads, Measurement measurement) {
    }

    /** One configuration across thread counts, ascending. */
    public record Series(String label, List<Point> points) {
    }

    /** One host, node, benchmark and parameter set with its series. */
    public record Panel(String host, String node, String benchmark, String context, List<Series> series) {
        /** The distinct thread counts measured in this panel, ascending. */
        public List<Integer> threadCounts() {
            TreeSet<Integer> t = new TreeSet<>();
            series.forEach(s -> s.points().forEach(p -> t.add(p.threads())));
            return new ArrayList<>(t);
        }
    }

    /** The panels with at least two thread counts, or (when there are none) why the plot is absent. */
    public record Result(List<Panel> panels, String absentReason) {
        public boolean drawn() {
            return !panels.isEmpty();
        }
    }

    private ThreadScaling() {
    }

    public static Result of(List<Measurement> measurements) {
        Map<String, Map<String, TreeMap<Integer, Measurement>>> byPanel = new LinkedHashMap<>();
        Map<String, Measurement> firstOfPanel = new LinkedHashMap<>();
        TreeMap<Integer, TreeSet<String>> seen = new TreeMap<>();
        int unresolved = 0;
        int candidates = 0;
        for (Measurement m : measurements) {
            if (Analyzer.isControl(m) || !"bytes/s".equals(m.unit()) || m.param("threads") == null) {
                continue;
            }
            candidates++;
            OptionalInt t = threads(m);
            if (t.isEmpty()) {
                unresolved++;
                continue;
            }
            seen.computeIfAbsent(t.getAsInt(), k -> new TreeSet<>()).add(m.param("threads"));
            String panel = m.host() + "|" + m.binding() + "|" + m.benchmark() + "|" + context(m);
            firstOfPanel.putIfAbsent(panel, m);
            TreeMap<Integer, Measurement> points = byPanel.computeIfAbsent(panel, k -> new LinkedHashMap<>())
                    .computeIfAbsent(seriesLabel(m), k -> new TreeMap<>());
            // "1" and "half" (or "2" and "all") can be the same count: the explicitly numbered one stands for it.
            points.merge(t.getAsInt(), m, (old, neu) -> isNumber(old.param("threads")) ? old : neu);
        }
        List<Panel> generators = new ArrayList<>();
        List<Panel> others = new ArrayList<>();
        byPanel.forEach((key, series) -> {
            Measurement any = firstOfPanel.get(key);
            List<Series> lines = series.entrySet().stream()
                    .map(e -> new Series(e.getKey(), e.getValue().entrySet().stream()
                            .map(p -> new Point(p.getKey(), p.getValue())).collect(Collectors.toList())))
                    .collect(Collectors.toList());
            Panel p = new Panel(any.host(), Analyzer.node(any), any.benchmark(), context(any), lines);
            if (p.threadCounts().size() >= 2) {
                (Analyzer.isGenerator(any) ? generators : others).add(p);
            }
        });
        generators.addAll(others);
        if (!generators.isEmpty()) {
            return new Result(generators, null);
        }
        String reason;
        if (candidates == 0) {
            reason = "no throughput measurement (GB/s) has a threads parameter";
        } else if (seen.size() <= 1) {
            reason = "one thread count in this run (" + (seen.isEmpty() ? "none resolved" : counts(seen))
                    + "); a run with several draws it, e.g. `scripts/run-quick-matrix.sh -- -p threads=1` or the full "
                    + "preset (docs/analysis.md)";
        } else {
            reason = "each node, benchmark and parameter set ran at one thread count (" + counts(seen) + ")";
        }
        if (unresolved > 0) {
            reason += "; " + unresolved + " measurement(s) left out: threads=all/max/half without the "
                    + "machine.cpus.allowed counter (MachineInfoProfiler) to resolve it";
        }
        return new Result(List.of(), reason);
    }

    /** "2 (threads=all)", "1 (threads=1, half), 2 (threads=all)". */
    private static String counts(TreeMap<Integer, TreeSet<String>> seen) {
        return seen.entrySet().stream().map(e -> e.getKey() + " (threads=" + String.join(", ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }

    /** The thread count a measurement ran with: a number, or all/max/half resolved with its allowed CPUs. */
    static OptionalInt threads(Measurement m) {
        String v = m.param("threads");
        if (v == null) {
            return OptionalInt.empty();
        }
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (isNumber(s)) {
            return OptionalInt.of(Integer.parseInt(s));
        }
        double allowed = m.counter("machine.cpus.allowed");
        if (!(allowed >= 1) || !List.of("all", "max", "half").contains(s)) {
            return OptionalInt.empty();
        }
        int cpus = (int) Math.round(allowed);
        return OptionalInt.of(s.equals("half") ? Math.max(1, cpus / 2) : cpus);
    }

    private static boolean isNumber(String s) {
        return s != null && s.trim().matches("[0-9]{1,6}");
    }

    /** The panel's parameters: everything but threads and the series factors, as "a=1,b=2". */
    static String context(Measurement m) {
        List<String> drop = new ArrayList<>(SERIES_FACTORS);
        drop.add("threads");
        return Analyzer.without(m, drop);
    }

    /**
     * "OFF", "FORCE + pin scatter + firstTouch", "AUTO + bind + jvm=UseNUMA": the mode, then what differs from the
     * baseline; a benchmark without these parameters is named by its method ("fill").
     */
    static String seriesLabel(Measurement m) {
        List<String> parts = new ArrayList<>();
        if (m.params().containsKey("numaMode")) {
            parts.add(m.param("numaMode"));
        }
        if (m.params().containsKey("pinning") && !"none".equals(m.param("pinning"))) {
            parts.add("pin " + m.param("pinning"));
        }
        if ("true".equals(m.param("firstTouch"))) {
            parts.add("firstTouch");
        }
        if ("bind".equals(m.param("allocation"))) {
            parts.add("bind");
        }
        if (!Analyzer.jvm(m).equals(Analyzer.JVM_DEFAULT)) {
            parts.add("jvm=" + Analyzer.jvm(m));
        }
        return parts.isEmpty() ? m.benchmark().substring(m.benchmark().indexOf('.') + 1) : String.join(" + ", parts);
    }
}
