package io.numagen.cli;

import io.numagen.exec.WorkerPool;
import io.numagen.generator.ByteSize;
import io.numagen.generator.DataGenerator;
import io.numagen.generator.GeneratorConfig;

import java.util.Locale;

/** Parsing of option values shared by the commands, with messages naming the option and the value. */
final class CliValues {
    private CliValues() {
    }

    static long parseLong(String option, String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be a whole number from " + Long.MIN_VALUE
                    + " to " + Long.MAX_VALUE + ", got '" + text + "'");
        }
    }

    static double parseDouble(String option, String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + option + " must be a number, got '" + text + "'");
        }
    }

    /** A byte count option ({@link ByteSize#parse}), its error naming the option. */
    static long size(String option, String text) {
        try {
            return ByteSize.parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--" + option + ": " + e.getMessage(), e);
        }
    }

    /** --block-size ({@link GeneratorConfig#blockSize}), its error naming the option. */
    static int blockSize(String text) {
        long bytes = size("block-size", text);
        try {
            return GeneratorConfig.blockSize(bytes);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--block-size: " + e.getMessage(), e);
        }
    }

    /** --threads, defaulting to the CPUs this process may run on. */
    static int threads(String text) {
        if (text == null) {
            return DataGenerator.defaultThreads();
        }
        int threads;
        try {
            threads = Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--threads must be a whole number from 1 to "
                    + WorkerPool.MAX_THREADS + ", got '" + text + "'");
        }
        return WorkerPool.checkThreads(threads);
    }

    /** 2 rather than 2.0, 1.5 as 1.5. */
    static String ratio(double r) {
        return r == Math.rint(r) ? Long.toString((long) r) : String.format(Locale.ROOT, "%s", r);
    }

    /** An exception's reason without the file name or class name noise ("Broken pipe", "permission denied"). */
    static String describe(Exception e) {
        return Failures.reason(e);
    }
}
