package io.numagen.bench;

import io.numagen.exec.WorkerPool;
import io.numagen.generator.DataGenerator;
import io.numagen.generator.ByteSize;

import java.util.Locale;

/** Turns benchmark @Param text into values, with the same messages as the CLI for bad values. */
public final class BenchSupport {
    private BenchSupport() {
    }

    /** "1", "half", "all"/"max" (the CPUs this process may run on) or a number. */
    public static int threads(String param) {
        int allowed = DataGenerator.defaultThreads();
        switch (param.trim().toLowerCase(Locale.ROOT)) {
            case "all":
            case "max":
                return allowed;
            case "half":
                return Math.max(1, allowed / 2);
            default:
                try {
                    return WorkerPool.checkThreads(Integer.parseInt(param.trim()));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("threads must be 1..4096, half, all or max, got '" + param + "'");
                }
        }
    }

    public static long size(String param) {
        return ByteSize.parse(param);
    }
}
