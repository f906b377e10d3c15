package io.numagen.metrics;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A perf event by its perf(1) name, with the {@code perf_event_attr.type}/{@code config} pair that opens it.
 *
 * @param name   the perf(1) name, e.g. {@code task-clock}
 * @param type   PERF_TYPE_*
 * @param config the type-specific config
 * @param unit   what one count is: {@code ns} for the clocks, {@code #} for counts
 */
public record PerfEventDef(String name, int type, long config, String unit) {

    public static final int TYPE_HARDWARE = 0;
    public static final int TYPE_SOFTWARE = 1;
    public static final int TYPE_HW_CACHE = 3;

    /** PERF_COUNT_HW_CACHE_NODE, _OP_READ, _RESULT_ACCESS/_MISS: config = id | op << 8 | result << 16. */
    private static final long CACHE_NODE = 6;
    private static final long CACHE_LL = 2;
    private static final long OP_READ = 0;
    private static final long RESULT_ACCESS = 0;
    private static final long RESULT_MISS = 1;

    private static final Map<String, PerfEventDef> KNOWN = new LinkedHashMap<>();

    static {
        sw("cpu-clock", 0, "ns");
        sw("task-clock", 1, "ns");
        sw("page-faults", 2, "#");
        sw("context-switches", 3, "#");
        sw("cpu-migrations", 4, "#");
        sw("minor-faults", 5, "#");
        sw("major-faults", 6, "#");
        hw("cycles", 0);
        hw("instructions", 1);
        hw("cache-references", 2);
        hw("cache-misses", 3);
        hw("branches", 4);
        hw("branch-misses", 5);
        cache("LLC-loads", CACHE_LL, RESULT_ACCESS);
        cache("LLC-load-misses", CACHE_LL, RESULT_MISS);
        cache("node-loads", CACHE_NODE, RESULT_ACCESS);
        cache("node-load-misses", CACHE_NODE, RESULT_MISS);
    }

    /** The software events (always there on Linux, also in VMs). */
    public static final List<String> SOFTWARE_DEFAULTS =
            List.of("task-clock", "context-switches", "cpu-migrations", "page-faults");
    /** The hardware events tried by default; machines without a PMU (most VMs) report them unavailable. */
    public static final List<String> HARDWARE_DEFAULTS =
            List.of("cycles", "instructions", "cache-misses", "node-loads", "node-load-misses");

    private static void sw(String name, long config, String unit) {
        KNOWN.put(name, new PerfEventDef(name, TYPE_SOFTWARE, config, unit));
    }

    private static void hw(String name, long config) {
        KNOWN.put(name, new PerfEventDef(name, TYPE_HARDWARE, config, "#"));
    }

    private static void cache(String name, long id, long result) {
        KNOWN.put(name, new PerfEventDef(name, TYPE_HW_CACHE, id | OP_READ << 8 | result << 16, "#"));
    }

    public boolean hardware() {
        return type != TYPE_SOFTWARE;
    }

    /**
     * Whether the event happens only in kernel context (the scheduler switching or moving a task), so counting
     * with kernel events excluded gives ~0, not a count: such an event is unavailable rather than user-only.
     */
    public boolean kernelContextOnly() {
        return type == TYPE_SOFTWARE && (name.equals("context-switches") || name.equals("cpu-migrations"));
    }

    /** Every name {@link #byName} accepts. */
    public static List<String> knownNames() {
        return Collections.unmodifiableList(new ArrayList<>(KNOWN.keySet()));
    }

    /** @throws IllegalArgumentException for a name not in {@link #knownNames()} */
    public static PerfEventDef byName(String name) {
        PerfEventDef def = KNOWN.get(name.trim());
        if (def == null) {
            throw new IllegalArgumentException("unknown perf event '" + name.trim() + "'; known: "
                    + String.join(", ", KNOWN.keySet()));
        }
        return def;
    }

    /** A comma-separated list of names, duplicates removed, order kept. */
    public static List<PerfEventDef> parseList(String names) {
        Map<String, PerfEventDef> defs = new LinkedHashMap<>();
        for (String n : names.split(",")) {
            if (!n.isBlank()) {
                PerfEventDef d = byName(n);
                defs.put(d.name(), d);
            }
        }
        if (defs.isEmpty()) {
            throw new IllegalArgumentException("no perf events given in '" + names + "'");
        }
        return List.copyOf(defs.values());
    }

    public static List<PerfEventDef> defaults() {
        List<PerfEventDef> all = new ArrayList<>();
        SOFTWARE_DEFAULTS.forEach(n -> all.add(byName(n)));
        HARDWARE_DEFAULTS.forEach(n -> all.add(byName(n)));
        return all;
    }
}
