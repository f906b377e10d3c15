package io.numagen.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One snapshot of the kernel's per-node allocation counters ({@code /sys/devices/system/node/node<N>/numastat}).
 *
 * <p>The counters are node-wide: they count page allocations by every process on the machine, not just ours. They are
 * in pages (of the allocation's size), cumulative since boot; {@link #since} gives the per-node deltas.
 */
public final class NumaStat {

    /** The counters every kernel since 2.6 writes, in the kernel's order. */
    public static final String[] COUNTERS = {
        "numa_hit", "numa_miss", "numa_foreign", "interleave_hit", "local_node", "other_node"
    };

    private static final Pattern NODE_DIR = Pattern.compile("node(\\d+)");

    private final Map<Integer, Map<String, Long>> nodes;

    private NumaStat(Map<Integer, Map<String, Long>> nodes) {
        this.nodes = nodes;
    }

    public static NumaStat of(Map<Integer, Map<String, Long>> nodes) {
        Map<Integer, Map<String, Long>> copy = new TreeMap<>();
        nodes.forEach((node, counters) -> copy.put(node, Collections.unmodifiableMap(new LinkedHashMap<>(counters))));
        return new NumaStat(Collections.unmodifiableMap(copy));
    }

    /** Reads every {@code node<N>/numastat} under {@code <sysRoot>/devices/system/node}. */
    public static NumaStat read(Path sysRoot) {
        Path nodeDir = sysRoot.resolve("devices/system/node");
        Map<Integer, Map<String, Long>> nodes = new TreeMap<>();
        if (!Files.isDirectory(nodeDir)) {
            throw new IllegalStateException("no NUMA node directory at " + nodeDir
                    + " (kernel without NUMA support, or not Linux)");
        }
        try (DirectoryStream<Path> dirs = Files.newDirectoryStream(nodeDir)) {
            for (Path dir : dirs) {
                Matcher m = NODE_DIR.matcher(dir.getFileName().toString());
                Path file = dir.resolve("numastat");
                if (m.matches() && Files.isRegularFile(file)) {
                    nodes.put(Integer.parseInt(m.group(1)), parse(Files.readString(file), file.toString()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read numastat under " + nodeDir, e);
        }
        if (nodes.isEmpty()) {
            throw new IllegalStateException("no node*/numastat files under " + nodeDir);
        }
        return of(nodes);
    }

    /**
     * Parses {@code key value} lines (blank lines ignored).
     *
     * @throws IllegalArgumentException naming the source and line for anything else
     */
    public static Map<String, Long> parse(String text, String source) {
        Map<String, Long> counters = new LinkedHashMap<>();
        String[] lines = text.split("\n");
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length != 2) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": expected 'key value', got '"
                        + line + "'");
            }
            try {
                counters.put(parts[0], Long.parseLong(parts[1]));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(source + " line " + (i + 1) + ": value of " + parts[0]
                        + " is not an integer: '" + parts[1] + "'");
            }
        }
        return counters;
    }

    /** Node id to counter name to value, nodes in ascending order. */
    public Map<Integer, Map<String, Long>> nodes() {
        return nodes;
    }

    /**
     * Per-node, per-counter {@code this - before}. Nodes or counters present in only one snapshot are left out
     * (a node that went offline has no meaningful delta).
     */
    public NumaStat since(NumaStat before) {
        Map<Integer, Map<String, Long>> delta = new TreeMap<>();
        nodes.forEach((node, now) -> {
            Map<String, Long> then = before.nodes.get(node);
            if (then == null) {
                return;
            }
            Map<String, Long> d = new LinkedHashMap<>();
            now.forEach((counter, value) -> {
                Long old = then.get(counter);
                if (old != null) {
                    d.put(counter, value - old);
                }
            });
            delta.put(node, d);
        });
        return of(delta);
    }

    /** Sum of one counter over all nodes (0 if no node has it). */
    public long total(String counter) {
        long sum = 0;
        for (Map<String, Long> c : nodes.values()) {
            sum += c.getOrDefault(counter, 0L);
        }
        return sum;
    }

    /**
     * {@code local_node / (local_node + other_node)} summed over nodes: the share of allocations that landed on the
     * allocating CPU's node. NaN when nothing was allocated (undefined, not 0).
     */
    public double localShare() {
        long local = total("local_node");
        long other = total("other_node");
        return local + other == 0 ? Double.NaN : (double) local / (local + other);
    }

    @Override
    public String toString() {
        return nodes.toString();
    }
}
