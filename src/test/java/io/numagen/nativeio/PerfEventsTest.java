package io.numagen.nativeio;

import io.numagen.metrics.PerfCount;
import io.numagen.metrics.PerfEventDef;
import io.numagen.metrics.PerfSnapshot;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerfEventsTest {

    @Test
    void softwareEventsCountRealWorkAndHardwareEventsAreNeverAFakeZero() throws Exception {
        assertNull(PerfEvents.unavailableReason(), "perf_event_open should be callable on Linux x86-64/aarch64");
        try (PerfEvents perf = PerfEvents.openForProcess(PerfEventDef.defaults())) {
            PerfSnapshot before = perf.snapshot();
            burnAndTouch();
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
        AtomicLong sink = new AtomicLong();
        Object gate = new Object();
        boolean[] go = {false};
        Thread worker = new Thread(() -> {
            synchronized (gate) {
                while (!go[0]) {
                    try {
                        gate.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
            sink.addAndGet(spin(300_000_000L));
        }, "perf-test-worker");
        worker.start();
        try (PerfEvents perf = PerfEvents.openForProcess(java.util.List.of(PerfEventDef.byName("task-clock")))) {
            int threads = perf.threadCount();
            assertTrue(threads >= 2, "threads: " + threads);
            PerfSnapshot before = perf.snapshot();
            long mine = System.nanoTime();
            synchronized (gate) {
                go[0] = true;
                gate.notifyAll();
            }
            worker.join();
            mine = System.nanoTime() - mine;
            double taskClock = perf.snapshot().since(before).get("task-clock").value();
            // The worker's CPU time is counted although the main thread mostly waited.
            assertTrue(taskClock > 0.5 * mine, "task-clock " + taskClock + " ns vs wall " + mine + " ns");
        }
        assertFalse(sink.get() == 42);
    }

    @Test
    void countsThreadsStartedAfterOpeningThroughInherit() throws Exception {
        try (PerfEvents perf = PerfEvents.openForProcess(java.util.List.of(PerfEventDef.byName("task-clock")))) {
            PerfSnapshot before = perf.snapshot();
            long[] out = new long[2];
            // A grandchild too: a thread started by a thread started after the open.
            Thread child = new Thread(() -> {
                Thread grandchild = new Thread(() -> out[1] = spin(200_000_000L));
                grandchild.start();
                out[0] = spin(200_000_000L);
                try {
                    grandchild.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            long cpuBefore = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            child.start();
            // Measure while the threads are alive as well as after they exited.
            Thread.sleep(50);
            double whileAlive = perf.snapshot().since(before).get("task-clock").value();
            child.join();
            double afterExit = perf.snapshot().since(before).get("task-clock").value();
            long mainCpu = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuBefore;
            assertTrue(whileAlive > mainCpu + 10_000_000, "alive children counted: " + whileAlive + " main " + mainCpu);
            assertTrue(afterExit > whileAlive, afterExit + " > " + whileAlive);
            assertTrue(afterExit - mainCpu > 100_000_000, "two spinning threads: " + afterExit + " ns, main " + mainCpu);
            assertFalse(out[0] == 42 && out[1] == 42);
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
