package io.numagen.bench.profile;

import org.openjdk.jmh.profile.ProfilerException;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A profiler's init line as JMH passes it ({@code -prof name:key=value;key=value}): the same {@code ;}-separated
 * {@code key=value} syntax as JMH's own profilers. Unknown keys fail the run with the list of accepted ones, so a typo
 * never silently changes a measurement; {@code help} prints them.
 */
final class ProfilerOptions {
    private final Map<String, String> values = new LinkedHashMap<>();

    private ProfilerOptions() {
    }

    /**
     * @param accepted key to one-line description
     * @throws ProfilerException for an unknown key, a missing value, or {@code help}
     */
    static ProfilerOptions parse(Class<?> profilerClass, String initLine, Map<String, String> accepted)
            throws ProfilerException {
        String profiler = profilerClass.getSimpleName();
        ProfilerOptions o = new ProfilerOptions();
        if (initLine == null || initLine.isBlank()) {
            return o;
        }
        for (String part : initLine.split(";")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals("help")) {
                throw new ProfilerException(usage(profilerClass, accepted));
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new ProfilerException(profiler + ": option '" + p + "' is not key=value\n"
                        + usage(profilerClass, accepted));
            }
            String key = p.substring(0, eq).trim();
            if (!accepted.containsKey(key)) {
                throw new ProfilerException(profiler + ": unknown option '" + key + "'\n"
                        + usage(profilerClass, accepted));
            }
            o.values.put(key, p.substring(eq + 1).trim());
        }
        return o;
    }

    /** JMH 1.37 finds a profiler outside its own set only by its full class name, so the usage line gives that. */
    static String usage(Class<?> profilerClass, Map<String, String> accepted) {
        StringBuilder sb = new StringBuilder("Options of " + profilerClass.getSimpleName() + " (-prof "
                + profilerClass.getName() + ":key=value;key=value):\n");
        accepted.forEach((k, d) -> sb.append(String.format("  %-10s %s%n", k, d)));
        return sb.toString();
    }

    String get(String key, String fallback) {
        return values.getOrDefault(key, fallback);
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    boolean flag(String key, boolean fallback) throws ProfilerException {
        String v = values.get(key);
        if (v == null) {
            return fallback;
        }
        if (v.equalsIgnoreCase("true")) {
            return true;
        }
        if (v.equalsIgnoreCase("false")) {
            return false;
        }
        throw new ProfilerException("option " + key + " must be true or false, got '" + v + "'");
    }
}
