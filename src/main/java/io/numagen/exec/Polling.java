package io.numagen.exec;

import java.util.function.BooleanSupplier;

/**
 * The short wait before a thread parks: waking a parked thread costs tens of microseconds here (a futex wake-up, in a
 * VM often an idle virtual CPU's exit as well), more than many waits last. Yields between looks rather than spinning,
 * so a poller never holds a CPU the thread it waits for could run on (busy-spinning made a loaded 2-CPU machine
 * slower, not faster).
 */
final class Polling {
    private Polling() {
    }

    /** Looks at {@code ready} until it holds or {@code nanos} have passed; returns its last answer. */
    static boolean yieldUntil(BooleanSupplier ready, long nanos) {
        if (ready.getAsBoolean()) {
            return true;
        }
        long end = System.nanoTime() + nanos;
        do {
            Thread.yield();
            if (ready.getAsBoolean()) {
                return true;
            }
        } while (System.nanoTime() < end);
        return false;
    }
}
