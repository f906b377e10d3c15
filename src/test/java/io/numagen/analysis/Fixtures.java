package io.numagen.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;

import io.numagen.bench.run.Combinations;
import io.numagen.bench.run.MatrixRunner;

/**
 * Writes JMH result files in JMH 1.37's exact JSON layout (the "NaN" strings included) and whole synthetic result
 * folders (manifest.json, machine.json, cells/) with known true effects, for the tests and the committed sample.
 */
final class Fixtures {

    /** One benchmark entry: per-fork, per-iteration primary scores (ops/s) plus secondary metric scores. */
    record Entry(String benchmark, Map<String, String> params, double[][] raw, boolean withBytes, long size,
                 Map<String, Double> secondary) {
    }

    private Fixtures() {
    }

    /**
     * Writes a synthetic result folder: {@code Fixtures OUT_DIR HOST SEED [THREADS]}, THREADS comma-separated (default
     * 2; notebooks/example-synthetic-2node uses 1,2,4).
     */
    public static void main(String[] args) throws IOException {
        syntheticFolder(Path.of(args[0]), args[1], Long.parseLong(args[2]),
                args.length > 3 ? List.of(args[3].split(",")) : List.of("2"));
    }

    static JsonElement num(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : new JsonPrimitive(Double.isNaN(v) ? "NaN"
                : v > 0 ? "Infinity" : "-Infinity");
    }

    static JsonObject metric(double[][] raw, String unit) {
        double[] all = Arrays.stream(raw).flatMapToDouble(Arrays::stream).toArray();
        double mean = Stats.mean(all);
        JsonObject m = new JsonObject();
        m.add("score", num(mean));
        double err = all.length < 2 ? Double.NaN : 2.0 * Stats.sd(all) / Math.sqrt(all.length);
        m.add("scoreError", num(err));
        JsonArray conf = new JsonArray();
        conf.add(num(mean - err));
        conf.add(num(mean + err));
        m.add("scoreConfidence", conf);
        JsonObject pct = new JsonObject();
        for (String p : List.of("0.0", "50.0", "90.0", "95.0", "99.0", "99.9", "99.99", "99.999", "99.9999",
                "100.0")) {
            double q = Double.parseDouble(p);
            pct.add(p, num(q == 0 ? Arrays.stream(all).min().orElse(Double.NaN) : Stats.percentile(all, q)));
        }
        m.add("scorePercentiles", pct);
        m.addProperty("scoreUnit", unit);
        JsonArray r = new JsonArray();
        for (double[] fork : raw) {
            JsonArray f = new JsonArray();
            for (double v : fork) {
                f.add(num(v));
            }
            r.add(f);
        }
        m.add("rawData", r);
        return m;
    }

    static String jmhJson(List<Entry> entries) {
        JsonArray root = new JsonArray();
        for (Entry e : entries) {
            JsonObject o = new JsonObject();
            o.addProperty("jmhVersion", "1.37");
            o.addProperty("benchmark", "io.numagen.bench." + e.benchmark());
            o.addProperty("mode", "thrpt");
            o.addProperty("threads", 1);
            o.addProperty("forks", e.raw().length);
            o.addProperty("jvm", "/usr/lib/jvm/java-17-openjdk-amd64/bin/java");
            o.add("jvmArgs", new JsonArray());
            o.addProperty("jdkVersion", "17.0.15");
            o.addProperty("vmName", "OpenJDK 64-Bit Server VM");
            o.addProperty("vmVersion", "17.0.15+6-Debian-1deb12u1");
            o.addProperty("warmupIterations", 1);
            o.addProperty("warmupTime", "1 s");
            o.addProperty("warmupBatchSize", 1);
            o.addProperty("measurementIterations", e.raw()[0].length);
            o.addProperty("measurementTime", "1 s");
            o.addProperty("measurementBatchSize", 1);
            JsonObject params = new JsonObject();
            e.params().forEach(params::addProperty);
            o.add("params", params);
            o.add("primaryMetric", metric(e.raw(), "ops/s"));
            JsonObject sec = new JsonObject();
            if (e.withBytes()) {
                double[][] bytes = new double[e.raw().length][];
                for (int f = 0; f < bytes.length; f++) {
                    bytes[f] = Stats.times(e.raw()[f], e.size());
                }
                sec.add("bytes", metric(bytes, "ops/s"));
            }
            e.secondary().forEach((k, v) -> {
                double[][] one = new double[e.raw().length][];
                for (int f = 0; f < one.length; f++) {
                    one[f] = new double[e.raw()[f].length];
                    Arrays.fill(one[f], v);
                }
                sec.add(k, metric(one, k.startsWith("perf.") ? "#/op" : "ratio"));
            });
            o.add("secondaryMetrics", sec);
            root.add(o);
        }
        return new GsonBuilder().setPrettyPrinting().create().toJson(root);
    }

    static void writeJmh(Path file, List<Entry> entries) throws IOException {
        Files.createDirectories(file.getParent());
        Files.write(file, jmhJson(entries).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Forks × iterations around {@code mean}: each fork's level varies with relative standard deviation {@code rel}
     * (what differs between JVMs: JIT, page placement), its iterations by a quarter of that around the fork's level.
     */
    static double[][] samples(Random rnd, double mean, double rel, int forks, int iterations) {
        double[][] out = new double[forks][iterations];
        for (double[] f : out) {
            double level = mean * (1 + rel * rnd.nextGaussian());
            for (int i = 0; i < iterations; i++) {
                f[i] = level * (1 + rel / 4 * rnd.nextGaussian());
            }
        }
        return out;
    }

    /** Forks and iterations of every synthetic measurement. */
    static final int FORKS = 5;
    static final int ITERATIONS = 2;

    static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    /** The load record numactl-matrix.sh writes per cell. */
    static final String LOAD = "{\"loadBefore\":0.52,\"loadAfter\":1.75,\"runnableBefore\":1,\"runnableAfter\":3,"
            + "\"stealPercent\":0.25}";

    /** The parameter space of one cell, as the matrix script gives it to MatrixRunner (baselines in OFF only). */
    private static Map<String, Map<String, List<String>>> space(String mode, String binding, List<String> threads) {
        Map<String, Map<String, List<String>>> spaces = new LinkedHashMap<>();
        Map<String, List<String>> generate = new LinkedHashMap<>();
        generate.put("allocation", List.of("default", "bind"));
        generate.put("buffer", List.of("offheap"));
        generate.put("compress", List.of("1.0"));
        generate.put("dedup", List.of("1.0"));
        generate.put("firstTouch", List.of("false", "true"));
        generate.put("numaMode", List.of(mode));
        generate.put("pinning", List.of("none", "compact"));
        generate.put("size", List.of("64MiB"));
        generate.put("threads", threads);
        spaces.put("io.numagen.bench.NumaMatrixBenchmark.generate", generate);
        if (mode.equals("OFF")) {
            Map<String, List<String>> baseline = new LinkedHashMap<>();
            baseline.put("size", List.of("64MiB"));
            baseline.put("threads", threads);
            spaces.put("io.numagen.bench.BaselineBenchmark.fill", baseline);
            spaces.put("io.numagen.bench.BaselineBenchmark.naiveRandom", baseline);
            if (binding.equals("none")) {
                Map<String, List<String>> remote = new LinkedHashMap<>();
                remote.put("memoryNode", List.of("0", "1"));
                remote.put("size", List.of("64MiB"));
                remote.put("writerNode", List.of("0", "1"));
                spaces.put("io.numagen.bench.RemoteAccessBenchmark.write", remote);
            }
        }
        return spaces;
    }

    /** The nodes a process sees under the cell's numactl binding ("" = both nodes). */
    private static Combinations.Machine cellMachine(String cpus, String mems) {
        return new Combinations.Machine(nodes(mems), nodes(cpus));
    }

    private static Set<Integer> nodes(String list) {
        Set<Integer> out = new TreeSet<>();
        if (list.isEmpty()) {
            out.addAll(List.of(0, 1));
        } else {
            for (String n : list.split(" ")) {
                out.add(Integer.parseInt(n));
            }
        }
        return out;
    }

    /** True effects built into {@link #syntheticFolder}. */
    static final double PINNING_GAIN = 1.10;
    static final double FIRST_TOUCH_GAIN = 1.05;
    static final double REMOTE_FACTOR = 0.70;
    static final double TWO_NODE_EFFICIENCY = 0.90;
    static final double NOISE = 0.01;
    /** Throughput grows as (threads / 2)^THREAD_EXPONENT up to the cell's CPUs (2 per node), flat beyond. */
    static final double THREAD_EXPONENT = 0.85;

    /**
     * A result folder of a synthetic two-node host whose combinations are exactly those the harness would run: for
     * every cell (bindings none, local-0/1, remote-0-1/1-0, interleave, nodes-2 × modes OFF and AUTO) the parameter
     * space goes through {@link MatrixRunner#plan} with the cell's nodes, so OFF runs only the baseline
     * configuration of NumaMatrixBenchmark.generate and AUTO the valid pinning × firstTouch × allocation
     * combinations; what MatrixRunner leaves out is written to the cell's .skipped.json as it would be. Baselines
     * fill and naiveRandom and RemoteAccessBenchmark.write (writerNode × memoryNode, in none.OFF) run in the OFF
     * cells. True effects: pinning=compact ×1.10, firstTouch ×1.05, allocation=bind ×1, AUTO ×1, remote ×0.70,
     * two nodes ×2·0.90, fill = 3 × generator, naiveRandom = 0.2 × generator. Fork-to-fork noise 1 %. Every
     * benchmark with a threads parameter runs at threads=2.
     */
    static Path syntheticFolder(Path dir, String host, long seed) throws IOException {
        return syntheticFolder(dir, host, seed, List.of("2"));
    }

    /** Throughput at {@code threads} relative to 2 threads, on a cell with {@code cpus} CPUs. */
    static double threadFactor(String threads, int cpus) {
        return Math.pow(Math.min(Integer.parseInt(threads), cpus) / 2.0, THREAD_EXPONENT);
    }

    /**
     * The same at each of {@code threads} (numbers): throughput scales as (threads / 2)^{@value #THREAD_EXPONENT}
     * up to the CPUs of the cell (2 per node, 4 unbound), flat beyond.
     */
    static Path syntheticFolder(Path dir, String host, long seed, List<String> threads) throws IOException {
        Random rnd = new Random(seed);
        long size = 64L << 20;
        double gb = 1e9;
        String[][] spec = {
            {"none", "", "", "", "9.0"},
            {"local-0", "--cpunodebind=0 --membind=0", "0", "0", "10.0"},
            {"local-1", "--cpunodebind=1 --membind=1", "1", "1", "10.0"},
            {"remote-0-1", "--cpunodebind=0 --membind=1", "0", "1", String.valueOf(10.0 * REMOTE_FACTOR)},
            {"remote-1-0", "--cpunodebind=1 --membind=0", "1", "0", String.valueOf(10.0 * REMOTE_FACTOR)},
            {"interleave", "--interleave=all", "", "0 1", "8.5"},
            {"nodes-2", "--cpunodebind=0,1 --membind=0,1", "0 1", "0 1", String.valueOf(20.0 * TWO_NODE_EFFICIENCY)},
        };
        StringBuilder manifestCells = new StringBuilder();
        for (String mode : List.of("OFF", "AUTO")) {
            for (String[] b : spec) {
                String id = b[0] + "." + mode;
                double base = Double.parseDouble(b[4]) * gb;
                List<MatrixRunner.Run> runs = new ArrayList<>();
                List<MatrixRunner.Skipped> skipped = new ArrayList<>();
                MatrixRunner.plan(space(mode, b[0], threads), cellMachine(b[2], b[3]), runs, skipped);
                int cpus = b[2].isEmpty() ? 4 : 2 * b[2].split(" ").length;
                List<Entry> entries = new ArrayList<>();
                for (MatrixRunner.Run run : runs) {
                    Map<String, String> p = run.params();
                    String name = run.benchmark().substring("io.numagen.bench.".length());
                    double t = p.containsKey("threads") ? base * threadFactor(p.get("threads"), cpus) : base;
                    Map<String, Double> sec = new LinkedHashMap<>();
                    if (name.equals("NumaMatrixBenchmark.generate")) {
                        t *= ("compact".equals(p.get("pinning")) ? PINNING_GAIN : 1)
                                * ("true".equals(p.get("firstTouch")) ? FIRST_TOUCH_GAIN : 1);
                        sec.put("numa.localShare", b[0].startsWith("remote") ? 0.0
                                : b[0].equals("none") ? Double.NaN : 1.0);
                        sec.put("perf.page-faults", 16384.0 + ("true".equals(p.get("firstTouch")) ? 0 : 512));
                    } else if (name.equals("BaselineBenchmark.fill")) {
                        t *= 3;
                    } else if (name.equals("BaselineBenchmark.naiveRandom")) {
                        t *= 0.2;
                    } else {
                        t = 10 * gb * (p.get("writerNode").equals(p.get("memoryNode")) ? 1 : 0.65);
                    }
                    entries.add(new Entry(name, p, samples(rnd, t / size, NOISE, FORKS, ITERATIONS),
                            name.startsWith("NumaMatrixBenchmark"), size, sec));
                }
                writeJmh(dir.resolve("cells").resolve(id + ".json"), entries);
                Files.writeString(dir.resolve("cells").resolve(id + ".skipped.json"),
                        new GsonBuilder().setPrettyPrinting().create().toJson(skipped));
                Files.writeString(dir.resolve("cells").resolve(id + ".log"), "synthetic\n");
                if (manifestCells.length() > 0) {
                    manifestCells.append(",\n");
                }
                manifestCells.append(String.format(Locale.ROOT, "    {\"id\":\"%s\",\"binding\":\"%s\",\"numactl\":%s,"
                        + "\"cpuNodes\":[%s],\"memNodes\":[%s],\"numaMode\":\"%s\",\"command\":\"synthetic\","
                        + "\"status\":\"ok\",\"reason\":\"\",\"exitCode\":0,\"start\":\"2026-01-01T00:00:00Z\","
                        + "\"durationSeconds\":42,\"load\":" + LOAD + ",\"result\":\"cells/%s.json\","
                        + "\"log\":\"cells/%s.log\"}", id, b[0],
                        b[1].isEmpty() ? "[]" : "[\"" + b[1].replace(" ", "\",\"") + "\"]",
                        b[2].replace(" ", ","), b[3].replace(" ", ","), mode, id, id));
            }
        }
        // The A/A control: none.OFF's baseline configuration again as a separate cell (true ratio 1).
        String control = "none.OFF" + Analyzer.CONTROL_SUFFIX;
        List<Entry> controls = new ArrayList<>();
        for (String t : threads) {
            controls.add(new Entry("NumaMatrixBenchmark.generate", params("allocation", "default", "buffer", "offheap",
                    "compress", "1.0", "dedup", "1.0", "firstTouch", "false", "numaMode", "OFF", "pinning", "none",
                    "size", "64MiB", "threads", t),
                    samples(rnd, 9.0 * gb / size * threadFactor(t, 4), NOISE, FORKS, ITERATIONS), true, size,
                    Map.of()));
        }
        writeJmh(dir.resolve("cells").resolve(control + ".json"), controls);
        manifestCells.append(String.format(Locale.ROOT, ",\n    {\"id\":\"%s\",\"binding\":\"none\",\"numactl\":[],"
                + "\"cpuNodes\":[],\"memNodes\":[],\"numaMode\":\"OFF\",\"command\":\"synthetic\",\"status\":\"ok\","
                + "\"reason\":\"\",\"exitCode\":0,\"start\":\"2026-01-01T00:00:00Z\",\"durationSeconds\":42,"
                + "\"result\":\"cells/%s.json\",\"log\":\"cells/%s.log\"}", control, control, control));
        // One failed cell, as a crashed run leaves it: no JSON file.
        manifestCells.append(",\n    {\"id\":\"interleave.FORCE\",\"binding\":\"interleave\",\"numactl\":"
                + "[\"--interleave=all\"],\"cpuNodes\":[],\"memNodes\":[0,1],\"numaMode\":\"FORCE\",\"command\":"
                + "\"synthetic\",\"status\":\"failed\",\"reason\":\"exit code 1 (see cells/interleave.FORCE.log)\","
                + "\"exitCode\":1,\"start\":\"2026-01-01T00:00:00Z\",\"durationSeconds\":3,"
                + "\"result\":\"cells/interleave.FORCE.json\",\"log\":\"cells/interleave.FORCE.log\"}");
        Files.writeString(dir.resolve("manifest.json"), "{\n  \"schema\": \"numagen.manifest/1\",\n  \"host\": \""
                + host + "\",\n  \"preset\": \"synthetic\",\n  \"modes\": [\"OFF\",\"AUTO\",\"FORCE\"],\n"
                + "  \"cells\": [\n" + manifestCells + "\n  ]\n}\n");
        Files.writeString(dir.resolve("machine.json"), "{\n  \"host\": \"" + host + "\",\n  \"cpuModel\": "
                + "\"SYNTHETIC DATA (test fixture, not a measurement)\",\n  \"cpus\": 4,\n  \"kernel\": \"n/a\",\n"
                + "  \"nodes\": [{\"node\":0,\"cpulist\":\"0-1\",\"distance\":\"10 21\"},"
                + "{\"node\":1,\"cpulist\":\"2-3\",\"distance\":\"21 10\"}]\n}\n");
        return dir;
    }
}
