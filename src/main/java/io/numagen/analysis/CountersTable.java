package io.numagen.analysis;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Profiler counters (perf, numastat, GC) in their own table per host and benchmark: only the counters whose mean
 * differs by more than {@link #SPREAD} between the configurations, per byte when the profiler gives a per-byte form,
 * each with its unit and where its lowest and highest values were. Machine facts ({@code machine.*}) are provenance,
 * not counters; every value of every counter is in measurements.csv.
 */
final class CountersTable {

    /** Relative spread (highest / lowest - 1) below which a counter is taken as not differing. */
    static final double SPREAD = 0.05;

    private CountersTable() {
    }

    static void append(StringBuilder b, List<Measurement> all) {
        b.append("## Counters that differ\n\n");
        Map<String, List<Measurement>> groups = new LinkedHashMap<>();
        all.forEach(m -> groups.computeIfAbsent(m.host() + ", " + m.benchmark(), k -> new ArrayList<>()).add(m));
        boolean any = false;
        for (Map.Entry<String, List<Measurement>> g : groups.entrySet()) {
            List<String[]> rows = rows(g.getValue());
            if (rows.isEmpty()) {
                continue;
            }
            any = true;
            b.append("### ").append(Report.md(g.getKey())).append("\n\n");
            b.append("| Counter | Unit | Lowest | Where | Highest | Where | Highest / lowest |\n");
            b.append("|---|---|---|---|---|---|---|\n");
            for (String[] r : rows) {
                b.append('|');
                for (String cell : r) {
                    b.append(' ').append(Report.md(cell)).append(" |");
                }
                b.append('\n');
            }
            b.append('\n');
        }
        if (!any) {
            b.append("No counter differs by more than ").append(Math.round(SPREAD * 100))
                    .append(" % between configurations (or no profiler counters were recorded; an unavailable "
                            + "counter is absent, never 0).\n\n");
        }
    }

    private static List<String[]> rows(List<Measurement> ms) {
        TreeSet<String> names = new TreeSet<>();
        ms.forEach(m -> names.addAll(m.secondary().keySet()));
        List<String[]> rows = new ArrayList<>();
        for (String name : names) {
            if (name.startsWith("machine.") || names.contains(name + ".perByte")) {
                continue;
            }
            Measurement lo = null;
            Measurement hi = null;
            for (Measurement m : ms) {
                double v = m.counter(name);
                if (Double.isNaN(v)) {
                    continue;
                }
                if (lo == null || v < lo.counter(name)) {
                    lo = m;
                }
                if (hi == null || v > hi.counter(name)) {
                    hi = m;
                }
            }
            if (lo == null || lo == hi) {
                continue;
            }
            double low = lo.counter(name);
            double high = hi.counter(name);
            boolean differs = low > 0 ? high / low - 1 > SPREAD : high > 0;
            if (differs) {
                rows.add(new String[] {name, unit(hi, name), Units.num(low), where(lo, ms), Units.num(high),
                        where(hi, ms), low > 0 ? String.format(Locale.ROOT, "%.2f", high / low) : "n/a"});
            }
        }
        return rows;
    }

    private static String unit(Measurement m, String name) {
        String u = m.secondary().get(name).unit();
        return u == null ? "" : u;
    }

    /** The cell and the parameters that are not the same in the whole group. */
    private static String where(Measurement m, List<Measurement> group) {
        String own = m.params().entrySet().stream()
                .filter(e -> group.stream().anyMatch(o -> !e.getValue().equals(o.params().get(e.getKey()))))
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        return m.cellId() + (own.isEmpty() ? "" : " " + own);
    }
}
