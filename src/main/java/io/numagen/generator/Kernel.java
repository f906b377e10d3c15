package io.numagen.generator;

import java.util.Locale;

/**
 * Which code computes the random bytes. Both write the same bytes ({@link GeneratorConfig#FORMAT_VERSION}); the
 * vector kernel needs the {@code jdk.incubator.vector} module ({@code --add-modules jdk.incubator.vector}) and 256- or
 * 512-bit vectors.
 */
public enum Kernel {
    SCALAR,
    VECTOR;

    /** The vector kernel where this JVM can run it, else the scalar one. */
    public static Kernel best() {
        return Kernels.vectorUnavailable() == null ? VECTOR : SCALAR;
    }

    /** Null when this kernel runs in this JVM, else why not. */
    public String unavailable() {
        return this == VECTOR ? Kernels.vectorUnavailable() : null;
    }

    /** A description of the kernel in this JVM, e.g. "vector (512-bit, 8 lanes)", or why vector is not used. */
    public String describe() {
        if (this == VECTOR) {
            return "vector (" + Kernels.vectorShape() + ")";
        }
        String whyNotVector = Kernels.vectorUnavailable();
        return whyNotVector == null ? "scalar" : "scalar (vector unavailable: " + whyNotVector + ")";
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "scalar", "vector" or "auto" (= {@link #best()}). */
    public static Kernel parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        switch (t) {
            case "auto":
                return best();
            case "scalar":
                return SCALAR;
            case "vector":
                return VECTOR;
            default:
                throw new IllegalArgumentException("kernel must be auto, scalar or vector, got '" + text + "'");
        }
    }
}
