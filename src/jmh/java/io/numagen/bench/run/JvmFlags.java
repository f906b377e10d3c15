package io.numagen.bench.run;

import com.sun.management.HotSpotDiagnosticMXBean;

import java.lang.management.ManagementFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code jvm} benchmark parameter: which JVM-level NUMA flags a fork runs with, so one matrix run holds forks
 * with and without the JVM's own NUMA support. {@link MatrixRunner} appends {@link #flags} to each sub-run's forked
 * JVM arguments; benchmarks call {@link #check} in {@code @Setup} so that a run that did not add them (plain
 * {@code java -jar benchmarks.jar}) fails instead of measuring a JVM other than the one the param names.
 *
 * <p>The check compares what was <em>asked for</em> (the last {@code -XX:+Name}/{@code -XX:-Name} among the JVM's
 * input arguments, or the flag being on at all) with the value: HotSpot may turn a requested UseNUMA off (JDK 17 does
 * so on a single NUMA node, with G1 and Parallel alike; {@code -XX:+PrintFlagsFinal} shows
 * {@code UseNUMA = false {command line}}), which is the JVM's answer on that machine, not a mislabelled run. The
 * effective values are recorded by {@code MachineInfoProfiler} ({@code machine.jvm.useNUMA}/{@code alwaysPreTouch}).
 */
public final class JvmFlags {

    /** The flags each param value names, in the JVM's own flag names. */
    public static final Map<String, List<String>> VALUES = values();
    /** The JVM flags this param controls. */
    public static final List<String> CONTROLLED = List.of("UseNUMA", "AlwaysPreTouch");

    private JvmFlags() {
    }

    private static Map<String, List<String>> values() {
        Map<String, List<String>> m = new LinkedHashMap<>();
        m.put("default", List.of());
        m.put("UseNUMA", List.of("UseNUMA"));
        m.put("AlwaysPreTouch", List.of("AlwaysPreTouch"));
        m.put("UseNUMA+AlwaysPreTouch", List.of("UseNUMA", "AlwaysPreTouch"));
        return java.util.Collections.unmodifiableMap(m);
    }

    /**
     * The flag names a value stands for (exact spelling, surrounding blanks ignored).
     *
     * @throws IllegalArgumentException naming the value and the allowed ones
     */
    public static List<String> names(String value) {
        List<String> names = value == null ? null : VALUES.get(value.trim());
        if (names == null) {
            throw new IllegalArgumentException("unknown jvm param value '" + value + "'; allowed: "
                    + String.join(", ", VALUES.keySet()));
        }
        return names;
    }

    /** The extra forked-JVM arguments for a value, e.g. [-XX:+UseNUMA] (empty for default). */
    public static List<String> flags(String value) {
        return names(value).stream().map(n -> "-XX:+" + n).toList();
    }

    /**
     * Null when a JVM with these input arguments and effective flag values is the one {@code value} names, else
     * why not. A flag counts as asked for when the last {@code -XX:±Name} among the arguments is {@code +}, or when it
     * is on without one (set some other way); a requested flag the JVM then turned off is fine.
     *
     * @param effective effective values by flag name (missing = unknown, treated as off)
     */
    public static String mismatch(String value, List<String> inputArguments, Map<String, Boolean> effective) {
        List<String> wanted = names(value);
        StringBuilder why = new StringBuilder();
        for (String flag : CONTROLLED) {
            Boolean onCommandLine = null;
            for (String a : inputArguments) {
                if (a.equals("-XX:+" + flag)) {
                    onCommandLine = true;
                } else if (a.equals("-XX:-" + flag)) {
                    onCommandLine = false;
                }
            }
            boolean asked = onCommandLine != null ? onCommandLine : Boolean.TRUE.equals(effective.get(flag));
            if (asked != wanted.contains(flag)) {
                why.append(why.length() == 0 ? "" : "; ").append(asked
                        ? flag + " is on (" + (onCommandLine != null ? "-XX:+" + flag + " among the JVM arguments"
                        : "effective value true") + ") but jvm=" + value.trim() + " does not name it"
                        : "jvm=" + value.trim() + " names " + flag + " but the JVM arguments lack -XX:+" + flag);
            }
        }
        return why.length() == 0 ? null : why.toString();
    }

    /** The running JVM's effective values of {@link #CONTROLLED} (absent when HotSpot's MXBean is missing). */
    public static Map<String, Boolean> effective() {
        Map<String, Boolean> m = new LinkedHashMap<>();
        HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        for (String flag : CONTROLLED) {
            if (hs != null) {
                try {
                    m.put(flag, Boolean.parseBoolean(hs.getVMOption(flag).getValue()));
                } catch (IllegalArgumentException e) {
                    // not a flag of this VM
                }
            }
        }
        return m;
    }

    /**
     * For {@code @Setup}: fails when this JVM is not the one {@code value} names; prints the effective values.
     *
     * @throws IllegalArgumentException "jvm=...: this forked JVM ..." with the reason and how to run it
     */
    public static void check(String value) {
        List<String> args = ManagementFactory.getRuntimeMXBean().getInputArguments();
        Map<String, Boolean> effective = effective();
        String reason = mismatch(value, args, effective);
        if (reason != null) {
            throw new IllegalArgumentException("jvm=" + value + ": this forked JVM is not the one the param names: "
                    + reason + ". Run through " + MatrixRunner.class.getName() + " (scripts/bench.sh), which adds "
                    + "the flags per value, or give them yourself (-jvmArgsAppend \"" + String.join(" ", flags(value))
                    + "\") and one jvm value per run; JVM arguments: " + args);
        }
        for (String flag : names(value)) {
            if (!Boolean.TRUE.equals(effective.get(flag))) {
                System.out.println("# jvm=" + value.trim() + ": -XX:+" + flag + " given, effective " + flag + "="
                        + effective.get(flag) + " (HotSpot turns UseNUMA off on a single NUMA node or without a "
                        + "NUMA-aware GC); measured as asked, recorded in machine.jvm.*");
            }
        }
    }
}
