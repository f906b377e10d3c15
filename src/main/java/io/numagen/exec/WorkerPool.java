package io.numagen.exec;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A fixed set of worker threads created once and reused for every job, so a generator call pays no thread start-up
 * and a worker keeps its CPU pinning and its node-local scratch memory across calls.
 *
 * <p>A job runs the same {@link WorkerTask} once on every worker (each gets its index) and {@link #run} returns when all
 * have finished. Work is split statically by worker index, never stolen, so the thread that first-touched a page is
 * the thread that writes it.
 *
 * <p>Waiting polls before it parks: a worker waiting for the next job for {@value #WORKER_POLL_NANOS} ns, the caller
 * waiting for the workers for {@value #CALLER_POLL_NANOS} ns (longer than a stream chunk's job). A stream hands out a
 * job per chunk, and waking a parked thread (a futex wake-up, in a VM often an idle virtual CPU's exit as well) cost
 * tens of microseconds per job, a large share of a cache-sized chunk's 100-400 µs of work ({@link Polling}). Parking
 * still follows, so an idle pool costs no CPU.
 */
public final class WorkerPool implements AutoCloseable {

    /** Runs once in each worker thread before its first job (pinning goes here). */
    @FunctionalInterface
    public interface WorkerStart {
        void start(int worker) throws Exception;
    }

    /** One job's body, run in every worker. */
    @FunctionalInterface
    public interface WorkerTask {
        void run(int worker) throws Exception;
    }

    /** The most worker threads a pool accepts: far above any real machine, low enough to catch a typo. */
    public static final int MAX_THREADS = 4096;
    private static final long WORKER_POLL_NANOS = 50_000;
    private static final long CALLER_POLL_NANOS = 2_000_000;

    private final List<Thread> threads;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition jobPosted = lock.newCondition();
    private final Condition jobDone = lock.newCondition();
    private final Throwable[] startFailures;

    private volatile WorkerTask task;
    /** Bumped (under the lock) each time a job is posted; read without it by polling workers. */
    private volatile long generation;
    /** Workers still running the current job; read without the lock by the polling caller. */
    private volatile int running;
    private Throwable failure;
    private volatile boolean closed;
    private int started;

    /**
     * Starts {@code size} threads and waits until each has run {@code onStart}.
     *
     * @throws IllegalArgumentException if size is outside 1..{@value #MAX_THREADS}
     * @throws IllegalStateException    if {@code onStart} failed on any worker (the pool is then closed)
     */
    public WorkerPool(int size, String name, WorkerStart onStart) {
        checkThreads(size);
        this.startFailures = new Throwable[size];
        this.threads = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            final int worker = i;
            Thread t = new Thread(() -> loop(worker, onStart), name + "-" + i);
            t.setDaemon(true);
            threads.add(t);
        }
        threads.forEach(Thread::start);
        awaitStarted();
        for (int i = 0; i < size; i++) {
            if (startFailures[i] != null) {
                close();
                throw new IllegalStateException("worker " + i + " failed to start: " + message(startFailures[i]),
                        startFailures[i]);
            }
        }
    }

    public WorkerPool(int size, String name) {
        this(size, name, worker -> { });
    }

    /** Validates a thread count at the boundary. */
    public static int checkThreads(int threads) {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("threads must be in 1.." + MAX_THREADS + ", got " + threads);
        }
        return threads;
    }

    public int size() {
        return threads.size();
    }

    /** Work the calling thread does while the workers run a job (for example, consuming what they produce). */
    @FunctionalInterface
    public interface CallerTask<E extends Exception> {
        void run() throws E;
    }

    /**
     * Runs {@code job} on every worker and waits for all of them. Jobs are serialised: a second caller waits for the
     * first job to finish.
     *
     * @throws WorkerException carrying the first failure if any worker's task threw
     */
    public void run(WorkerTask job) {
        post(job);
        awaitDone();
    }

    /**
     * Runs {@code job} on every worker while the calling thread runs {@code meanwhile}, then waits for the workers.
     * If {@code meanwhile} throws, the workers are still waited for (it must have told them to stop) and its exception
     * is thrown, any worker failure added as suppressed.
     *
     * @throws WorkerException carrying the first failure if any worker's task threw (and meanwhile did not)
     */
    public <E extends Exception> void run(WorkerTask job, CallerTask<E> meanwhile) throws E {
        post(job);
        try {
            meanwhile.run();
        } catch (Throwable t) {
            try {
                awaitDone();
            } catch (WorkerException e) {
                t.addSuppressed(e.getCause());
            }
            throw t;
        }
        awaitDone();
    }

    private void post(WorkerTask job) {
        lock.lock();
        try {
            while (task != null && !closed) {
                jobDone.awaitUninterruptibly();
            }
            if (closed) {
                throw new IllegalStateException("worker pool is closed");
            }
            task = job;
            failure = null;
            running = threads.size();
            generation++;
            jobPosted.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void awaitDone() {
        Polling.yieldUntil(() -> running == 0, CALLER_POLL_NANOS);
        lock.lock();
        try {
            while (running > 0) {
                jobDone.awaitUninterruptibly();
            }
            Throwable f = failure;
            task = null;
            failure = null;
            jobDone.signalAll();
            if (f != null) {
                throw new WorkerException(message(f), f);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            jobPosted.signalAll();
            jobDone.signalAll();
        } finally {
            lock.unlock();
        }
        for (Thread t : threads) {
            if (t != Thread.currentThread()) {
                try {
                    t.join();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private void awaitStarted() {
        lock.lock();
        try {
            while (started < threads.size()) {
                jobDone.awaitUninterruptibly();
            }
        } finally {
            lock.unlock();
        }
    }

    private void loop(int worker, WorkerStart onStart) {
        try {
            onStart.start(worker);
        } catch (Throwable t) {
            startFailures[worker] = t;
        }
        long seen;
        lock.lock();
        try {
            started++;
            seen = generation;
            jobDone.signalAll();
        } finally {
            lock.unlock();
        }
        while (true) {
            WorkerTask job;
            long posted = seen;
            Polling.yieldUntil(() -> generation != posted || closed, WORKER_POLL_NANOS);
            lock.lock();
            try {
                while (generation == seen && !closed) {
                    jobPosted.awaitUninterruptibly();
                }
                if (closed) {
                    return;
                }
                seen = generation;
                job = task;
            } finally {
                lock.unlock();
            }
            Throwable thrown = null;
            try {
                job.run(worker);
            } catch (Throwable t) {
                thrown = t;
            }
            lock.lock();
            try {
                if (thrown != null && failure == null) {
                    failure = thrown;
                }
                if (--running == 0) {
                    jobDone.signalAll();
                }
            } finally {
                lock.unlock();
            }
        }
    }

    private static String message(Throwable t) {
        return t.getMessage() == null ? t.getClass().getName() : t.getMessage();
    }

    /** A worker's task failed; the cause is the worker's exception. */
    public static final class WorkerException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        WorkerException(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
