package io.numagen.vm;

import io.numagen.metrics.NumaStat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Whether numastat deltas ({@link NumaStat#since}) show an allocation burst on one node. The counters are node-wide
 * (all processes) and count one allocation per page (a 2 MiB transparent huge page counts once).
 */
final class NumaTraffic {
    private NumaTraffic() {
    }

    /**
     * Why the deltas do not show an allocation burst of at least {@code minAllocations} pages on {@code target}:
     * the target's numa_hit and local_node must each grow by at least that, and every other node's numa_hit by
     * less than {@code otherMaxFraction} of the target's. Empty when they do.
     */
    static List<String> problems(NumaStat delta, int target, long minAllocations, double otherMaxFraction) {
        List<String> out = new ArrayList<>();
        Map<String, Long> t = delta.nodes().get(target);
        if (t == null) {
            out.add("no numastat for node " + target);
            return out;
        }
        long hit = t.getOrDefault("numa_hit", -1L);
        for (String counter : List.of("numa_hit", "local_node")) {
            long v = t.getOrDefault(counter, -1L);
            if (v < minAllocations) {
                out.add("node " + target + " " + counter + " grew by " + v + ", expected >= " + minAllocations);
            }
        }
        delta.nodes().forEach((node, d) -> {
            if (node != target) {
                long other = d.getOrDefault("numa_hit", 0L);
                if (other >= otherMaxFraction * hit) {
                    out.add("node " + node + " numa_hit grew by " + other + ", expected < "
                            + Math.round(otherMaxFraction * 100) + " % of node " + target + "'s " + hit);
                }
            }
        });
        return out;
    }

    /** {@code node 0: local_node +12 numa_hit +12 ...; node 1: ...}, counters by name. */
    static String render(NumaStat delta) {
        List<String> parts = new ArrayList<>();
        delta.nodes().forEach((node, d) -> {
            StringBuilder s = new StringBuilder("node ").append(node).append(':');
            new TreeMap<>(d).forEach((name, v) -> s.append(' ').append(name).append(" +").append(v));
            parts.add(s.toString());
        });
        return String.join("; ", parts);
    }
}
