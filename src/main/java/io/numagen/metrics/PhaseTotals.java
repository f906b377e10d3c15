package io.numagen.metrics;

import java.util.Arrays;

/**
 * A snapshot of {@link PhaseTimes}, or the difference of two. Times are nanoseconds summed over the threads that ran
 * each span, so with T workers in parallel a phase's wall time per operation is about its total over T.
 */
public final class PhaseTotals {
    private final long[] values;
    private final String cpuUnavailable;

    PhaseTotals(long[] values, String cpuUnavailable) {
        this.values = values;
        this.cpuUnavailable = cpuUnavailable;
    }

    /** What happened between {@code earlier} and this snapshot. */
    public PhaseTotals since(PhaseTotals earlier) {
        long[] d = Arrays.copyOf(values, values.length);
        for (int i = 0; i < d.length; i++) {
            d[i] -= earlier.values[i];
        }
        return new PhaseTotals(d, cpuUnavailable);
    }

    private long get(Phase phase, int field) {
        return values[phase.ordinal() * PhaseTimes.FIELDS + field];
    }

    public long wallNanos(Phase phase) {
        return get(phase, PhaseTimes.WALL);
    }

    /** How many spans of {@code phase} were recorded. */
    public long spans(Phase phase) {
        return get(phase, PhaseTimes.SPANS);
    }

    /** All spans of all phases: what recording cost is proportional to. */
    public long spans() {
        long n = 0;
        for (Phase p : Phase.values()) {
            n += spans(p);
        }
        return n;
    }

    /**
     * True when every span of {@code phase} carried CPU times, so {@link #userNanos} and {@link #systemNanos} are its
     * whole CPU time (not a part of it that would read as a smaller number).
     */
    public boolean hasCpu(Phase phase) {
        return cpuUnavailable == null && get(phase, PhaseTimes.CPU_SPANS) == spans(phase);
    }

    public long userNanos(Phase phase) {
        return get(phase, PhaseTimes.USER);
    }

    public long systemNanos(Phase phase) {
        return get(phase, PhaseTimes.SYSTEM);
    }

    /** Why CPU times are missing on this machine, or null. */
    public String cpuUnavailableReason() {
        return cpuUnavailable;
    }
}
