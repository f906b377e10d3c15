package io.numagen.bench.run;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns one publication run of GeneratorBenchmark.oneShot and .piped and BaselineBenchmark (JMH JSON files of one
 * session, optionally with an earlier commit's GeneratorBenchmark in the same session) into the tables and target
 * checks of
 * {@code results/generator-vs-baselines}: every figure is computed here from the data, none typed by hand.
 *
 * <p>The unit of variance is the fork: each cell is the median of per-fork means of the {@code bytes} metric (GB/s =
 * 10^9 bytes/s), shown with the fork range and n. Ratios are ratios of those medians, all from the same run.
 *
 * <pre>java -cp target/benchmarks.jar io.numagen.bench.run.SpeedTable [--earlier EARLIER.json] RESULT.json... &gt; README.md</pre>
 */
public final class SpeedTable {
    private static final String[] SIZES = {"8MiB", "256MiB"};

    /** A cell: per-fork means in GB/s. */
    record Cell(double[] forkMeans) {
        double median() {
            double[] s = forkMeans.clone();
            Arrays.sort(s);
            int n = s.length;
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }

        String show() {
            double[] s = forkMeans.clone();
            Arrays.sort(s);
            return String.format(Locale.ROOT, "%.2f [%.2f–%.2f] n=%d", median(), s[0], s[s.length - 1], s.length);
        }
    }

    private final Map<String, Cell> cells = new TreeMap<>();
    private final List<String> threadValues = new ArrayList<>();

    public static void main(String[] args) throws IOException {
        SpeedTable t = new SpeedTable();
        int loaded = 0;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--earlier") && i + 1 < args.length) {
                t.load(Path.of(args[++i]), "earlier:");
            } else {
                t.load(Path.of(args[i]), "");
                loaded++;
            }
        }
        if (loaded == 0) {
            System.err.println("usage: SpeedTable [--earlier EARLIER.json] RESULT.json...");
            System.exit(2);
        }
        System.out.print(t.markdown());
    }

    private void load(Path json, String prefix) throws IOException {
        JsonArray runs = JsonParser.parseString(Files.readString(json)).getAsJsonArray();
        for (JsonElement e : runs) {
            JsonObject run = e.getAsJsonObject();
            String benchmark = run.get("benchmark").getAsString();
            benchmark = benchmark.substring(benchmark.lastIndexOf('.', benchmark.lastIndexOf('.') - 1) + 1);
            JsonObject params = run.has("params") ? run.getAsJsonObject("params") : new JsonObject();
            JsonObject bytes = run.getAsJsonObject("secondaryMetrics").getAsJsonObject("bytes");
            JsonArray forks = bytes.getAsJsonArray("rawData");
            double[] means = new double[forks.size()];
            for (int f = 0; f < forks.size(); f++) {
                JsonArray iterations = forks.get(f).getAsJsonArray();
                double sum = 0;
                for (JsonElement it : iterations) {
                    sum += it.getAsDouble();
                }
                means[f] = sum / iterations.size() / 1e9;
            }
            String threads = param(params, "threads");
            if (!threadValues.contains(threads)) {
                threadValues.add(threads);
            }
            cells.put(key(prefix + benchmark, param(params, "kernel"), param(params, "compress"),
                    param(params, "size"), threads), new Cell(means));
        }
    }

    private static String param(JsonObject params, String name) {
        return params.has(name) ? params.get(name).getAsString() : "-";
    }

    private static String key(String benchmark, String kernel, String compress, String size, String threads) {
        return benchmark + "|" + kernel + "|" + compress + "|" + size + "|" + threads;
    }

    private Optional<Cell> generator(String kernel, String compress, String size, String threads) {
        return Optional.ofNullable(cells.get(key("GeneratorBenchmark.oneShot", kernel, compress, size, threads)));
    }

    private Optional<Cell> piped(String compress, String size, String threads) {
        return Optional.ofNullable(cells.get(key("GeneratorBenchmark.piped", "vector", compress, size, threads)));
    }

    private Optional<Cell> baseline(String method, String size, String threads) {
        return Optional.ofNullable(cells.get(key("BaselineBenchmark." + method, "-", "-", size, threads)));
    }

    private Optional<Cell> earlier(String compress, String size, String threads) {
        return Optional.ofNullable(cells.get(key("earlier:GeneratorBenchmark.oneShot", "-", compress, size,
                threads)));
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("### Throughput, GB/s (median of per-fork means [fork range], n forks)\n\n");
        md.append("| size | threads | compress | vector kernel | scalar kernel | vector, piped | memset | vector stores "
                + "| long stores | SplittableRandom |\n|---|---|---|---|---|---|---|---|---|---|\n");
        for (String size : SIZES) {
            for (String threads : threadValues) {
                for (String compress : new String[] {"1", "3"}) {
                    if (generator("vector", compress, size, threads).isEmpty()) {
                        continue;
                    }
                    boolean plain = compress.equals("1");
                    md.append("| ").append(size).append(" | ").append(threads).append(" | ")
                            .append(compress).append(" | ")
                            .append(show(generator("vector", compress, size, threads))).append(" | ")
                            .append(show(generator("scalar", compress, size, threads))).append(" | ")
                            .append(show(piped(compress, size, threads))).append(" | ")
                            .append(plain ? show(baseline("fill", size, threads)) : "").append(" | ")
                            .append(plain ? show(baseline("storeVectors", size, threads)) : "").append(" | ")
                            .append(plain ? show(baseline("storeLongs", size, threads)) : "").append(" | ")
                            .append(plain ? show(baseline("naiveRandom", size, threads)) : "").append(" |\n");
                }
            }
        }
        md.append("\n### Ratios (same run)\n\n| size | threads | vector / scalar | vector / memset "
                + "| vector / vector stores | compress 3: vector / earlier commit |\n|---|---|---|---|---|---|\n");
        for (String size : SIZES) {
            for (String threads : threadValues) {
                Optional<Cell> vector = generator("vector", "1", size, threads);
                if (vector.isEmpty()) {
                    continue;
                }
                md.append("| ").append(size).append(" | ").append(threads).append(" | ")
                        .append(ratio(vector, generator("scalar", "1", size, threads))).append(" | ")
                        .append(ratio(vector, baseline("fill", size, threads))).append(" | ")
                        .append(ratio(vector, baseline("storeVectors", size, threads))).append(" | ")
                        .append(ratio(generator("vector", "3", size, threads), earlier("3", size, threads)))
                        .append(" |\n");
            }
        }
        md.append("\n### Targets (issue 9)\n\n");
        String one = threadValues.isEmpty() ? "1" : threadValues.get(0);
        String many = threadValues.size() > 1 ? threadValues.get(1) : one;
        target(md, "vector >= 3x scalar, 256 MiB, 1 thread", 3,
                generator("vector", "1", "256MiB", one), generator("scalar", "1", "256MiB", one));
        target(md, "vector >= 0.8x memset, 256 MiB, 1 thread", 0.8,
                generator("vector", "1", "256MiB", one), baseline("fill", "256MiB", one));
        target(md, "vector, " + many + " threads >= 1.7x 1 thread, 256 MiB", 1.7,
                generator("vector", "1", "256MiB", many), generator("vector", "1", "256MiB", one));
        Optional<Cell> cached = generator("vector", "1", "8MiB", one);
        md.append(String.format(Locale.ROOT, "- vector >= 40 GB/s per thread, 8 MiB, 1 thread: %s%n",
                cached.map(c -> String.format(Locale.ROOT, "%.1f GB/s, %s", c.median(),
                        c.median() >= 40 ? "met" : "missed")).orElse("not measured")));
        target(md, "compress 3 >= 2.5x the earlier commit per thread, 256 MiB, 1 thread", 2.5,
                generator("vector", "3", "256MiB", one), earlier("3", "256MiB", one));
        return md.toString();
    }

    private static void target(StringBuilder md, String what, double goal, Optional<Cell> a, Optional<Cell> b) {
        md.append("- ").append(what).append(": ");
        if (a.isEmpty() || b.isEmpty()) {
            md.append("not measured\n");
            return;
        }
        double r = a.get().median() / b.get().median();
        md.append(String.format(Locale.ROOT, "%.2fx, %s%n", r, r >= goal ? "met" : "missed"));
    }

    private static String show(Optional<Cell> c) {
        return c.map(Cell::show).orElse("–");
    }

    private static String ratio(Optional<Cell> a, Optional<Cell> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f", a.get().median() / b.get().median());
    }
}
