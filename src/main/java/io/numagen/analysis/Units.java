package io.numagen.analysis;

import java.util.Locale;

/**
 * The one throughput unit of every report: GB/s = 10^9 bytes/s, as {@code numagen generate} prints it. Anything
 * that is not bytes/s keeps its JMH unit.
 */
public final class Units {

    /** Bytes per second in one GB/s. */
    public static final double GB = 1e9;
    public static final String THROUGHPUT = "GB/s";
    /** The sentence every report states once. */
    public static final String NOTE = "Throughput in GB/s = 10^9 bytes/s (decimal, as `numagen generate` prints).";

    private Units() {
    }

    /** "12.34 GB/s" for bytes/s, "123.4 ms/op" otherwise. */
    public static String rate(double v, String unit) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if ("bytes/s".equals(unit)) {
            return String.format(Locale.ROOT, v >= 10 * GB ? "%.1f GB/s" : "%.2f GB/s", v / GB);
        }
        return num(v) + " " + unit;
    }

    /** Four significant digits, no trailing zeros; "n/a" for NaN. */
    public static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (v != 0 && (Math.abs(v) >= 1e6 || Math.abs(v) < 1e-3)) {
            return String.format(Locale.ROOT, "%.4g", v);
        }
        return String.format(Locale.ROOT, "%.4f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }

    /** "3.2%" for a coefficient of variation; "n/a" below two forks. */
    public static String percent(double fraction) {
        return Double.isNaN(fraction) ? "n/a" : String.format(Locale.ROOT, "%.1f%%", fraction * 100);
    }
}
