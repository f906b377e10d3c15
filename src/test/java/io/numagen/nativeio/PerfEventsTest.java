package io.numagen.nativeio;

import io.numagen.metrics.PerfCount;
import io.numagen.metrics.PerfEventDef;
import io.numagen.metrics.PerfSnapshot;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerfEventsTest {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    @Test
    void softwareEventsCountRealWorkAndHardwareEventsAreNeverAFakeZero() throws Exception {
        assertNull(PerfEvents.unavailableReason(), "perf_event_open should be callable on Linux x86-64/aarch64");
        try (PerfEvents perf = PerfEvents.openForProcess(PerfEventDef.defaults())) {
            PerfSnapshot before = perf.snapshot();
            burnAndTouch(); // on this thread: no scheduling dependence
            Map<String, PerfCount> counts = perf.snapshot().since(before);

            assertTrue(counts.get("task-clock").available());
            assertTrue(counts.get("task-clock").value() > 10_000_000, "task-clock ns: " + counts.get("task-clock"));
            assertTrue(counts.get("page-faults").value() > 1000, "page-faults: " + counts.get("page-faults"));
            for (String hw : PerfEventDef.HARDWARE_DEFAULTS) {
                PerfCount c = counts.get(hw);
                assertNotNull(c, hw);
                if (!c.available()) {
                    assertTrue(Double.isNaN(c.value()), hw + " unavailable must carry no number");
                    assertTrue(c.unavailableReason().contains("failed: "), c.unavailableReason());
                } else {
                    assertTrue(c.value() > 0, hw + " counted but zero after work: " + c);
                }
            }
        }
    }

    @Test
    void countsThreadsThatExistedWhenOpened() throws Exception {
        CountDownLatch go = new CountDownLatch(1);
        long[] cpu = new long[1];
        Thread worker = new Thread(() -> {
            try {
                go.await();
            } catch (InterruptedException e) {
                return;
            }
            long start = THREADS.getCurrentThreadCpuTime();
            spin(300_000_000L);
            cpu[0] = THREADS.getCurrentThreadCpuTime() - start;
        }, "perf-test-worker");
        worker.start();
        try (PerfEvents perf = PerfEvents.openForProcess(List.of(PerfEventDef.byName("task-clock")))) {
            assertTrue(perf.threadCount() >= 2, "threads: " + perf.threadCount());
            PerfSnapshot before = perf.snapshot();
            go.countDown();
            worker.join();
            double taskClock = perf.snapshot().since(before).get("task-clock").value();
            // The worker's CPU time is counted although this thread only waited (compare CPU time, not wall time:
            // the machine is shared).
            assertTrue(taskClock >= 0.9 * cpu[0], "task-clock " + taskClock + " ns vs worker CPU " + cpu[0] + " ns");
        }
    }

    @Test
    void countsThreadsStartedAfterOpeningThroughInherit() throws Exception {
        try (PerfEvents perf = PerfEvents.openForProcess(List.of(PerfEventDef.byName("task-clock")))) {
            PerfSnapshot before = perf.snapshot();
            long[] cpu = new long[2];
            CountDownLatch spun = new CountDownLatch(2);
            CountDownLatch release = new CountDownLatch(1);
            // A child and a grandchild (a thread started by a thread started after the open).
            Thread child = new Thread(() -> {
                Thread grandchild = new Thread(() -> work(cpu, 1, spun, release));
                grandchild.start();
                work(cpu, 0, spun, release);
                try {
                    grandchild.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            child.start();
            assertTrue(spun.await(60, TimeUnit.SECONDS));
            // Both threads are alive (blocked): read() of an inherited counter sums live children too.
            double whileAlive = perf.snapshot().since(before).get("task-clock").value();
            assertTrue(whileAlive >= 0.9 * (cpu[0] + cpu[1]), "alive children: " + whileAlive + " ns vs their CPU "
                    + (cpu[0] + cpu[1]) + " ns");
            release.countDown();
            child.join();
            double afterExit = perf.snapshot().since(before).get("task-clock").value();
            assertTrue(afterExit >= whileAlive, afterExit + " >= " + whileAlive);
        }
    }

    private static void work(long[] cpu, int slot, CountDownLatch spun, CountDownLatch release) {
        long start = THREADS.getCurrentThreadCpuTime();
        spin(200_000_000L);
        cpu[slot] = THREADS.getCurrentThreadCpuTime() - start;
        spun.countDown();
        try {
            release.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void unknownEventNamesAreRejected() {
        try {
            PerfEventDef.byName("bogus");
        } catch (IllegalArgumentException e) {
            assertTrue(e.getMessage().contains("known: "));
            return;
        }
        throw new AssertionError("expected IllegalArgumentException");
    }

    /** Issue 12 item 4: under perf_event_paranoid 2 the scheduler events are unavailable, never a user-only ~0. */
    @Test
    void schedulerEventsAreNeverCountedUserOnly() {
        assertTrue(PerfEventDef.byName("context-switches").kernelContextOnly());
        assertTrue(PerfEventDef.byName("cpu-migrations").kernelContextOnly());
        assertFalse(PerfEventDef.byName("page-faults").kernelContextOnly());
        assertFalse(PerfEventDef.byName("task-clock").kernelContextOnly());
        assertTrue(PerfEvents.hint(PerfEventDef.byName("context-switches"), 13).contains("would report ~0"));
        assertTrue(PerfEvents.hint(PerfEventDef.byName("page-faults"), 13).contains("perf_event_paranoid"));
    }

    @Test
    void gettidIsAThreadOfThisProcess() {
        assertTrue(PerfEvents.threadIds().contains(PerfEvents.gettid()));
        assertEquals(PerfEvents.gettid(), PerfEvents.gettid());
    }

    private static void burnAndTouch() {
        long x = spin(100_000_000L);
        byte[][] keep = new byte[64][];
        for (int i = 0; i < keep.length; i++) {
            keep[i] = new byte[1 << 20];
            for (int j = 0; j < keep[i].length; j += 4096) {
                keep[i][j] = (byte) (x + j);
            }
        }
        if (keep[3][4096] == 17 && x == 3) {
            System.out.println("unlikely");
        }
    }

    static long spin(long n) {
        long x = 1;
        for (long i = 0; i < n; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
        }
        return x;
    }
}
