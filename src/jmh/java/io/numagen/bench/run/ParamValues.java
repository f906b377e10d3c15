package io.numagen.bench.run;

import io.numagen.exec.CpuPlan;
import io.numagen.exec.NumaMode;
import io.numagen.exec.WorkerPool;
import io.numagen.generator.ByteSize;
import io.numagen.generator.GeneratorConfig;
import io.numagen.generator.Kernel;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The values each benchmark parameter accepts. JMH passes any {@code -p} text to a String param, so a typo such as
 * {@code buffer=bogus} would otherwise run as the default and be labelled with the typo. {@link MatrixRunner} checks
 * every value before anything runs (dry run too); benchmarks call {@link #check} first thing in {@code @Setup} so a
 * plain JMH run fails fast with the same message. Parameters not listed here are JMH's business.
 */
public final class ParamValues {

    private static final Map<String, Consumer<String>> RULES = rules();

    private ParamValues() {
    }

    private static Map<String, Consumer<String>> rules() {
        Map<String, Consumer<String>> m = new LinkedHashMap<>();
        m.put("threads", ParamValues::threads);
        m.put("numaMode", NumaMode::parse);
        m.put("pinning", CpuPlan.Strategy::parse);
        m.put("firstTouch", v -> oneOf(v, Set.of("false", "true")));
        m.put("allocation", v -> oneOf(v, Set.of("default", "bind")));
        m.put("buffer", v -> oneOf(v, Set.of("offheap", "heap")));
        m.put("size", ByteSize::parse);
        // The benchmarks generate DEFAULT_BLOCK_SIZE blocks: the generator's own limits for it, in its words.
        m.put("dedup", v -> new GeneratorConfig(GeneratorConfig.DEFAULT_BLOCK_SIZE, number(v), 1, 0));
        m.put("compress", v -> new GeneratorConfig(GeneratorConfig.DEFAULT_BLOCK_SIZE, 1, number(v), 0));
        m.put("jvm", JvmFlags::names);
        m.put("kernel", Kernel::parse);
        m.put("writerNode", ParamValues::node);
        m.put("memoryNode", ParamValues::node);
        return m;
    }

    /** Null when the value is one the parameter accepts (or the parameter is not numagen's), else why not. */
    public static String invalid(String name, String value) {
        Consumer<String> rule = RULES.get(name);
        if (rule == null) {
            return null;
        }
        try {
            rule.accept(value == null ? "" : value);
            return null;
        } catch (IllegalArgumentException e) {
            return name + "=" + value + ": " + e.getMessage();
        }
    }

    /** Every invalid value of a parameter space (name to values), each with its reason; empty when all are valid. */
    public static List<String> invalidValues(Map<String, List<String>> space) {
        List<String> reasons = new ArrayList<>();
        space.forEach((name, values) -> values.stream().map(v -> invalid(name, v)).filter(r -> r != null)
                .forEach(reasons::add));
        return reasons;
    }

    /**
     * For {@code @Setup}: fails on the first value a parameter does not accept.
     *
     * @throws IllegalArgumentException naming the parameter, the value and the allowed ones
     */
    public static void check(Map<String, String> params) {
        params.forEach((name, value) -> {
            String reason = invalid(name, value);
            if (reason != null) {
                throw new IllegalArgumentException("invalid benchmark parameter " + reason);
            }
        });
    }

    private static void oneOf(String value, Set<String> allowed) {
        if (!allowed.contains(value.trim().toLowerCase(Locale.ROOT))) {
            throw new IllegalArgumentException("allowed: " + String.join(", ", allowed.stream().sorted().toList()));
        }
    }

    private static void threads(String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        if (v.equals("half") || v.equals("all") || v.equals("max")) {
            return;
        }
        try {
            WorkerPool.checkThreads(Integer.parseInt(v));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("allowed: 1.." + WorkerPool.MAX_THREADS + ", half, all or max");
        }
    }

    private static double number(String value) {
        try {
            return Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("allowed: a number (N:1), got '" + value + "'");
        }
    }

    private static void node(String value) {
        try {
            if (Integer.parseInt(value.trim()) >= 0) {
                return;
            }
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException("allowed: a node number 0, 1, ...");
    }
}
