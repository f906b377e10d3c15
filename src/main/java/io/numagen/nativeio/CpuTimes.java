package io.numagen.nativeio;

import com.sun.jna.Memory;
import com.sun.jna.Native;

/**
 * User and kernel CPU time of the calling thread or of the whole process, from {@code getrusage}. One instance owns
 * its native result buffer and is reused: {@link #sample()} makes one direct-mapped call and allocates nothing, so it
 * can bracket phases of a hot operation. Not thread-safe: one instance per thread for {@link #thread()}.
 *
 * <p>The kernel keeps the exact total CPU time but splits it into user and system by tick sampling, so the split of a
 * span shorter than a few ticks (4 ms at HZ=250) is only right on average over many spans.
 */
public final class CpuTimes {
    private static final int RUSAGE_SELF = 0;
    private static final int RUSAGE_THREAD = 1;
    /** sizeof(struct rusage) on 64-bit Linux: two struct timeval then fourteen longs. */
    private static final int RUSAGE_BYTES = 144;

    private final int who;
    private final Memory usage = new Memory(RUSAGE_BYTES);
    private long userNanos;
    private long systemNanos;

    private CpuTimes(int who) {
        this.who = who;
    }

    /** The calling thread's CPU times (RUSAGE_THREAD), or why they cannot be read here. */
    public static NativeResult<CpuTimes> thread() {
        return open(RUSAGE_THREAD);
    }

    /** The whole process's CPU times (RUSAGE_SELF: every thread, live and ended), or why not. */
    public static NativeResult<CpuTimes> process() {
        return open(RUSAGE_SELF);
    }

    private static NativeResult<CpuTimes> open(int who) {
        if (Libc.UNAVAILABLE != null) {
            return NativeResult.unavailable(Libc.UNAVAILABLE);
        }
        CpuTimes times = new CpuTimes(who);
        if (!times.sample()) {
            return NativeResult.failed("getrusage", Native.getLastError());
        }
        return NativeResult.ok(times);
    }

    /**
     * Reads the current times into {@link #userNanos()} and {@link #systemNanos()}.
     *
     * @return false if the kernel refused (the previous values stay)
     */
    public boolean sample() {
        if (Libc.getrusage(who, usage) != 0) {
            return false;
        }
        userNanos = timevalNanos(0);
        systemNanos = timevalNanos(16);
        return true;
    }

    private long timevalNanos(long offset) {
        return usage.getLong(offset) * 1_000_000_000L + usage.getLong(offset + 8) * 1_000L;
    }

    /** User-mode CPU time at the last {@link #sample()}, in nanoseconds (microsecond resolution). */
    public long userNanos() {
        return userNanos;
    }

    /** Kernel-mode CPU time at the last {@link #sample()}: system calls and page faults, in nanoseconds. */
    public long systemNanos() {
        return systemNanos;
    }
}
