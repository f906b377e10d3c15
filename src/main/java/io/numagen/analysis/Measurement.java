package io.numagen.analysis;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;

/**
 * One benchmark × parameter combination of one matrix cell: its measurement iterations fork by fork (bytes/s when
 * the size is known, else the JMH score unit) and the means of its secondary metrics (NaN = unavailable).
 *
 * <p>The fork is the statistical unit: iterations of one JVM share its JIT decisions, heap layout and page placement,
 * so they are not independent samples. Statistics use {@link #forkMeans()}; iterations only show within-fork
 * stability.
 *
 * @param id             stable identifier: host/cell/benchmark[params]
 * @param host           host that produced it
 * @param cellId         matrix cell (binding + NUMA mode) or the result file name when there is no manifest
 * @param binding        binding label of the cell (none, local-0, remote-0-1, interleave, nodes-2, ...)
 * @param cpuNodes       NUMA nodes the CPUs were bound to (empty = unbound)
 * @param memNodes       NUMA nodes memory was bound to (empty = unbound / interleaved)
 * @param benchmark      benchmark without the package, e.g. NumaMatrixBenchmark.generate
 * @param params         JMH parameters, sorted by name
 * @param unit           unit of {@code forks}: "bytes/s" or the JMH score unit
 * @param higherIsBetter true for throughput (thrpt mode, bytes/s), false for time per operation (avgt, ss, sample)
 * @param forks          measurement iterations, one array per fork
 * @param secondary      secondary metric name → mean score and unit (NaN when JMH wrote NaN)
 * @param file           the JMH JSON file it came from
 */
public record Measurement(String id, String host, String cellId, String binding, List<Integer> cpuNodes,
                          List<Integer> memNodes, String benchmark, SortedMap<String, String> params, String unit,
                          boolean higherIsBetter, double[][] forks, SortedMap<String, Counter> secondary,
                          String file) {

    /** A secondary metric's mean score and its unit. */
    public record Counter(double value, String unit) {
    }

    public String param(String name) {
        return params.get(name);
    }

    /** Number of forks: the n of every statistic. */
    public int n() {
        return forks.length;
    }

    /** Mean of each fork's iterations. */
    public double[] forkMeans() {
        double[] m = new double[forks.length];
        for (int i = 0; i < m.length; i++) {
            m[i] = Stats.mean(forks[i]);
        }
        return m;
    }

    /** Every iteration of every fork (for within-fork stability only). */
    public double[] samples() {
        return Arrays.stream(forks).flatMapToDouble(Arrays::stream).toArray();
    }

    /**
     * Geometric mean of the fork means: the quantity the ratios compare (a ratio is treatment.mean() /
     * baseline.mean() exactly).
     */
    public double mean() {
        return Stats.geometricMean(forkMeans());
    }

    /** 95 % interval of {@link #mean()} over forks (log scale, so always positive); NaN below two forks. */
    public double[] interval() {
        return Stats.logMeanInterval(forkMeans());
    }

    /** Coefficient of variation of the fork means (sd / mean); NaN below two forks. */
    public double cv() {
        double[] m = forkMeans();
        return Stats.sd(m) / Stats.mean(m);
    }

    /** Mean of a secondary metric, NaN when absent. */
    public double counter(String name) {
        Counter c = secondary.get(name);
        return c == null ? Double.NaN : c.value();
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

    /** The same measurement under another host name (merged or compared runs). */
    public Measurement withHost(String newHost) {
        String newId = id.startsWith(host + "/") ? newHost + id.substring(host.length()) : newHost + "/" + id;
        return new Measurement(newId, newHost, cellId, binding, cpuNodes, memNodes, benchmark, params, unit,
                higherIsBetter, forks, secondary, file);
    }

    /** The same measurement under another id (duplicates within one folder). */
    public Measurement withId(String newId) {
        return new Measurement(newId, host, cellId, binding, cpuNodes, memNodes, benchmark, params, unit,
                higherIsBetter, forks, secondary, file);
    }
}
