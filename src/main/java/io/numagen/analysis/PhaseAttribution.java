package io.numagen.analysis;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * Which phase of an operation a measured difference comes from, from the {@code phase.*} metrics of
 * {@code PhaseProfiler} and the {@code place}/{@code refill} variants of the NUMA matrix benchmark. For every
 * optimisation or NUMA-layer comparison of {@code generate} it states how each phase's time per op changed
 * (summed over the threads that ran it) and which phase changed most, and sets beside it the same comparison of
 * {@code place} (faults and placement only) and {@code refill} (writing only). It also flags hosts whose fault costs
 * depend on a hypervisor ({@code machine.virtualised} from MachineInfoProfiler).
 */
final class PhaseAttribution {
    /** The phases in op order, as PhaseProfiler names them. */
    static final List<String> PHASES = List.of("map", "bind", "touch", "write", "unmap");

    private static final String ONE_SHOT = "NumaMatrixBenchmark.generate";
    private static final String PLACE_ONLY = "NumaMatrixBenchmark.place";
    private static final String WRITE_ONLY = "NumaMatrixBenchmark.refill";

    private PhaseAttribution() {
    }

    /** How one comparison's op time and phases changed, treatment minus baseline, in ns/op. */
    record Attribution(Comparison comparison, double opDelta, Map<String, Double> phaseDeltas, double kernelDelta) {

        /** The phase whose thread time changed most in the direction of the op time (null if none did). */
        String dominantPhase() {
            String best = null;
            double bestDelta = 0;
            for (Map.Entry<String, Double> e : phaseDeltas.entrySet()) {
                double aligned = Math.signum(opDelta) * e.getValue();
                if (aligned > bestDelta) {
                    best = e.getKey();
                    bestDelta = aligned;
                }
            }
            return best;
        }

        /** One sentence: the change, where it comes from, and whether it is significant at all. */
        String statement() {
            Comparison c = comparison;
            String change = String.format(Locale.ROOT, "%s: op time %s ms (throughput ratio %s)", c.label(), deltaMs(opDelta),
                    Report.ratio(c.ratio()));
            String phase = dominantPhase();
            if (phase == null) {
                return change + "; no phase changed in that direction";
            }
            double sum = 0;
            for (double d : phaseDeltas.values()) {
                sum += Math.abs(d);
            }
            String from = String.format(Locale.ROOT, "comes mostly from the %s phase (%s ms/op of thread time, %.0f %% "
                    + "of all phase changes)", phase, deltaMs(phaseDeltas.get(phase)),
                    100 * Math.abs(phaseDeltas.get(phase)) / sum);
            String kernel = Double.isNaN(kernelDelta) ? ""
                    : "; kernel CPU " + deltaMs(kernelDelta) + " ms/op";
            String significance = c.verdict().isFinding() ? "" : " — inconclusive: " + c.verdict().reason();
            return change + " " + from + kernel + significance;
        }
    }

    /** The attribution of each generate comparison whose two sides carry phase metrics. */
    static List<Attribution> attribute(Analyzer.Result r) {
        List<Attribution> out = new ArrayList<>();
        for (Comparison c : r.category("optimisation", "numa-layer")) {
            if (!c.benchmark().equals(ONE_SHOT) || !hasPhases(c.treatment()) || !hasPhases(c.baseline())) {
                continue;
            }
            Map<String, Double> deltas = new TreeMap<>((a, b) -> PHASES.indexOf(a) - PHASES.indexOf(b));
            for (String p : PHASES) {
                deltas.put(p, delta(c, "phase." + p));
            }
            out.add(new Attribution(c, delta(c, "op.wall"), deltas, delta(c, "cpu.sys")));
        }
        return out;
    }

    private static boolean hasPhases(Measurement m) {
        return m.secondary().containsKey("op.wall") && m.secondary().containsKey("phase.write");
    }

    /** Treatment minus baseline of a metric; NaN where either side lacks it. */
    private static double delta(Comparison c, String metric) {
        return c.treatment().counter(metric) - c.baseline().counter(metric);
    }

    /** The same comparison of another benchmark (same category, label, host, binding and context), or null. */
    private static Comparison variant(Analyzer.Result r, Comparison c, String benchmark) {
        for (Comparison o : r.comparisons()) {
            if (o.benchmark().equals(benchmark) && o.category().equals(c.category()) && o.label().equals(c.label())
                    && o.host().equals(c.host()) && Objects.equals(o.binding(), c.binding())
                    && o.context().equals(c.context())) {
                return o;
            }
        }
        return null;
    }

    /** Hosts whose forks ran under a hypervisor. */
    static List<String> virtualisedHosts(List<Measurement> ms) {
        List<String> hosts = new ArrayList<>();
        for (Measurement m : ms) {
            if (m.counter("machine.virtualised") == 1.0 && !hosts.contains(m.host())) {
                hosts.add(m.host());
            }
        }
        return hosts;
    }

    /** The report section: the hypervisor flag, the phase split per op and where each difference comes from. */
    static String markdown(Analyzer.Result r) {
        StringBuilder b = new StringBuilder("## Where the time goes (phases)\n\n");
        for (String host : virtualisedHosts(r.measurements())) {
            b.append("**Fault costs on this machine depend on the hypervisor** (").append(Report.md(host))
                    .append(" ran under one: machine.virtualised = 1). A fresh page's fault may be served by the "
                            + "host too, so fault-side numbers (generate, place) vary between forks; compare "
                            + "CPU-side questions with refill or stream. See docs/phases.md.\n\n");
        }
        List<Measurement> phased = r.measurements().stream().filter(PhaseAttribution::hasPhases).toList();
        if (phased.isEmpty()) {
            return b.append("No phase metrics in these results (run with -prof "
                    + "io.numagen.bench.profile.PhaseProfiler).\n\n").toString();
        }
        b.append("Per op, in ms: op = wall time per op (from the score); phases are summed over the threads that ran "
                + "them (with T workers in parallel, about T × their share of the op); user/kernel = CPU time of "
                + "those threads in the phases. Faults of pages not touched first are part of write.\n\n");
        b.append("| Measurement | op |");
        PHASES.forEach(p -> b.append(' ').append(p).append(" |"));
        b.append(" user | kernel |\n|---|---|");
        PHASES.forEach(p -> b.append("---|"));
        b.append("---|---|\n");
        for (Measurement m : phased.subList(0, Math.min(phased.size(), Report.MAX_ROWS))) {
            b.append("| ").append(Report.md(m.id())).append(" | ").append(ms(m.counter("op.wall")))
                    .append(" |");
            PHASES.forEach(p -> b.append(' ').append(ms(m.counter("phase." + p)))
                    .append(" |"));
            b.append(' ').append(ms(m.counter("cpu.user"))).append(" | ")
                    .append(ms(m.counter("cpu.sys"))).append(" |\n");
        }
        b.append('\n');
        List<Attribution> attributions = attribute(r);
        if (attributions.isEmpty()) {
            return b.append("No generate comparison with phase metrics on both sides: no attribution.\n\n")
                    .toString();
        }
        b.append("Which phase each difference of generate comes from (treatment − baseline per op), with the same "
                + "comparison of place (faults and placement only) and refill (writing only):\n\n");
        for (Attribution a : attributions) {
            Comparison c = a.comparison();
            b.append("- ").append(Report.md(c.host() + " " + c.context())).append(": ")
                    .append(Report.md(a.statement())).append('.');
            Comparison place = variant(r, c, PLACE_ONLY);
            Comparison refill = variant(r, c, WRITE_ONLY);
            if (place != null || refill != null) {
                b.append(" Place alone: ").append(place == null ? "not run" : Report.ratio(place.ratio()))
                        .append("; refill alone: ").append(refill == null ? "not run" : Report.ratio(refill.ratio()))
                        .append('.');
            }
            b.append('\n');
        }
        return b.append('\n').toString();
    }

    /** Nanoseconds as milliseconds with two decimals, n/a for NaN. */
    private static String ms(double nanos) {
        return Double.isNaN(nanos) ? "n/a" : String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    /** A difference in nanoseconds as signed milliseconds, n/a for NaN. */
    private static String deltaMs(double nanos) {
        return Double.isNaN(nanos) ? "n/a" : String.format(Locale.ROOT, "%+.2f", nanos / 1e6);
    }
}
