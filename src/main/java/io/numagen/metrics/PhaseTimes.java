package io.numagen.metrics;

import io.numagen.nativeio.CpuTimes;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Process-wide totals of where operations spend their time, per {@link Phase}: wall time and the user/kernel CPU time
 * of the threads that ran each span, summed over threads. Code on the memory and generator paths brackets a phase
 * with
 * <pre>{@code PhaseClock clock = PhaseTimes.begin(); ...; clock.end(Phase.WRITE);}</pre>
 * which costs one volatile read while recording is off (the default) and, while on, two clock readings, two
 * getrusage calls and a few atomic adds, with no allocation. A reader (the benchmark profiler) turns recording on and
 * takes {@link #snapshot()}s around the interval it wants; totals only grow.
 */
public final class PhaseTimes {
    static final int WALL = 0;
    static final int USER = 1;
    static final int SYSTEM = 2;
    static final int SPANS = 3;
    static final int CPU_SPANS = 4;
    static final int FIELDS = 5;

    private static final AtomicLongArray TOTALS = new AtomicLongArray(Phase.count() * FIELDS);
    /** Null when every thread's CPU time can be read; otherwise why not (spans then carry wall time only). */
    private static final String CPU_UNAVAILABLE = CpuTimes.thread().failure();
    private static final ThreadLocal<PhaseClock> CLOCKS = ThreadLocal.withInitial(
            () -> new PhaseClock(CPU_UNAVAILABLE == null ? CpuTimes.thread().orElse(null) : null));
    private static volatile boolean recording;

    private PhaseTimes() {
    }

    /** Turns recording on or off for every thread; spans begun while off are not recorded. */
    public static void record(boolean on) {
        recording = on;
    }

    public static boolean recording() {
        return recording;
    }

    /** Begins a span on the calling thread: its clock, marked now if recording is on. */
    public static PhaseClock begin() {
        if (!recording) {
            return PhaseClock.IDLE;
        }
        PhaseClock clock = CLOCKS.get();
        clock.mark();
        return clock;
    }

    /** The totals so far (with why CPU times are missing, if they are). */
    public static PhaseTotals snapshot() {
        long[] values = new long[TOTALS.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = TOTALS.get(i);
        }
        return new PhaseTotals(values, CPU_UNAVAILABLE);
    }

    /** Why thread CPU times are not recorded here, or null when they are. */
    public static String cpuUnavailableReason() {
        return CPU_UNAVAILABLE;
    }

    static void add(Phase phase, long wall, long user, long system) {
        int at = phase.ordinal() * FIELDS;
        TOTALS.getAndAdd(at + WALL, wall);
        TOTALS.getAndAdd(at + USER, user);
        TOTALS.getAndAdd(at + SYSTEM, system);
        TOTALS.getAndIncrement(at + SPANS);
        TOTALS.getAndIncrement(at + CPU_SPANS);
    }

    static void addWallOnly(Phase phase, long wall) {
        int at = phase.ordinal() * FIELDS;
        TOTALS.getAndAdd(at + WALL, wall);
        TOTALS.getAndIncrement(at + SPANS);
    }
}
