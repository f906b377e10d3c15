package io.numagen.metrics;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Byte counts written as {@code 4096}, {@code 64KiB}, {@code 64MiB}, {@code 1GiB}, {@code 1.5GiB}, {@code 2GB}. */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]i?b?|b)?");

    private ByteSize() {
    }

    /** @throws IllegalArgumentException for anything else, or a size that is not a positive whole byte count */
    public static long parse(String text) {
        Matcher m = SIZE.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a byte size: '" + text + "' (examples: 4096, 64KiB, 64MiB, 1GiB)");
        }
        double number = Double.parseDouble(m.group(1));
        String unit = m.group(2) == null ? "b" : m.group(2);
        boolean binary = unit.contains("i") || unit.length() == 1;
        double base = binary ? 1024 : 1000;
        int power;
        switch (unit.charAt(0)) {
            case 'b': power = 0; break;
            case 'k': power = 1; break;
            case 'm': power = 2; break;
            case 'g': power = 3; break;
            default: power = 4; break;
        }
        double bytes = number * Math.pow(base, power);
        if (bytes < 1 || bytes != Math.floor(bytes) || bytes > Long.MAX_VALUE) {
            throw new IllegalArgumentException("byte size must be a positive whole number of bytes, got '" + text + "'");
        }
        return (long) bytes;
    }
}
