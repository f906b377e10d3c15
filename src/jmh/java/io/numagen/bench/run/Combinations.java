package io.numagen.bench.run;

import io.numagen.exec.NumaMode;
import io.numagen.exec.NumaOptions;
import io.numagen.generator.ByteSize;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Which benchmark parameter combinations make no sense, and why. JMH has no way to skip a combination: it runs the
 * full cross product of every {@code @Param}. {@link MatrixRunner} filters the product with these rules before
 * running (skipped combinations are listed with their reason); benchmarks also call {@link #check} in their
 * {@code @Setup} so that a plain {@code java -jar benchmarks.jar} run fails such a combination loudly instead of
 * measuring something else.
 *
 * <p>Rules apply to any benchmark that has the parameters they name. Besides the harness's own rules, a combination
 * {@link NumaOptions} refuses (e.g. numaMode=OFF with firstTouch=true, bind without pinning) is invalid with the
 * generator's message.
 */
public final class Combinations {

    /** The machine facts the node rules need. */
    public record Machine(Set<Integer> memoryNodes, Set<Integer> cpuNodes) {
    }

    private Combinations() {
    }

    /** Null when the combination is valid, else why not. */
    public static String invalidReason(Map<String, String> params, Machine machine) {
        List<String> reasons = new ArrayList<>();
        String numaMode = lower(params.get("numaMode"));
        String pinning = lower(params.get("pinning"));
        String allocation = lower(params.get("allocation"));
        String buffer = lower(params.get("buffer"));
        if ("off".equals(numaMode) && pinning != null && !"none".equals(pinning)) {
            reasons.add("pinning=" + params.get("pinning") + " needs numaMode AUTO or FORCE (OFF makes no NUMA calls)");
        }
        if ("off".equals(numaMode) && "bind".equals(allocation)) {
            reasons.add("allocation=bind needs numaMode AUTO or FORCE (OFF makes no NUMA calls)");
        }
        if ("heap".equals(buffer) && "bind".equals(allocation)) {
            reasons.add("allocation=bind cannot apply to a heap buffer (the JVM owns, zeroes and moves heap arrays)");
        }
        if ("heap".equals(buffer) && "true".equals(lower(params.get("firstTouch")))) {
            reasons.add("firstTouch=true cannot apply to a heap buffer (the JVM zeroes the array when allocating it)");
        }
        if ("heap".equals(buffer) && params.get("size") != null) {
            try {
                if (ByteSize.parse(params.get("size")) > Integer.MAX_VALUE - 8) {
                    reasons.add("a heap buffer (byte[]) holds at most 2 GiB, size=" + params.get("size"));
                }
            } catch (IllegalArgumentException e) {
                reasons.add(e.getMessage());
            }
        }
        if (numaMode != null && reasons.isEmpty()) {
            // Whatever else the generator refuses (e.g. bind without pinning), in its own words.
            try {
                new NumaOptions(NumaMode.parse(numaMode), params.getOrDefault("pinning", "none"),
                        Boolean.parseBoolean(params.getOrDefault("firstTouch", "false")), "bind".equals(allocation));
            } catch (IllegalArgumentException e) {
                reasons.add(e.getMessage());
            }
        }
        if (machine != null) {
            node(params, "writerNode", machine.cpuNodes(), "has no CPUs on this machine (or in this binding)", reasons);
            node(params, "memoryNode", machine.memoryNodes(), "has no memory this process may use", reasons);
        }
        return reasons.isEmpty() ? null : String.join("; ", reasons);
    }

    /**
     * For benchmarks' {@code @Setup}: fails an invalid combination with its reason.
     *
     * @throws IllegalArgumentException "invalid parameter combination, skip it: ..." for an invalid one
     */
    public static void check(Map<String, String> params, Machine machine) {
        String reason = invalidReason(params, machine);
        if (reason != null) {
            throw new IllegalArgumentException("invalid parameter combination " + params + ", skip it (run through "
                    + MatrixRunner.class.getName() + " to filter these out): " + reason);
        }
    }

    /** Convenience for {@code @Setup}: names and values alternating. */
    public static Map<String, String> params(String... namesAndValues) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            m.put(namesAndValues[i], namesAndValues[i + 1]);
        }
        return m;
    }

    private static void node(Map<String, String> params, String name, Set<Integer> valid, String why,
                             List<String> reasons) {
        String v = params.get(name);
        if (v == null) {
            return;
        }
        try {
            int node = Integer.parseInt(v.trim());
            if (!valid.contains(node)) {
                reasons.add(name + "=" + node + ": node " + node + " " + why + " (usable: " + valid + ")");
            }
        } catch (NumberFormatException e) {
            reasons.add(name + " must be a node number, got '" + v + "'");
        }
    }

    private static String lower(String s) {
        return s == null ? null : s.trim().toLowerCase(Locale.ROOT);
    }
}
