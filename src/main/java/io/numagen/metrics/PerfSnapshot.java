package io.numagen.metrics;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Cumulative counter readings of several events, each over several threads (one perf fd per event and thread), plus
 * the events that could not be opened at all and why.
 */
public final class PerfSnapshot {

    private final Map<String, Map<Integer, PerfSample>> samples;
    private final Map<String, String> unavailable;

    public PerfSnapshot(Map<String, Map<Integer, PerfSample>> samples, Map<String, String> unavailable) {
        Map<String, Map<Integer, PerfSample>> s = new LinkedHashMap<>();
        samples.forEach((event, byThread) -> s.put(event, Collections.unmodifiableMap(new TreeMap<>(byThread))));
        this.samples = Collections.unmodifiableMap(s);
        this.unavailable = Collections.unmodifiableMap(new LinkedHashMap<>(unavailable));
    }

    /** Event to thread id to reading. */
    public Map<String, Map<Integer, PerfSample>> samples() {
        return samples;
    }

    /** Event to reason it could not be opened (errno text). */
    public Map<String, String> unavailable() {
        return unavailable;
    }

    /**
     * The counts between {@code before} and this snapshot, summed over threads. Each thread's delta is scaled by its
     * own {@code enabled / running} delta (multiplexing); a thread whose counter was never on the PMU in the interval
     * contributes nothing, and if no thread's counter ran at all while some were enabled, the event is unavailable
     * for this interval rather than 0. Threads that appear only in this snapshot (opened after {@code before}) are
     * not counted: their counts did not start at the interval's start.
     */
    public Map<String, PerfCount> since(PerfSnapshot before) {
        Map<String, PerfCount> counts = new LinkedHashMap<>();
        samples.forEach((event, now) -> {
            Map<Integer, PerfSample> then = before.samples.getOrDefault(event, Map.of());
            double total = 0;
            boolean scaled = false;
            boolean anyRan = false;
            boolean anyEnabled = false;
            for (Map.Entry<Integer, PerfSample> e : now.entrySet()) {
                PerfSample old = then.get(e.getKey());
                if (old == null) {
                    continue;
                }
                PerfSample cur = e.getValue();
                long value = cur.value() - old.value();
                long enabled = cur.enabled() - old.enabled();
                long running = cur.running() - old.running();
                if (enabled > 0) {
                    anyEnabled = true;
                }
                if (running <= 0) {
                    continue;
                }
                anyRan = true;
                if (running < enabled) {
                    scaled = true;
                    total += value * ((double) enabled / running);
                } else {
                    total += value;
                }
            }
            if (anyEnabled && !anyRan) {
                counts.put(event, PerfCount.unavailable(event,
                        "counter enabled but never scheduled on the PMU in this interval (multiplexed out)"));
            } else {
                counts.put(event, PerfCount.counted(event, total, scaled));
            }
        });
        unavailable.forEach((event, reason) -> counts.put(event, PerfCount.unavailable(event, reason)));
        return counts;
    }
}
