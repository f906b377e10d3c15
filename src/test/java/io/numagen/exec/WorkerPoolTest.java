package io.numagen.exec;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WorkerPoolTest {
    @Test
    void theCallerWorksWhileTheWorkersRun() {
        CountDownLatch callerRan = new CountDownLatch(1);
        boolean[] workersWaited = new boolean[2];
        try (WorkerPool pool = new WorkerPool(2, "meanwhile-test")) {
            // Each worker waits for the caller's signal: run(job, meanwhile) would hang if the caller waited first.
            pool.run(w -> workersWaited[w] = callerRan.await(5, TimeUnit.SECONDS),
                    callerRan::countDown);
        }
        assertArrayEquals(new boolean[] {true, true}, workersWaited);
    }

    @Test
    void theCallersFailureIsThrownAfterTheWorkersStopWithTheirsSuppressed() {
        IOException callers = new IOException("sink failed");
        IllegalStateException workers = new IllegalStateException("worker failed");
        try (WorkerPool pool = new WorkerPool(1, "meanwhile-test")) {
            IOException thrown = assertThrows(IOException.class, () -> pool.run(w -> {
                throw workers;
            }, () -> {
                throw callers;
            }));
            assertSame(callers, thrown);
            assertSame(workers, thrown.getSuppressed()[0]);
            pool.run(w -> { }); // the pool takes jobs again
        }
    }
}
