package io.numagen.generator;

import java.math.BigDecimal;
import java.util.Locale;

/** Byte counts as people type them: plain bytes or with KiB/MiB/GiB/TiB (1024) and KB/MB/GB/TB (1000) suffixes. */
public final class ByteSize {
    private static final BigDecimal MAX = BigDecimal.valueOf(Long.MAX_VALUE);

    private ByteSize() {
    }

    /**
     * Parses "4096", "64MiB", "1.5GiB", "10GB", "512k" (lower-case k/m/g/t mean binary units, as in dd).
     *
     * @throws IllegalArgumentException naming the text if it is not a positive whole number of bytes
     */
    public static long parse(String text) {
        String t = text == null ? "" : text.trim();
        int split = t.startsWith("-") ? 1 : 0;
        while (split < t.length() && (Character.isDigit(t.charAt(split)) || t.charAt(split) == '.')) {
            split++;
        }
        String number = t.substring(0, split);
        String unit = t.substring(split).trim();
        long multiplier = multiplier(unit, text);
        BigDecimal value;
        try {
            value = new BigDecimal(number);
        } catch (NumberFormatException e) {
            throw invalid(text);
        }
        // Exact arithmetic: a double would round 2^63 down to Long.MAX_VALUE and 1.0000000000000001 to 1.
        BigDecimal bytes = value.multiply(BigDecimal.valueOf(multiplier));
        if (bytes.compareTo(BigDecimal.ONE) < 0 || bytes.compareTo(MAX) > 0 || bytes.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException("size must be a whole number of bytes from 1 to " + Long.MAX_VALUE
                    + ", got '" + text + "'");
        }
        return bytes.longValueExact();
    }

    /** "1.00 GiB", "64.0 MiB", "512 B": for summaries and reports. */
    public static String format(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB", "PiB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, "%.2f %s", v, units[u]);
    }

    private static long multiplier(String unit, String text) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "": case "b": return 1L;
            case "k": case "kib": return 1L << 10;
            case "m": case "mib": return 1L << 20;
            case "g": case "gib": return 1L << 30;
            case "t": case "tib": return 1L << 40;
            case "kb": return 1_000L;
            case "mb": return 1_000_000L;
            case "gb": return 1_000_000_000L;
            case "tb": return 1_000_000_000_000L;
            default: throw invalid(text);
        }
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("size '" + text + "' is not a byte count: use a number of bytes or a "
                + "number with a KiB/MiB/GiB/TiB or KB/MB/GB/TB suffix, e.g. 64MiB");
    }
}
