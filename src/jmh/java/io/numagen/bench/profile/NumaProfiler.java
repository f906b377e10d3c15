package io.numagen.bench.profile;

import io.numagen.metrics.NumaStat;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;
import org.openjdk.jmh.results.TextResult;
import org.openjdk.jmh.runner.IterationType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Per-iteration NUMA allocation counters and page placement.
 *
 * <ul>
 *   <li>{@code numa.node<N>.<counter>}: the delta of each {@code /sys/devices/system/node/node<N>/numastat} counter
 *       (numa_hit, numa_miss, numa_foreign, interleave_hit, local_node, other_node) over the iteration, in pages.
 *       <b>Node-wide: they count allocations by every process on the machine</b>, not only the benchmark's.</li>
 *   <li>{@code numa.localShare}: local_node / (local_node + other_node) over all nodes; omitted for an iteration
 *       that allocated nothing (undefined, not 0).</li>
 *   <li>{@code numa.placement.node<N>.share} and {@code numa.placement.pages}: where the resident pages of the
 *       buffer a benchmark published through {@link PlacementProbe} are, queried after the iteration. Absent when
 *       the benchmark publishes nothing.</li>
 * </ul>
 *
 * Options: {@code root=} (sysfs root, default /sys), {@code placement=false} to skip the placement query.
 * Use {@code -prof io.numagen.bench.profile.NumaProfiler} (JMH gives short names only to its built-in profilers).
 */
public final class NumaProfiler implements InternalProfiler {

    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("root", "sysfs root holding devices/system/node (default /sys)");
        OPTIONS.put("placement", "query the benchmark's published buffer placement (default true)");
    }

    static final String NOTE = "numa.node<N>.* are deltas of /sys/devices/system/node/node<N>/numastat over each "
            + "iteration, in pages; these counters are node-wide (all processes on the machine, not only this "
            + "benchmark).";

    private final Path root;
    private final boolean placement;
    private NumaStat before;
    private boolean noteGiven;
    private String placementFailure;

    /** For ServiceLoader discovery (-lprof); never throws. */
    public NumaProfiler() {
        this.root = Paths.get("/sys");
        this.placement = true;
    }

    public NumaProfiler(String initLine) throws ProfilerException {
        ProfilerOptions o = ProfilerOptions.parse(NumaProfiler.class, initLine, OPTIONS);
        this.root = Paths.get(o.get("root", "/sys"));
        this.placement = o.flag("placement", true);
        Path nodeDir = root.resolve("devices/system/node");
        if (!Files.isDirectory(nodeDir)) {
            throw new ProfilerException("no " + nodeDir + ": this kernel exposes no NUMA nodes");
        }
        try {
            NumaStat.read(root);
        } catch (RuntimeException e) {
            throw new ProfilerException("cannot read numastat: " + e.getMessage());
        }
    }

    @Override
    public String getDescription() {
        return "NUMA: per-node numastat deltas (node-wide, all processes) and the benchmark buffer's page placement";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        before = NumaStat.read(root);
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        NumaStat delta = NumaStat.read(root).since(before);
        List<Result<?>> out = new ArrayList<>();
        delta.nodes().forEach((node, counters) -> counters.forEach((counter, value) ->
                out.add(new ScalarResult("numa.node" + node + "." + counter, value, "pages", AggregationPolicy.AVG))));
        double local = delta.localShare();
        if (!Double.isNaN(local)) {
            out.add(new SparseScalarResult("numa.localShare", local, "ratio"));
        }
        if (placement) {
            out.addAll(placement(delta.nodes().keySet()));
        }
        if (iterationParams.getType() == IterationType.MEASUREMENT && !noteGiven) {
            noteGiven = true;
            String text = NOTE + (placementFailure == null ? "" : "\nplacement query failed: " + placementFailure);
            out.add(new TextResult(text, "note.numa"));
        }
        return out;
    }

    private List<Result<?>> placement(java.util.Set<Integer> machineNodes) {
        PlacementProbe.Placement placement = PlacementProbe.take();
        if (placement == null) {
            return List.of();
        }
        if (placement.failure() != null) {
            if (placementFailure == null) {
                placementFailure = String.valueOf(placement.failure());
                ProfilerLog.line(NumaProfiler.class, "placement query failed, no placement metrics: "
                        + placementFailure);
            }
            return List.of();
        }
        Map<Integer, Long> pages = placement.pagesPerNode();
        long total = 0;
        for (long p : pages.values()) {
            total += p;
        }
        List<Result<?>> out = new ArrayList<>();
        if (total > 0) { // no resident pages: nothing was measured (buffer gone or untouched), so no numbers
            out.add(new SparseScalarResult("numa.placement.pages", total, "pages"));
            // Every node of the machine gets a share: 0 is a measured "no pages there", not a missing value.
            java.util.Set<Integer> nodes = new java.util.TreeSet<>(machineNodes);
            nodes.addAll(pages.keySet());
            for (int node : nodes) {
                out.add(new SparseScalarResult("numa.placement.node" + node + ".share",
                        (double) pages.getOrDefault(node, 0L) / total, "ratio"));
            }
        }
        return out;
    }
}
