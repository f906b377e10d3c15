package io.numagen.testing;

import java.util.concurrent.atomic.AtomicReference;

/** Runs test code on a new thread, so pinning or a memory policy set there cannot leak into other tests. */
public final class FreshThread {
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    private FreshThread() {
    }

    /** Runs {@code body} on a new thread and rethrows what it threw (assertion failures included). */
    public static void run(Body body) throws Exception {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Throwable t) {
                thrown.set(t);
            }
        }, "fresh-test-thread");
        thread.start();
        thread.join();
        Throwable t = thrown.get();
        if (t instanceof Exception e) {
            throw e;
        }
        if (t instanceof Error e) {
            throw e;
        }
    }
}
