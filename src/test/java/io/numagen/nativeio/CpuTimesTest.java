package io.numagen.nativeio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertTrue;

class CpuTimesTest {

    @Test
    void threadAndProcessTimesAreReadAndNeverGoBack() {
        CpuTimes thread = CpuTimes.thread().orThrow();
        CpuTimes process = CpuTimes.process().orThrow();
        long threadBefore = thread.userNanos() + thread.systemNanos();
        long sum = 0;
        for (int i = 0; i < 5_000_000; i++) {
            sum += i ^ (sum >>> 3);
        }
        assertTrue(thread.sample() && process.sample(), "sum " + sum);
        long threadAfter = thread.userNanos() + thread.systemNanos();
        assertTrue(threadAfter >= threadBefore, threadBefore + " -> " + threadAfter);
        assertTrue(process.userNanos() + process.systemNanos() >= threadAfter, "the process includes this thread");
    }
}
