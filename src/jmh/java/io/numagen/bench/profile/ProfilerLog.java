package io.numagen.bench.profile;

import java.util.List;

/**
 * A profiler's messages to the JMH console, each on a line of its own. JMH prints "# Warmup Iteration   1: " without a
 * newline and the score after the iteration, and profilers run in between: a plain println would splice the
 * message into the iteration line. The leading newline ends that line first; the score then starts the next one.
 */
final class ProfilerLog {
    private ProfilerLog() {
    }

    static void line(Class<?> profiler, String message) {
        lines(profiler, List.of(message));
    }

    static void lines(Class<?> profiler, List<String> messages) {
        StringBuilder out = new StringBuilder(System.lineSeparator());
        for (String m : messages) {
            out.append("# ").append(profiler.getSimpleName()).append(": ").append(m).append(System.lineSeparator());
        }
        System.out.print(out);
        System.out.flush();
    }
}
