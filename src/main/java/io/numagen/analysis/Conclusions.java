package io.numagen.analysis;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The first screen of a report: the A/A control, then what holds (findings that survive the Holm correction, with
 * effect sizes and intervals), then how many comparisons are inconclusive and why.
 */
final class Conclusions {
    private Conclusions() {
    }

    static void append(StringBuilder b, List<Comparison> all, List<ResultLoader.Folder> folders) {
        b.append("## Conclusions\n\n");
        List<Comparison> controls = all.stream().filter(c -> !c.inFamily()).collect(Collectors.toList());
        if (controls.isEmpty()) {
            b.append("- **No A/A control** in these results (a control cell repeats the baseline cell; "
                    + "scripts/numactl-matrix.sh adds one): the machine's noise between cells is unchecked.\n");
        }
        for (Comparison c : controls) {
            b.append("- **").append(c.verdict().text()).append("** (").append(c.node()).append(", ")
                    .append(c.benchmark()).append(", n = ").append(c.ratio().nTreatment()).append(" / ")
                    .append(c.ratio().nBaseline()).append(" forks)\n");
        }
        List<Comparison> family = all.stream().filter(Comparison::inFamily).collect(Collectors.toList());
        List<Comparison> findings = family.stream().filter(c -> c.verdict().isFinding()).collect(Collectors.toList());
        b.append("- **").append(findings.size()).append(" of ").append(family.size())
                .append(" comparisons hold** after the Holm correction over all of them (95 %, n ≥ ")
                .append(Verdicts.MIN_FORKS).append(" forks per side)").append(findings.isEmpty() ? "." : ":")
                .append('\n');
        for (Comparison c : findings) {
            b.append("  - ").append(Report.md(where(c))).append(": ").append(Report.md(c.label())).append(" — ")
                    .append(Report.md(c.verdict().text())).append('\n');
        }
        Map<String, Integer> reasons = new TreeMap<>();
        for (Comparison c : family) {
            if (!c.verdict().isFinding()) {
                reasons.merge(reasonKind(c.verdict().reason()), 1, Integer::sum);
            }
        }
        if (!reasons.isEmpty()) {
            b.append("- **").append(family.size() - findings.size()).append(" inconclusive**: ")
                    .append(reasons.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                            .collect(Collectors.joining("; ")))
                    .append(". Each row below says why.\n");
        }
        load(b, folders);
        b.append('\n');
    }

    /** The machine's load around the cells, when the matrix script recorded it. */
    private static void load(StringBuilder b, List<ResultLoader.Folder> folders) {
        List<ResultLoader.Load> loads = folders.stream().flatMap(f -> f.cells().stream())
                .map(ResultLoader.Cell::load).filter(java.util.Objects::nonNull).collect(Collectors.toList());
        if (loads.isEmpty()) {
            b.append("- Machine load during the cells: not recorded.\n");
            return;
        }
        double lo = loads.stream().mapToDouble(l -> Math.min(l.loadBefore(), l.loadAfter())).min().orElse(0);
        double hi = loads.stream().mapToDouble(l -> Math.max(l.loadBefore(), l.loadAfter())).max().orElse(0);
        int run = loads.stream().mapToInt(l -> Math.max(l.runnableBefore(), l.runnableAfter())).max().orElse(0);
        double steal = loads.stream().mapToDouble(ResultLoader.Load::stealPercent).filter(x -> !Double.isNaN(x))
                .max().orElse(Double.NaN);
        String cpus = folders.stream().map(f -> f.machine() != null && f.machine().has("cpus")
                ? f.machine().get("cpus").getAsString() : "?").distinct().collect(Collectors.joining("/"));
        b.append(String.format(java.util.Locale.ROOT, "- Machine load during the cells: 1-minute load average "
                + "%.2f–%.2f on %s CPUs, up to %d runnable tasks, CPU steal %s (per cell in the Cells "
                + "table).\n", lo, hi, cpus, run, Double.isNaN(steal) ? "not recorded"
                : String.format(java.util.Locale.ROOT, "up to %.1f %%", steal)));
    }

    /** Node, benchmark and context of a row, e.g. "node 0, NumaMatrixBenchmark.generate (size=64MiB)". */
    static String where(Comparison c) {
        return c.node() + ", " + c.benchmark() + (c.context().isEmpty() ? "" : " (" + c.context() + ")");
    }

    /** The kind of an inconclusive reason, for the one-line count. */
    private static String reasonKind(String reason) {
        if (reason.contains("forks")) {
            return "with too few forks";
        }
        if (reason.startsWith("CI includes 1")) {
            return "within the noise (CI includes 1)";
        }
        if (reason.contains("p_holm")) {
            return "significant alone but not after the Holm correction";
        }
        if (reason.contains("A/A")) {
            return "withheld because the A/A control failed";
        }
        return reason;
    }
}
