package io.numagen.exec;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

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
 * <p>Waiting polls for a short while ({@link Polling}), then parks.
 */
public final class ChunkRing {
    /** Longs between two workers' counters: each on its own cache line (128 bytes, adjacent-line prefetch). */
    private static final int STRIDE = 16;
    private static final long POLL_NANOS = 50_000;

    private final int slots;
    private final int workers;
    /** Chunks finished by each worker, at index {@code worker * STRIDE}. */
    private final AtomicLongArray finished;
    /** Threads parked waiting, null where none: worker w at index w, the consumer at index {@code workers}. */
    private final AtomicReferenceArray<Thread> parked;
    private volatile long released;
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
        this.parked = new AtomicReferenceArray<>(workers + 1);
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
        await(worker, () -> slotFree(chunk));
        return !cancelled;
    }

    /** Worker side: this worker's share of chunk {@code chunk} is written. */
    public void finished(int worker, long chunk) {
        finished.set(worker * STRIDE, chunk + 1);
        Thread consumer = parked.get(workers);
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
        await(workers, () -> complete(chunk));
        return !cancelled;
    }

    /** Consumer side: chunk {@code chunk} is consumed; its slot may take chunk {@code chunk + slots}. */
    public void release(long chunk) {
        released = chunk + 1;
        wake(workers);
    }

    /** Either side: stop everyone (a failure, or the consumer gives up); waiting threads return false. */
    public void cancel() {
        cancelled = true;
        wake(workers + 1);
    }

    /** Until {@code ready}: polls, then parks as {@code waiter} (an index into {@link #parked}). */
    private void await(int waiter, BooleanSupplier ready) {
        if (Polling.yieldUntil(ready, POLL_NANOS)) {
            return;
        }
        while (!ready.getAsBoolean()) {
            parked.set(waiter, Thread.currentThread());
            if (!ready.getAsBoolean()) {
                LockSupport.park(this);
            }
            parked.set(waiter, null);
        }
    }

    /** Unparks the parked threads among the first {@code waiters} (workers, then the consumer). */
    private void wake(int waiters) {
        for (int i = 0; i < waiters; i++) {
            Thread t = parked.get(i);
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
