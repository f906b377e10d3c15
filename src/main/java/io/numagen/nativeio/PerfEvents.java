package io.numagen.nativeio;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import io.numagen.metrics.PerfEventDef;
import io.numagen.metrics.PerfSample;
import io.numagen.metrics.PerfSnapshot;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Counting perf events for this whole process through {@code perf_event_open(2)}, without perf(1).
 *
 * <p>A perf fd opened with {@code pid = tid} counts exactly one thread, and {@code inherit} only follows threads
 * created <em>after</em> the open. So {@link #openForProcess} opens one counter per event and per thread listed in
 * {@code /proc/self/task}, each with {@code inherit = 1}: every thread alive at the open is counted on its own fd, and
 * every thread started later by any of them (the JMH worker threads, a benchmark's worker pool, and their children)
 * is counted on its creator's fd, because {@code read()} of an inherited counter sums the live and exited children.
 * Nothing is counted twice since no further fds are opened. Counts of a thread that has exited stay readable. The
 * only threads missed are ones started between listing {@code /proc/self/task} and the open (a race of microseconds
 * at open time).
 *
 * <p>Each fd is read with PERF_FORMAT_TOTAL_TIME_ENABLED | _RUNNING so a multiplexed count can be scaled
 * ({@link PerfSnapshot#since}). An event the kernel refuses (e.g. hardware events in a VM without a virtual PMU:
 * ENOENT) is recorded as unavailable with the errno text, never as a zero count.
 */
public final class PerfEvents implements AutoCloseable {

    private static final int ATTR_SIZE = 64; // PERF_ATTR_SIZE_VER0: every kernel accepts it
    private static final long FLAG_INHERIT = 1L << 1;
    private static final long FLAG_EXCLUDE_KERNEL = 1L << 5;
    private static final long FLAG_EXCLUDE_HV = 1L << 6;
    private static final long READ_FORMAT_TIMES = 1 | 2; // TOTAL_TIME_ENABLED | TOTAL_TIME_RUNNING
    private static final long PERF_FLAG_FD_CLOEXEC = 8;
    private static final int EACCES = 13;
    private static final int EPERM = 1;

    private static final long SYS_PERF_EVENT_OPEN = syscallNumber();
    private static final String UNAVAILABLE = loadFailure();

    private final List<PerfEventDef> events;
    private final Map<String, String> unavailable = new LinkedHashMap<>();
    private final Map<String, Boolean> excludeKernel = new LinkedHashMap<>();
    /** event name to thread id to fd. */
    private final Map<String, Map<Integer, Integer>> fds = new LinkedHashMap<>();
    private final Memory readBuffer = new Memory(24);
    private boolean closed;

    private PerfEvents(List<PerfEventDef> events) {
        this.events = List.copyOf(events);
        for (PerfEventDef e : events) {
            fds.put(e.name(), new TreeMap<>());
        }
    }

    /** Null when perf_event_open can be called here; otherwise why not. */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    /**
     * Opens every event on every thread of this process. Events the kernel refuses are kept as unavailable (with
     * errno's text); this never fails for one event.
     *
     * @throws NativeException if perf_event_open cannot be called at all on this platform
     */
    public static PerfEvents openForProcess(List<PerfEventDef> events) {
        if (UNAVAILABLE != null) {
            throw new NativeException("perf_event_open unavailable: " + UNAVAILABLE);
        }
        PerfEvents p = new PerfEvents(events);
        p.probe();
        p.openOtherThreads();
        return p;
    }

    /** The events given, in order. */
    public List<PerfEventDef> events() {
        return events;
    }

    /** Events the kernel refused, with the reason. */
    public Map<String, String> unavailable() {
        return new LinkedHashMap<>(unavailable);
    }

    private void openOtherThreads() {
        for (int tid : threadIds()) {
            for (PerfEventDef e : events) {
                if (unavailable.containsKey(e.name()) || fds.get(e.name()).containsKey(tid)) {
                    continue;
                }
                int fd = open(e, tid, excludeKernel.getOrDefault(e.name(), false));
                if (fd >= 0) {
                    fds.get(e.name()).put(tid, fd);
                }
                // fd < 0: the thread exited between listing and opening (ESRCH); nothing to count.
            }
        }
    }

    /** Number of threads opened directly (threads they start later are counted through inherit). */
    public synchronized int threadCount() {
        TreeSet<Integer> tids = new TreeSet<>();
        fds.values().forEach(m -> tids.addAll(m.keySet()));
        return tids.size();
    }

    /** Reads every counter now. */
    public synchronized PerfSnapshot snapshot() {
        checkOpen();
        Map<String, Map<Integer, PerfSample>> samples = new LinkedHashMap<>();
        fds.forEach((event, byThread) -> {
            if (unavailable.containsKey(event)) {
                return;
            }
            Map<Integer, PerfSample> s = new TreeMap<>();
            byThread.forEach((tid, fd) -> {
                long n = Libc.read(fd, readBuffer, 24);
                if (n == 24) {
                    s.put(tid, new PerfSample(readBuffer.getLong(0), readBuffer.getLong(8), readBuffer.getLong(16)));
                }
            });
            samples.put(event, s);
        });
        return new PerfSnapshot(samples, unavailable);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        fds.values().forEach(m -> m.values().forEach(Libc::close));
        fds.clear();
    }

    /** Opens each event once on the calling thread to learn which events this kernel/PMU supports. */
    private void probe() {
        int self = gettid();
        for (PerfEventDef e : events) {
            int fd = open(e, self, false);
            if (fd < 0) {
                int errno = Native.getLastError();
                if ((errno == EACCES || errno == EPERM) && !e.kernelContextOnly()) {
                    // perf_event_paranoid >= 2 without CAP_PERFMON: user-space-only counting may still be allowed
                    // (not for events that occur only in the kernel: those would read ~0, which is not a count).
                    fd = open(e, self, true);
                    if (fd >= 0) {
                        excludeKernel.put(e.name(), true);
                    } else {
                        errno = Native.getLastError();
                    }
                }
                if (fd < 0) {
                    unavailable.put(e.name(), "perf_event_open(" + e.name() + ") failed: " + Errno.describe(errno)
                            + hint(e, errno));
                    continue;
                }
            }
            fds.get(e.name()).put(self, fd);
        }
    }

    static String hint(PerfEventDef e, int errno) {
        if (e.hardware() && (errno == 2 || errno == 95 || errno == 19)) {
            return " (no hardware PMU counter for this event: typical in VMs)";
        }
        if ((errno == EACCES || errno == EPERM) && e.kernelContextOnly()) {
            return " (counted only in kernel context, which /proc/sys/kernel/perf_event_paranoid >= 2 excludes "
                    + "without CAP_PERFMON or root; user-space-only counting would report ~0)";
        }
        if (errno == EACCES || errno == EPERM) {
            return " (see /proc/sys/kernel/perf_event_paranoid; needs CAP_PERFMON or root)";
        }
        return "";
    }

    private static int open(PerfEventDef e, int tid, boolean userOnly) {
        Memory attr = new Memory(ATTR_SIZE);
        attr.clear();
        attr.setInt(0, e.type());
        attr.setInt(4, ATTR_SIZE);
        attr.setLong(8, e.config());
        attr.setLong(32, READ_FORMAT_TIMES);
        attr.setLong(40, FLAG_INHERIT | FLAG_EXCLUDE_HV | (userOnly ? FLAG_EXCLUDE_KERNEL : 0));
        long fd = Libc.syscall(SYS_PERF_EVENT_OPEN, attr, tid, -1, -1, PERF_FLAG_FD_CLOEXEC);
        return fd < 0 ? -1 : (int) fd;
    }

    /** This thread's kernel id (gettid(2)), via /proc/thread-self to avoid another syscall number table. */
    public static int gettid() {
        try {
            return Integer.parseInt(Files.readSymbolicLink(Paths.get("/proc/thread-self")).getFileName().toString());
        } catch (IOException | RuntimeException e) {
            throw new NativeException("cannot resolve /proc/thread-self: " + e);
        }
    }

    /** The ids of this process's threads now. */
    public static List<Integer> threadIds() {
        List<Integer> tids = new ArrayList<>();
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(Paths.get("/proc/self/task"))) {
            for (Path p : dir) {
                try {
                    tids.add(Integer.parseInt(p.getFileName().toString()));
                } catch (NumberFormatException ignored) {
                    // not a thread entry
                }
            }
        } catch (IOException e) {
            throw new NativeException("cannot list /proc/self/task: " + e);
        }
        tids.sort(null);
        return tids;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("perf counters are closed");
        }
    }

    private static long syscallNumber() {
        if (Platform.isLinux() && Platform.isIntel() && Platform.is64Bit()) {
            return 298;
        }
        if (Platform.isLinux() && Platform.isARM() && Platform.is64Bit()) {
            return 241;
        }
        return -1;
    }

    private static String loadFailure() {
        if (!Platform.isLinux()) {
            return "not Linux (" + System.getProperty("os.name") + ")";
        }
        if (SYS_PERF_EVENT_OPEN < 0) {
            return "no perf_event_open syscall number known for " + System.getProperty("os.arch");
        }
        if (!Files.isDirectory(Paths.get("/proc/self/task"))) {
            return "/proc/self/task not readable";
        }
        try {
            Libc.ensureLoaded();
            return null;
        } catch (Throwable t) {
            return "libc not loadable through JNA: " + t;
        }
    }

    /** Direct-mapped libc functions. syscall(2) is variadic in C; its integer arguments pass the same way. */
    static final class Libc {
        static {
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        private Libc() {
        }

        static void ensureLoaded() {
            // Class initialisation registers the natives.
        }

        static native long syscall(long number, Pointer attr, int pid, int cpu, int groupFd, long flags);

        static native long read(int fd, Pointer buf, long count);

        static native int close(int fd);
    }
}
