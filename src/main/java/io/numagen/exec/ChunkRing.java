package io.numagen.exec;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;

/**
 * The hand-off between workers that fill a ring of chunk buffers, each its own share of every chunk, and the one thread
 * that consumes the chunks in order. A worker moves on to its share of the next chunk as soon as its slot is free,
 * without waiting for the other workers or for the consumer, so a chunk costs no job post and no wake-up of the
 * workers; the consumer is woken once per chunk, by the worker that completes it, and only when it sleeps.
 *
 * <p>Chunk {@code k} lives in slot {@code k % slots}: a worker may start it once the consumer has released chunk
 * {@code k - slots}, and it is complete once every worker has finished its share. Workers finish their chunks in
 * order, so chunks complete in order.
 *
 * <p>Waiting polls with {@code Thread.yield} for a short while, then parks: the same trade as {@link WorkerPool}'s.
 */
public final class ChunkRing {
    /** Longs between two workers' counters: each on its own cache line (128 bytes, adjacent-line prefetch). */
    private static final int STRIDE = 16;
    private static final long POLL_NANOS = 50_000;

    private final int slots;
    private final int workers;
    /** Chunks finished by each worker, at index {@code worker * STRIDE}. */
    private final AtomicLongArray finished;
    /** Workers parked waiting for a slot, by index; null when not waiting. */
    private final AtomicReferenceArray<Thread> parkedWorkers;
    private volatile long released;
    private volatile Thread parkedConsumer;
    private volatile boolean cancelled;

    /**
     * @throws IllegalArgumentException if slots or workers is below 1
     */
    public ChunkRing(int slots, int workers) {
        if (slots < 1 || workers < 1) {
            throw new IllegalArgumentException("a chunk ring needs at least 1 slot and 1 worker, got " + slots
                    + " slots and " + workers + " workers");
        }
        this.slots = slots;
        this.workers = workers;
        this.finished = new AtomicLongArray(workers * STRIDE);
        this.parkedWorkers = new AtomicReferenceArray<>(workers);
    }

    public int slots() {
        return slots;
    }

    /** The slot chunk {@code chunk} is written into. */
    public int slotOf(long chunk) {
        return (int) (chunk % slots);
    }

    /**
     * Worker side: waits until chunk {@code chunk}'s slot is free.
     *
     * @return false if the ring was cancelled: the worker stops
     */
    public boolean awaitSlot(int worker, long chunk) {
        if (slotFree(chunk)) {
            return true;
        }
        long end = System.nanoTime() + POLL_NANOS;
        while (!slotFree(chunk) && System.nanoTime() < end) {
            Thread.yield();
        }
        while (!slotFree(chunk)) {
            parkedWorkers.set(worker, Thread.currentThread());
            if (!slotFree(chunk)) {
                LockSupport.park(this);
            }
            parkedWorkers.set(worker, null);
        }
        return !cancelled;
    }

    /** Worker side: this worker's share of chunk {@code chunk} is written. */
    public void finished(int worker, long chunk) {
        finished.set(worker * STRIDE, chunk + 1);
        Thread consumer = parkedConsumer;
        if (consumer != null && completed() > chunk) {
            LockSupport.unpark(consumer);
        }
    }

    /**
     * Consumer side: waits until every worker has finished chunk {@code chunk}.
     *
     * @return false if the ring was cancelled (a worker failed): the consumer stops
     */
    public boolean awaitComplete(long chunk) {
        long end = System.nanoTime() + POLL_NANOS;
        while (!complete(chunk) && System.nanoTime() < end) {
            Thread.yield();
        }
        while (!complete(chunk)) {
            parkedConsumer = Thread.currentThread();
            if (!complete(chunk)) {
                LockSupport.park(this);
            }
            parkedConsumer = null;
        }
        return !cancelled;
    }

    /** Consumer side: chunk {@code chunk} is consumed; its slot may take chunk {@code chunk + slots}. */
    public void release(long chunk) {
        released = chunk + 1;
        wakeWorkers();
    }

    /** Either side: stop everyone (a failure, or the consumer gives up); waiting threads return false. */
    public void cancel() {
        cancelled = true;
        wakeWorkers();
        Thread consumer = parkedConsumer;
        if (consumer != null) {
            LockSupport.unpark(consumer);
        }
    }

    private void wakeWorkers() {
        for (int w = 0; w < workers; w++) {
            Thread t = parkedWorkers.get(w);
            if (t != null) {
                LockSupport.unpark(t);
            }
        }
    }

    private boolean slotFree(long chunk) {
        return cancelled || chunk < released + slots;
    }

    private boolean complete(long chunk) {
        return cancelled || completed() > chunk;
    }

    /** Chunks every worker has finished. */
    private long completed() {
        long min = Long.MAX_VALUE;
        for (int w = 0; w < workers; w++) {
            min = Math.min(min, finished.get(w * STRIDE));
        }
        return min;
    }
}
