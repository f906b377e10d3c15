package io.numagen.exec;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChunkRingTest {
    private static final int CHUNKS = 2000;

    /**
     * Workers write their share of each chunk into its slot, the consumer reads every chunk whole and in order: a
     * slot reused too early or a chunk handed over before every share is in would show as a wrong value.
     */
    @Test
    void everyChunkReachesTheConsumerWholeAndInOrder() {
        for (int workers : new int[] {1, 2, 3}) {
            for (int slots : new int[] {1, 2, 3}) {
                ChunkRing ring = new ChunkRing(slots, workers);
                long[][] slot = new long[slots][workers];
                List<Long> seen = new ArrayList<>();
                try (WorkerPool pool = new WorkerPool(workers, "ring-test")) {
                    pool.run(w -> {
                        for (long k = 0; k < CHUNKS && ring.awaitSlot(w, k); k++) {
                            if (k % 7 == w) {
                                Thread.yield(); // workers fall behind one another now and then
                            }
                            slot[ring.slotOf(k)][w] = k;
                            ring.finished(w, k);
                        }
                    }, () -> {
                        for (long k = 0; k < CHUNKS && ring.awaitComplete(k); k++) {
                            long[] expected = new long[workers];
                            java.util.Arrays.fill(expected, k);
                            assertArrayEquals(expected, slot[ring.slotOf(k)].clone(), "chunk " + k);
                            seen.add(k);
                            ring.release(k);
                        }
                    });
                }
                assertEquals(CHUNKS, seen.size(), workers + " workers, " + slots + " slots");
            }
        }
    }

    @Test
    void aCancelledRingReleasesAWaitingConsumerAndWaitingWorkers() throws Exception {
        ChunkRing ring = new ChunkRing(1, 2);
        AtomicBoolean consumerGot = new AtomicBoolean(true);
        Thread consumer = new Thread(() -> consumerGot.set(ring.awaitComplete(0)));
        consumer.start();
        ring.finished(0, 0); // worker 1 never finishes chunk 0
        boolean[] workerGot = {true};
        Thread worker = new Thread(() -> workerGot[0] = ring.awaitSlot(0, 1)); // slot busy with chunk 0
        worker.start();
        Thread.sleep(20);
        assertTrue(consumer.isAlive() && worker.isAlive(), "both wait while nothing moves");
        ring.cancel();
        consumer.join(5000);
        worker.join(5000);
        assertFalse(consumer.isAlive() || worker.isAlive(), "cancel wakes both");
        assertFalse(consumerGot.get());
        assertFalse(workerGot[0]);
    }

    @Test
    void aRingNeedsASlotAndAWorker() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new ChunkRing(0, 2));
        assertEquals("a chunk ring needs at least 1 slot and 1 worker, got 0 slots and 2 workers", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new ChunkRing(2, 0));
    }
}
