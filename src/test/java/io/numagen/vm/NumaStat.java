package io.numagen.vm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The kernel's per-node allocation counters ({@code /sys/devices/system/node/nodeN/numastat}): node-wide, all
 * processes, one count per page allocation (a 2 MiB transparent huge page counts once). {@code numa_hit} counts
 * allocations satisfied on the node they were meant for, {@code local_node} allocations on the node of the CPU that
 * asked.
 */
public final class NumaStat {
    private NumaStat() {
    }

    /**
     * Parses one numastat file ({@code numa_hit 123} lines).
     *
     * @throws IllegalArgumentException on a line that is not a name and a non-negative count
     */
    public static Map<String, Long> parse(String text) {
        Map<String, Long> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.isBlank()) {
                continue;
            }
            String[] f = line.trim().split("\\s+");
            if (f.length != 2 || !f[1].matches("[0-9]+")) {
                throw new IllegalArgumentException("numastat line is not 'name count': '" + line + "'");
            }
            out.put(f[0], Long.parseLong(f[1]));
        }
        return out;
    }

    /** Every node's counters under {@code nodeRoot} (normally {@code /sys/devices/system/node}). */
    public static Map<Integer, Map<String, Long>> read(Path nodeRoot) {
        Map<Integer, Map<String, Long>> out = new TreeMap<>();
        try (var dirs = Files.list(nodeRoot)) {
            for (Path d : dirs.toList()) {
                String name = d.getFileName().toString();
                Path file = d.resolve("numastat");
                if (name.matches("node[0-9]+") && Files.isReadable(file)) {
                    out.put(Integer.parseInt(name.substring(4)), parse(Files.readString(file)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read numastat under " + nodeRoot, e);
        }
        return out;
    }

    /** {@code after - before} for every node and counter present in both. */
    public static Map<Integer, Map<String, Long>> delta(Map<Integer, Map<String, Long>> before,
                                                        Map<Integer, Map<String, Long>> after) {
        Map<Integer, Map<String, Long>> out = new TreeMap<>();
        after.forEach((node, counters) -> {
            Map<String, Long> was = before.get(node);
            if (was == null) {
                return;
            }
            Map<String, Long> d = new TreeMap<>();
            counters.forEach((name, value) -> {
                if (was.containsKey(name)) {
                    d.put(name, value - was.get(name));
                }
            });
            out.put(node, d);
        });
        return out;
    }

    /**
     * Why the deltas do not show an allocation burst of at least {@code minAllocations} pages on {@code target}:
     * the target's numa_hit and local_node must each grow by at least that, and every other node's numa_hit by
     * less than {@code otherMaxFraction} of the target's. Empty when they do.
     */
    public static List<String> trafficProblems(Map<Integer, Map<String, Long>> delta, int target,
                                               long minAllocations, double otherMaxFraction) {
        List<String> out = new ArrayList<>();
        Map<String, Long> t = delta.get(target);
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
        delta.forEach((node, d) -> {
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

    /** {@code node 0: numa_hit +12 local_node +12 ...; node 1: ...} for the counters that moved or matter. */
    public static String render(Map<Integer, Map<String, Long>> delta) {
        List<String> parts = new ArrayList<>();
        delta.forEach((node, d) -> {
            StringBuilder s = new StringBuilder("node ").append(node).append(':');
            d.forEach((name, v) -> s.append(' ').append(name).append(" +").append(v));
            parts.add(s.toString());
        });
        return String.join("; ", parts);
    }
}
