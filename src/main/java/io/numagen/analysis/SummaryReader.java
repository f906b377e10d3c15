package io.numagen.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/** Reads a summary.json ({@value Report#SCHEMA}) back into folders and measurements (with their samples). */
public final class SummaryReader {

    /** Summaries before forks were kept: their pooled samples are read as one fork (no verdict from them). */
    static final String OLD_SCHEMA = "numagen.summary/1";

    private SummaryReader() {
    }

    public static List<ResultLoader.Folder> read(Path file) throws IOException {
        OutputSet.checkComplete(file.toAbsolutePath().getParent());
        String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new IllegalArgumentException(file + ": empty file");
        }
        JsonObject root;
        try {
            JsonElement e = JsonParser.parseString(text);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException(file + ": expected a JSON object at the top level");
            }
            root = e.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(file + ": not valid JSON (truncated or corrupt?): " + e.getMessage(), e);
        }
        String schema = root.has("schema") && root.get("schema").isJsonPrimitive()
                ? root.get("schema").getAsString() : "";
        if (!Report.SCHEMA.equals(schema) && !OLD_SCHEMA.equals(schema)) {
            throw new IllegalArgumentException(file + ": not a numagen summary (schema must be '" + Report.SCHEMA
                    + "' or '" + OLD_SCHEMA + "', found '" + schema + "')");
        }
        if (!root.has("measurements") || !root.get("measurements").isJsonArray()) {
            throw new IllegalArgumentException(file + ": field 'measurements' missing or not an array");
        }
        Map<String, List<Measurement>> byHost = new LinkedHashMap<>();
        JsonArray ms = root.getAsJsonArray("measurements");
        for (int i = 0; i < ms.size(); i++) {
            String where = file + ": measurements[" + i + "]";
            Measurement m = measurement(ms.get(i), where);
            byHost.computeIfAbsent(m.host(), k -> new ArrayList<>()).add(m);
        }
        Map<String, JsonObject> machines = new LinkedHashMap<>();
        Map<String, JsonObject> manifests = new LinkedHashMap<>();
        Map<String, List<ResultLoader.Skip>> skipped = new LinkedHashMap<>();
        if (root.has("hosts") && root.get("hosts").isJsonArray()) {
            for (JsonElement h : root.getAsJsonArray("hosts")) {
                JsonObject o = h.getAsJsonObject();
                String host = o.get("host").getAsString();
                machines.put(host, object(o.get("machine")));
                manifests.put(host, object(o.get("manifest")));
                List<ResultLoader.Skip> skips = new ArrayList<>();
                if (o.has("skipped") && o.get("skipped").isJsonArray()) {
                    for (JsonElement k : o.getAsJsonArray("skipped")) {
                        JsonObject x = k.getAsJsonObject();
                        skips.add(new ResultLoader.Skip(str(x, "cell"), str(x, "benchmark"), str(x, "params"),
                                str(x, "reason")));
                    }
                }
                skipped.put(host, skips);
            }
        }
        Map<String, List<ResultLoader.Cell>> cells = new LinkedHashMap<>();
        if (root.has("cells") && root.get("cells").isJsonArray()) {
            for (JsonElement c : root.getAsJsonArray("cells")) {
                JsonObject o = c.getAsJsonObject();
                String host = str(o, "host");
                cells.computeIfAbsent(host, k -> new ArrayList<>()).add(new ResultLoader.Cell(host, str(o, "id"),
                        str(o, "binding"), strings(o.get("numactl")), ints(o.get("cpuNodes"), file.toString()),
                        ints(o.get("memNodes"), file.toString()), str(o, "numaMode"), str(o, "command"),
                        str(o, "status"), str(o, "reason"),
                        o.has("exitCode") && !o.get("exitCode").isJsonNull() ? o.get("exitCode").getAsInt() : null,
                        str(o, "start"), o.has("durationSeconds") && !o.get("durationSeconds").isJsonNull()
                        ? o.get("durationSeconds").getAsDouble() : null, null, ResultLoader.Load.of(o.get("load"))));
            }
        }
        List<ResultLoader.Folder> out = new ArrayList<>();
        for (Map.Entry<String, List<Measurement>> e : byHost.entrySet()) {
            out.add(new ResultLoader.Folder(file, e.getKey(), machines.get(e.getKey()), manifests.get(e.getKey()),
                    cells.getOrDefault(e.getKey(), List.of()), e.getValue(),
                    skipped.getOrDefault(e.getKey(), List.of())));
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": contains no measurements");
        }
        return out;
    }

    private static Measurement measurement(JsonElement e, String where) {
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException(where + ": expected an object");
        }
        JsonObject o = e.getAsJsonObject();
        for (String f : List.of("id", "host", "cell", "binding", "benchmark", "unit")) {
            if (!o.has(f) || o.get(f).isJsonNull()) {
                throw new IllegalArgumentException(where + ": field '" + f + "' missing");
            }
        }
        SortedMap<String, String> params = new TreeMap<>();
        if (o.has("params") && o.get("params").isJsonObject()) {
            o.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
        }
        double[][] forks = forks(o, where);
        SortedMap<String, Measurement.Counter> sec = new TreeMap<>();
        if (o.has("secondary") && o.get("secondary").isJsonObject()) {
            for (Map.Entry<String, JsonElement> p : o.getAsJsonObject("secondary").entrySet()) {
                sec.put(p.getKey(), counter(p.getValue(), where + ".secondary." + p.getKey()));
            }
        }
        boolean higherIsBetter = !o.has("higherIsBetter") || o.get("higherIsBetter").getAsBoolean();
        return new Measurement(str(o, "id"), str(o, "host"), str(o, "cell"), str(o, "binding"),
                ints(o.get("cpuNodes"), where), ints(o.get("memNodes"), where), str(o, "benchmark"), params,
                str(o, "unit"), higherIsBetter, forks, sec, str(o, "file"));
    }

    /**
     * The iterations fork by fork ("forks"); a summary without them (written before forks were kept) has only the
     * pooled "samples", read as one fork so that nothing is claimed from them.
     */
    private static double[][] forks(JsonObject o, String where) {
        if (o.has("forks") && o.get("forks").isJsonArray()) {
            JsonArray fs = o.getAsJsonArray("forks");
            double[][] out = new double[fs.size()][];
            for (int f = 0; f < out.length; f++) {
                out[f] = numbers(fs.get(f), where + ".forks[" + f + "]");
            }
            if (out.length == 0) {
                throw new IllegalArgumentException(where + ": forks is empty");
            }
            return out;
        }
        if (!o.has("samples")) {
            throw new IllegalArgumentException(where + ": field 'forks' missing");
        }
        double[] samples = numbers(o.get("samples"), where + ".samples");
        if (samples.length == 0) {
            throw new IllegalArgumentException(where + ": samples is empty");
        }
        return new double[][] {samples};
    }

    private static double[] numbers(JsonElement e, String where) {
        if (!e.isJsonArray()) {
            throw new IllegalArgumentException(where + ": expected an array of numbers");
        }
        JsonArray a = e.getAsJsonArray();
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = a.get(i).isJsonNull() ? Double.NaN : JmhJson.number(a.get(i), where + "[" + i + "]");
        }
        return out;
    }

    /** {"value": x, "unit": u}, or a bare number (summaries written before units were kept). */
    private static Measurement.Counter counter(JsonElement e, String where) {
        if (e.isJsonObject()) {
            JsonObject c = e.getAsJsonObject();
            JsonElement v = c.get("value");
            return new Measurement.Counter(v == null || v.isJsonNull() ? Double.NaN : JmhJson.number(v, where),
                    str(c, "unit"));
        }
        return new Measurement.Counter(e.isJsonNull() ? Double.NaN : JmhJson.number(e, where), null);
    }

    private static JsonObject object(JsonElement e) {
        return e != null && e.isJsonObject() ? e.getAsJsonObject() : null;
    }

    private static String str(JsonObject o, String f) {
        return o.has(f) && o.get(f).isJsonPrimitive() ? o.get(f).getAsString() : null;
    }

    private static List<String> strings(JsonElement e) {
        List<String> out = new ArrayList<>();
        if (e != null && e.isJsonArray()) {
            e.getAsJsonArray().forEach(x -> out.add(x.getAsString()));
        }
        return out;
    }

    private static List<Integer> ints(JsonElement e, String where) {
        List<Integer> out = new ArrayList<>();
        if (e != null && e.isJsonArray()) {
            for (JsonElement x : e.getAsJsonArray()) {
                try {
                    out.add(x.getAsInt());
                } catch (RuntimeException ex) {
                    throw new IllegalArgumentException(where + ": expected node numbers, found " + x);
                }
            }
        }
        return out;
    }
}
