package io.numagen.metrics;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code /proc/vmstat} counters that say how page faults were served: {@code thp_fault_alloc} (a huge page was
 * allocated at fault), {@code thp_fault_fallback*} (it was wanted but base pages were used) and every {@code numa_*}
 * counter (hits, misses, interleave, hinting faults, migrations). Machine-wide and cumulative since boot: a delta over
 * an interval counts every process's faults in it.
 */
public final class VmStat {
    private final Map<String, Long> counters;

    private VmStat(Map<String, Long> counters) {
        this.counters = Collections.unmodifiableMap(counters);
    }

    /**
     * The fault counters of {@code <procRoot>/vmstat}.
     *
     * @throws IOException if the file cannot be read (no procfs: not Linux, or a sandbox that hides it)
     */
    public static VmStat read(Path procRoot) throws IOException {
        return parse(Files.readString(procRoot.resolve("vmstat")));
    }

    /** The fault counters of vmstat text ({@code name value} lines; other lines and malformed ones are skipped). */
    public static VmStat parse(String text) {
        Map<String, Long> m = new LinkedHashMap<>();
        for (String line : text.split("\n")) {
            int space = line.indexOf(' ');
            if (space <= 0) {
                continue;
            }
            String name = line.substring(0, space);
            if (name.startsWith("thp_fault_") || name.startsWith("numa_")) {
                try {
                    m.put(name, Long.parseLong(line.substring(space + 1).trim()));
                } catch (NumberFormatException ignored) {
                    // not a counter line: left out rather than guessed
                }
            }
        }
        return new VmStat(m);
    }

    /** Counter name to value; a counter this kernel does not have is absent. */
    public Map<String, Long> counters() {
        return counters;
    }

    /** Each counter's growth since {@code earlier}, for the counters both snapshots have. */
    public Map<String, Long> since(VmStat earlier) {
        Map<String, Long> d = new LinkedHashMap<>();
        counters.forEach((name, value) -> {
            Long before = earlier.counters.get(name);
            if (before != null) {
                d.put(name, value - before);
            }
        });
        return d;
    }
}
