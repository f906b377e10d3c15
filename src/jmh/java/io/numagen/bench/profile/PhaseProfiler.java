package io.numagen.bench.profile;

import io.numagen.generator.ByteSize;
import io.numagen.metrics.Phase;
import io.numagen.metrics.PhaseClock;
import io.numagen.metrics.PhaseTimes;
import io.numagen.metrics.PhaseTotals;
import io.numagen.metrics.VmStat;
import io.numagen.nativeio.CpuTimes;
import io.numagen.nativeio.NativeResult;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.TextResult;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where each operation's time goes, per iteration, as secondary metrics (all per op, from {@link PhaseTimes}):
 *
 * <ul>
 *   <li>{@code phase.<map|bind|touch|write|unmap>}: ns/op spent in that phase, summed over the threads that ran it
 *       (with T workers writing in parallel the op's wall time holds about a T-th of it); 0 = the phase did not
 *       run; {@code .perByte} the same over the op's {@code size} param (ns/B); {@code .user} and {@code .sys}
 *       its threads' user and kernel CPU time (ns/op; kernel time is mostly page faults and mbind).</li>
 *   <li>{@code cpu.user}, {@code cpu.sys}: the sums over the phases; {@code process.cpu.user}, {@code process.cpu.sys}:
 *       the whole JVM's (getrusage RUSAGE_SELF: JIT, GC and JMH threads too).</li>
 *   <li>{@code op.wall}: ns/op from the primary score; {@code phase.overhead}: recording's own cost (spans per op
 *       times the CPU time of one span measured on this JVM at the first iteration, ns/op) and
 *       {@code phase.overhead.share} that over {@code op.wall} in % (an upper bound: spans of parallel workers
 *       overlap).</li>
 *   <li>{@code vmstat.<thp_fault_*|numa_*>}: /proc/vmstat deltas per op. <b>Machine-wide</b>: every process's
 *       faults count.</li>
 * </ul>
 * CPU metrics are absent (not 0) where getrusage is unavailable; vmstat ones where /proc/vmstat is unreadable.
 * Recording starts at the fork's first iteration: work done in a trial set-up before it is not counted, and with
 * {@code -wi 0} the set-up's spans count towards the first measured iteration.
 * Options: {@code proc=} procfs root for vmstat (default /proc).
 */
public final class PhaseProfiler implements InternalProfiler {
    private static final Map<String, String> OPTIONS = Map.of("proc", "procfs root holding vmstat (default /proc)");
    /** Spans timed to price one: enough to average out a clock tick, a few ms in all. */
    private static final int CALIBRATION_SPANS = 20_000;

    private final Path proc;
    private final CpuTimes process;
    private final String processUnavailable;
    private double spanCostNanos = Double.NaN;
    private PhaseTotals before;
    private long processUserBefore;
    private long processSystemBefore;
    private VmStat vmBefore;
    private String vmUnavailable;
    private boolean noteGiven;

    /** For ServiceLoader discovery (-lprof); never throws. */
    public PhaseProfiler() {
        this(Paths.get("/proc"));
    }

    public PhaseProfiler(String initLine) throws ProfilerException {
        this(Paths.get(ProfilerOptions.parse(PhaseProfiler.class, initLine, OPTIONS).get("proc", "/proc")));
    }

    private PhaseProfiler(Path proc) {
        this.proc = proc;
        NativeResult<CpuTimes> p = CpuTimes.process();
        this.process = p.orElse(null);
        this.processUnavailable = p.failure();
    }

    @Override
    public String getDescription() {
        return "per-op phase times (map, bind, touch, write, unmap), user/kernel CPU and vmstat fault counters";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (Double.isNaN(spanCostNanos)) {
            spanCostNanos = calibrate();
        }
        PhaseTimes.record(true);
        vmBefore = readVmStat();
        if (process != null && process.sample()) {
            processUserBefore = process.userNanos();
            processSystemBefore = process.systemNanos();
        }
        before = PhaseTimes.snapshot();
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        PhaseTotals phases = PhaseTimes.snapshot().since(before);
        boolean processSampled = process != null && process.sample();
        VmStat vm = readVmStat();
        long ops = result.getMetadata().getMeasuredOps();
        List<Result<?>> out = new ArrayList<>();
        if (ops <= 0) {
            return out;
        }
        double bytes = opBytes(benchmarkParams);
        double cpuUser = 0;
        double cpuSystem = 0;
        boolean allCpu = true;
        for (Phase p : Phase.values()) {
            double wall = (double) phases.wallNanos(p) / ops;
            add(out, "phase." + p.label(), wall, "ns/op");
            if (!Double.isNaN(bytes)) {
                add(out, "phase." + p.label() + ".perByte", wall / bytes, "ns/B");
            }
            if (phases.hasCpu(p)) {
                add(out, "phase." + p.label() + ".user", (double) phases.userNanos(p) / ops, "ns/op");
                add(out, "phase." + p.label() + ".sys", (double) phases.systemNanos(p) / ops, "ns/op");
                cpuUser += phases.userNanos(p);
                cpuSystem += phases.systemNanos(p);
            } else {
                allCpu = false;
            }
        }
        if (allCpu) {
            add(out, "cpu.user", cpuUser / ops, "ns/op");
            add(out, "cpu.sys", cpuSystem / ops, "ns/op");
        }
        if (processSampled) {
            add(out, "process.cpu.user", (double) (process.userNanos() - processUserBefore) / ops, "ns/op");
            add(out, "process.cpu.sys", (double) (process.systemNanos() - processSystemBefore) / ops, "ns/op");
        }
        double overhead = spanCostNanos * phases.spans() / ops;
        add(out, "phase.overhead", overhead, "ns/op");
        double opNanos = opNanos(benchmarkParams, result);
        if (!Double.isNaN(opNanos)) {
            add(out, "op.wall", opNanos, "ns/op");
            add(out, "phase.overhead.share", 100 * overhead / opNanos, "%");
        }
        if (vm != null && vmBefore != null) {
            vm.since(vmBefore).forEach((name, delta) -> add(out, "vmstat." + name, (double) delta / ops, "/op"));
        }
        if (iterationParams.getType() == IterationType.MEASUREMENT && !noteGiven) {
            noteGiven = true;
            out.add(new TextResult(note(phases), "note.phases"));
        }
        return out;
    }

    private static void add(List<Result<?>> out, String name, double value, String unit) {
        out.add(new SparseScalarResult(name, value, unit));
    }

    /** The op's bytes from a {@code size} param, NaN without one. */
    private static double opBytes(BenchmarkParams params) {
        if (!params.getParamsKeys().contains("size")) {
            return Double.NaN;
        }
        return ByteSize.parse(params.getParam("size"));
    }

    /** Nanoseconds per op from the primary score (throughput or time per op), NaN for other modes. */
    private static double opNanos(BenchmarkParams params, IterationResult result) {
        double score = result.getPrimaryResult().getScore();
        double unitNanos = params.getTimeUnit().toNanos(1);
        switch (params.getMode()) {
            case Throughput:
                return score > 0 ? unitNanos / score : Double.NaN;
            case AverageTime:
                return score * unitNanos;
            default:
                return Double.NaN;
        }
    }

    /**
     * Nanoseconds one begin/end span costs on this thread with recording on: its CPU time (so a loaded machine does
     * not inflate it), or its wall time where thread CPU time cannot be read. An upper bound while the code is cold.
     */
    private static double calibrate() {
        PhaseTimes.record(true);
        CpuTimes cpu = CpuTimes.thread().orElse(null);
        long start = cpuOrWallNanos(cpu);
        for (int i = 0; i < CALIBRATION_SPANS; i++) {
            PhaseClock clock = PhaseTimes.begin();
            clock.end(Phase.MAP);
        }
        return (double) (cpuOrWallNanos(cpu) - start) / CALIBRATION_SPANS;
    }

    private static long cpuOrWallNanos(CpuTimes cpu) {
        return cpu != null && cpu.sample() ? cpu.userNanos() + cpu.systemNanos() : System.nanoTime();
    }

    private VmStat readVmStat() {
        try {
            return VmStat.read(proc);
        } catch (IOException | RuntimeException e) {
            vmUnavailable = "cannot read " + proc.resolve("vmstat") + ": " + e.getMessage();
            return null;
        }
    }

    private String note(PhaseTotals phases) {
        StringBuilder b = new StringBuilder("phase.* are ns/op summed over the threads of each phase; one recorded "
                + "span costs " + String.format(java.util.Locale.ROOT, "%.0f", spanCostNanos) + " ns of CPU here");
        if (phases.cpuUnavailableReason() != null) {
            b.append("; per-phase CPU times absent: ").append(phases.cpuUnavailableReason());
        }
        if (processUnavailable != null) {
            b.append("; process CPU times absent: ").append(processUnavailable);
        }
        if (vmUnavailable != null) {
            b.append("; vmstat.* absent: ").append(vmUnavailable);
        }
        return b.append("; vmstat.* are machine-wide (all processes)").toString();
    }
}
