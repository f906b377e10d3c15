package io.numagen.analysis;

import io.numagen.generator.ByteSize;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.DoubleUnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * Loads result folders written by {@code scripts/numactl-matrix.sh} ({@code manifest.json}, {@code machine.json},
 * {@code cells/*.json}) or plain folders of JMH JSON files, into {@link Measurement}s.
 */
public final class ResultLoader {

    /** Files in a result folder that are not JMH results. */
    private static final Set<String> NOT_JMH = Set.of("manifest.json", "machine.json", "summary.json");
    /** MatrixRunner's list of skipped parameter combinations, written next to each JMH result file. */
    private static final String SKIPPED_SUFFIX = ".skipped.json";
    private static final Pattern BINDING = Pattern.compile(
            "(none|local-(\\d+)|remote-(\\d+)-(\\d+)|interleave|nodes-(\\d+))(?:\\.(OFF|AUTO|FORCE))?(?:\\.control)?");

    /** One matrix cell as listed by the manifest (or inferred from a file name); {@code load} null = not recorded. */
    public record Cell(String host, String id, String binding, List<String> numactl, List<Integer> cpuNodes,
                       List<Integer> memNodes, String numaMode, String command, String status, String reason,
                       Integer exitCode, String start, Double durationSeconds, String result, Load load) {

        public Cell withHost(String newHost) {
            return new Cell(newHost, id, binding, numactl, cpuNodes, memNodes, numaMode, command, status, reason,
                    exitCode, start, durationSeconds, result, load);
        }
    }

    /**
     * The machine's load around one cell, from numactl-matrix.sh: 1-minute load average and runnable tasks just
     * before and just after the cell, and the share of CPU time stolen by the hypervisor during it.
     */
    public record Load(double loadBefore, double loadAfter, int runnableBefore, int runnableAfter,
                       double stealPercent) {

        /** Reads the manifest's "load" object; null when absent or not an object; steal NaN when null. */
        static Load of(JsonElement e) {
            if (e == null || !e.isJsonObject()) {
                return null;
            }
            JsonObject o = e.getAsJsonObject();
            JsonElement steal = o.get("stealPercent");
            return new Load(o.get("loadBefore").getAsDouble(), o.get("loadAfter").getAsDouble(),
                    o.get("runnableBefore").getAsInt(), o.get("runnableAfter").getAsInt(),
                    steal == null || steal.isJsonNull() ? Double.NaN : steal.getAsDouble());
        }
    }

    /** A parameter combination MatrixRunner left out of a cell, and why. */
    public record Skip(String cellId, String benchmark, String params, String reason) {
    }

    /** One loaded result folder; {@code manifest} is null without one (plain JMH files). */
    public record Folder(Path dir, String host, JsonObject machine, JsonObject manifest, List<Cell> cells,
                         List<Measurement> measurements, List<Skip> skipped) {

        /** The same folder under another host name. */
        public Folder withHost(String newHost) {
            List<Cell> cs = new ArrayList<>();
            cells.forEach(c -> cs.add(c.withHost(newHost)));
            List<Measurement> ms = new ArrayList<>();
            measurements.forEach(m -> ms.add(m.withHost(newHost)));
            return new Folder(dir, newHost, machine, manifest, cs, ms, skipped);
        }
    }

    private ResultLoader() {
    }

    /**
     * Finds the result folders under {@code dir}: the folder itself if it holds a manifest or JMH files, else
     * every sub-folder (a few levels down) holding a manifest.json.
     */
    public static List<Path> discover(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            throw new IllegalArgumentException(dir + ": no such file or directory");
        }
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + ": not a directory");
        }
        if (isResultFolder(dir)) {
            return List.of(dir);
        }
        List<Path> found;
        try (Stream<Path> s = Files.walk(dir, 6)) {
            found = s.filter(p -> p.getFileName().toString().equals("manifest.json"))
                    .map(Path::getParent).sorted().collect(Collectors.toList());
        }
        if (found.isEmpty()) {
            throw new IllegalArgumentException(dir + ": no results found (no manifest.json, no cells/*.json, "
                    + "no JMH *.json files)");
        }
        return found;
    }

    private static boolean isResultFolder(Path dir) throws IOException {
        if (Files.isRegularFile(dir.resolve("manifest.json")) || Files.isDirectory(dir.resolve("cells"))) {
            return true;
        }
        return !jmhFiles(dir).isEmpty();
    }

    private static List<Path> jmhFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isRegularFile)
                    .filter(p -> {
                        String n = p.getFileName().toString();
                        return n.endsWith(".json") && !n.startsWith(".") && !NOT_JMH.contains(n)
                                && !n.endsWith(SKIPPED_SUFFIX);
                    })
                    .sorted().collect(Collectors.toList());
        }
    }

    /** Loads one result folder (see {@link #discover}). */
    public static Folder load(Path dir) throws IOException {
        JsonObject machine = null;
        Path machineFile = dir.resolve("machine.json");
        if (Files.isRegularFile(machineFile)) {
            machine = object(machineFile);
        }
        Path manifestFile = dir.resolve("manifest.json");
        JsonObject manifest = Files.isRegularFile(manifestFile) ? object(manifestFile) : null;
        String host = null;
        String manifestHost = manifest == null ? null : JsonFields.str(manifest, "host", manifestFile.toString());
        String machineHost = machine == null ? null : JsonFields.str(machine, "host", machineFile.toString());
        if (manifestHost != null) {
            host = manifestHost;
            String label = JsonFields.str(manifest, "label", manifestFile.toString());
            if (label != null && !label.isEmpty()) {
                host = host + ":" + label;
            }
        } else if (machineHost != null) {
            host = machineHost;
        } else {
            Path abs = dir.toAbsolutePath().normalize();
            Path parent = abs.getParent();
            host = parent != null && abs.getFileName().toString().matches("\\d{8}T\\d{6}Z?")
                    ? parent.getFileName().toString() : abs.getFileName().toString();
        }
        List<Cell> cells = new ArrayList<>();
        Map<Cell, Path> files = new LinkedHashMap<>();
        if (manifest != null) {
            JsonElement cs = manifest.get("cells");
            if (cs == null || !cs.isJsonArray()) {
                throw new IllegalArgumentException(manifestFile + ": field 'cells' missing or not an array");
            }
            JsonArray array = cs.getAsJsonArray();
            for (int i = 0; i < array.size(); i++) {
                Cell c = manifestCell(array.get(i), host, manifestFile + ": cells[" + i + "]");
                cells.add(c);
                if ("ok".equals(c.status())) {
                    Path f = dir.resolve(c.result() != null ? c.result() : "cells/" + c.id() + ".json");
                    if (!Files.isRegularFile(f)) {
                        throw new IllegalArgumentException(manifestFile + ": cell " + c.id()
                                + " has status ok but its result file " + f + " is missing");
                    }
                    files.put(c, f);
                }
            }
        } else {
            List<Path> list = new ArrayList<>(jmhFiles(dir.resolve("cells")));
            list.addAll(jmhFiles(dir));
            if (list.isEmpty()) {
                throw new IllegalArgumentException(dir + ": no JMH result files (*.json) and no manifest.json");
            }
            for (Path f : list) {
                String id = f.getFileName().toString().replaceFirst("\\.json$", "");
                Cell c = inferredCell(host, id, f);
                cells.add(c);
                files.put(c, f);
            }
        }
        List<Measurement> measurements = new ArrayList<>();
        List<Skip> skipped = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        for (Map.Entry<Cell, Path> e : files.entrySet()) {
            Cell c = e.getKey();
            for (JmhJson.Entry entry : JmhJson.read(e.getValue())) {
                Measurement m = measurement(c, entry, e.getValue().toString());
                String id = m.id();
                for (int k = 2; !ids.add(id); k++) {
                    id = m.id() + "#" + k;
                }
                if (!id.equals(m.id())) {
                    m = m.withId(id);
                }
                measurements.add(m);
            }
            skipped.addAll(skipped(c.id(), e.getValue()));
        }
        return new Folder(dir, host, machine, manifest, Collections.unmodifiableList(cells),
                Collections.unmodifiableList(measurements), Collections.unmodifiableList(skipped));
    }

    /**
     * MatrixRunner's list of the combinations it left out of a cell ({@code <result stem>.skipped.json}); none when
     * the file is absent (plain JMH runs) or unreadable (the list only explains, it holds no results).
     */
    static List<Skip> skipped(String cellId, Path resultFile) throws IOException {
        Path f = resultFile.resolveSibling(resultFile.getFileName().toString().replaceFirst("\\.json$", "")
                + SKIPPED_SUFFIX);
        List<Skip> out = new ArrayList<>();
        if (!Files.isRegularFile(f)) {
            return out;
        }
        try {
            for (JsonElement e : JsonParser.parseString(Files.readString(f)).getAsJsonArray()) {
                JsonObject o = e.getAsJsonObject();
                String bench = o.get("benchmark").getAsString();
                String params = o.getAsJsonObject("params").entrySet().stream()
                        .map(p -> p.getKey() + "=" + p.getValue().getAsString()).sorted()
                        .collect(Collectors.joining(","));
                out.add(new Skip(cellId, bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1),
                        params, o.get("reason").getAsString()));
            }
        } catch (RuntimeException e) {
            return List.of(new Skip(cellId, "?", "", f + " unreadable (" + e.getMessage() + "): skipped "
                    + "combinations not listed"));
        }
        return out;
    }

    private static JsonObject object(Path file) throws IOException {
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new IllegalArgumentException(file + ": empty file");
        }
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException(file + ": expected a JSON object at the top level");
            }
            return e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (truncated or corrupt?): " + e.getMessage(), e);
        }
    }

    private static Cell manifestCell(JsonElement e, String host, String where) {
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException(where + ": expected an object");
        }
        JsonObject o = e.getAsJsonObject();
        for (String f : List.of("id", "binding", "status")) {
            if (!o.has(f) || !o.get(f).isJsonPrimitive()) {
                throw new IllegalArgumentException(where + ": field '" + f + "' missing");
            }
        }
        String status = o.get("status").getAsString();
        if (!Set.of("ok", "failed", "skipped", "pending", "running").contains(status)) {
            throw new IllegalArgumentException(where + ": unknown status '" + status + "'");
        }
        return new Cell(host, o.get("id").getAsString(), o.get("binding").getAsString(),
                JsonFields.strings(o, "numactl", where), JsonFields.ints(o, "cpuNodes", where),
                JsonFields.ints(o, "memNodes", where), JsonFields.str(o, "numaMode", where),
                JsonFields.str(o, "command", where), status, JsonFields.str(o, "reason", where),
                JsonFields.integer(o, "exitCode", where), JsonFields.str(o, "start", where),
                JsonFields.number(o, "durationSeconds", where), JsonFields.str(o, "result", where),
                load(o.get("load"), where));
    }

    private static Load load(JsonElement e, String where) {
        try {
            return Load.of(e);
        } catch (RuntimeException ex) {
            throw new IllegalArgumentException(where + ": load: expected loadBefore, loadAfter, runnableBefore, "
                    + "runnableAfter and stealPercent numbers, found " + e);
        }
    }

    /** A cell without a manifest: the binding is read from the file name when it follows the matrix naming. */
    static Cell inferredCell(String host, String id, Path file) {
        Matcher m = BINDING.matcher(id);
        String binding = "none";
        List<Integer> cpu = List.of();
        List<Integer> mem = List.of();
        String mode = null;
        if (m.matches()) {
            binding = m.group(1);
            mode = m.group(6);
            if (m.group(2) != null) {
                int n = Integer.parseInt(m.group(2));
                cpu = List.of(n);
                mem = List.of(n);
            } else if (m.group(3) != null) {
                cpu = List.of(Integer.parseInt(m.group(3)));
                mem = List.of(Integer.parseInt(m.group(4)));
            } else if (m.group(5) != null) {
                int k = Integer.parseInt(m.group(5));
                List<Integer> nodes = new ArrayList<>();
                for (int i = 0; i < k; i++) {
                    nodes.add(i);
                }
                cpu = nodes;
                mem = nodes;
            }
        }
        return new Cell(host, id, binding, List.of(), cpu, mem, mode, null, "ok", null, null, null, null,
                file.getFileName().toString(), null);
    }

    /**
     * One JMH entry as a measurement. Throughput is bytes/s whenever the bytes per operation are known: the
     * {@code bytes} counter of thrpt mode, else the {@code size} param times ops per second (thrpt) or divided by the
     * time per operation (avgt, ss, sample), so a time-per-op run of the same benchmark reads exactly as its thrpt
     * twin. Without a size the JMH score and unit are kept, and the direction comes from the unit: time per op is
     * better when lower.
     */
    static Measurement measurement(Cell c, JmhJson.Entry e, String file) {
        SortedMap<String, String> params = new TreeMap<>(e.params());
        double[][] forks;
        String unit = "bytes/s";
        boolean higherIsBetter = true;
        JmhJson.Metric bytes = e.secondary().get("bytes");
        long size = parseSize(params.get("size"));
        double perSecond = perSecond(e.primary().unit());
        double secondsPerOp = secondsPerOp(e.primary().unit());
        if (bytes != null && bytes.forks().length > 0 && perSecond(bytes.unit()) > 0) {
            forks = map(bytes.forks(), x -> x * perSecond(bytes.unit()));
        } else if (size > 0 && perSecond > 0) {
            forks = map(e.primary().forks(), x -> x * size * perSecond);
        } else if (size > 0 && secondsPerOp > 0) {
            forks = map(e.primary().forks(), x -> size / (x * secondsPerOp));
        } else {
            forks = map(e.primary().forks(), x -> x);
            unit = e.primary().unit();
            higherIsBetter = secondsPerOp > 0 ? false : perSecond > 0 || "thrpt".equals(e.mode());
        }
        SortedMap<String, Measurement.Counter> secondary = new TreeMap<>();
        for (Map.Entry<String, JmhJson.Metric> s : e.secondary().entrySet()) {
            // note.* are JMH TextResults: in JSON only a "NaN" score with unit "---" (the text is lost).
            if (!s.getKey().equals("bytes") && !s.getKey().startsWith("note.")) {
                secondary.put(s.getKey(), new Measurement.Counter(s.getValue().score(), s.getValue().unit()));
            }
        }
        String id = c.host() + "/" + c.id() + "/" + e.shortName()
                + (params.isEmpty() ? "" : "[" + params.entrySet().stream().map(x -> x.getKey() + "=" + x.getValue())
                .collect(Collectors.joining(",")) + "]");
        return new Measurement(id, c.host(), c.id(), c.binding(), c.cpuNodes(), c.memNodes(), e.shortName(), params,
                unit, higherIsBetter, forks, secondary, file);
    }

    private static double[][] map(double[][] forks, DoubleUnaryOperator f) {
        double[][] out = new double[forks.length][];
        for (int i = 0; i < forks.length; i++) {
            out[i] = Arrays.stream(forks[i]).map(f).toArray();
        }
        return out;
    }

    /** Seconds per unit of a JMH time-per-operation unit (ns/op, us/op, ms/op, s/op, min/op); 0 otherwise. */
    static double secondsPerOp(String unit) {
        if (unit == null) {
            return 0;
        }
        switch (unit) {
            case "ns/op":
                return 1e-9;
            case "us/op":
                return 1e-6;
            case "ms/op":
                return 1e-3;
            case "s/op":
                return 1;
            case "min/op":
                return 60;
            default:
                return 0;
        }
    }

    /** Multiplier from a JMH throughput unit (ops/s, ops/ms, ops/us, ops/ns, ops/min) to per second; 0 otherwise. */
    static double perSecond(String unit) {
        if (unit == null) {
            return 0;
        }
        switch (unit) {
            case "ops/s":
                return 1;
            case "ops/ms":
                return 1e3;
            case "ops/us":
                return 1e6;
            case "ops/ns":
                return 1e9;
            case "ops/min":
                return 1.0 / 60;
            default:
                return 0;
        }
    }

    /** "64MiB", "4KiB", "1GiB", "512k", "1000" → bytes; -1 when absent or not a size. */
    public static long parseSize(String text) {
        if (text == null) {
            return -1;
        }
        try {
            return ByteSize.parse(text);
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }
}
