package io.numagen.analysis;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One benchmark × parameter combination of one matrix cell: its per-iteration throughput samples (bytes/s when
 * the size is known, else ops/s) and the means of its secondary metrics (NaN = unavailable).
 *
 * @param id        stable identifier: host/cell/benchmark[params]
 * @param host      host that produced it
 * @param cellId    matrix cell (binding + NUMA mode) or the result file name when there is no manifest
 * @param binding   binding label of the cell (none, local-0, remote-0-1, interleave, nodes-2, ...)
 * @param cpuNodes  NUMA nodes the CPUs were bound to (empty = unbound)
 * @param memNodes  NUMA nodes memory was bound to (empty = unbound / interleaved)
 * @param benchmark benchmark without the package, e.g. NumaMatrixBenchmark.generate
 * @param params    JMH parameters, sorted by name
 * @param unit      unit of {@code samples}: "bytes/s" or the JMH score unit
 * @param samples   every measurement iteration of every fork
 * @param secondary secondary metric name → mean score (NaN when JMH wrote NaN)
 * @param file      the JMH JSON file it came from
 */
public record Measurement(String id, String host, String cellId, String binding, List<Integer> cpuNodes,
                          List<Integer> memNodes, String benchmark, SortedMap<String, String> params, String unit,
                          double[] samples, SortedMap<String, Double> secondary, String file) {

    public String param(String name) {
        return params.get(name);
    }

    public double mean() {
        return Stats.mean(samples);
    }

    /** Parameters as "a=1,b=2". */
    public String paramText() {
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, String> e : params.entrySet()) {
            if (b.length() > 0) {
                b.append(',');
            }
            b.append(e.getKey()).append('=').append(e.getValue());
        }
        return b.toString();
    }

    /** Number of NUMA nodes the cell ran on (CPU binding), 0 when unbound. */
    public int nodeCount() {
        return cpuNodes.size();
    }
}
