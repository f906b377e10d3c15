package io.numagen.metrics;

import io.numagen.nativeio.CpuTimes;

/**
 * One thread's stopwatch for {@link PhaseTimes}: {@link PhaseTimes#begin()} marks the wall clock and the thread's
 * user/kernel CPU times, {@link #end(Phase)} adds the differences to that phase. Reused for every span of its thread,
 * so recording allocates nothing. Spans of one thread must not nest (a begin re-marks the same clock).
 */
public final class PhaseClock {
    /** Handed out while recording is off: never marked, so {@link #end} does nothing. */
    static final PhaseClock IDLE = new PhaseClock(null);

    /** Null where thread CPU times cannot be read: spans then carry wall time only. */
    private final CpuTimes cpu;
    private boolean marked;
    private boolean cpuMarked;
    private long wallMark;
    private long userMark;
    private long systemMark;

    PhaseClock(CpuTimes cpu) {
        this.cpu = cpu;
    }

    void mark() {
        cpuMarked = cpu != null && cpu.sample();
        if (cpuMarked) {
            userMark = cpu.userNanos();
            systemMark = cpu.systemNanos();
        }
        marked = true;
        wallMark = System.nanoTime();
    }

    /** Ends the span begun by {@link PhaseTimes#begin()} and adds it to {@code phase}; no-op when not recording. */
    public void end(Phase phase) {
        if (!marked) {
            return;
        }
        long wall = System.nanoTime() - wallMark;
        marked = false;
        if (cpuMarked && cpu.sample()) {
            PhaseTimes.add(phase, wall, cpu.userNanos() - userMark, cpu.systemNanos() - systemMark);
        } else {
            PhaseTimes.addWallOnly(phase, wall);
        }
    }
}
