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
    private SummaryReader() {
    }

    public static List<ResultLoader.Folder> read(Path file) throws IOException {
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
        if (!root.has("schema") || !Report.SCHEMA.equals(root.get("schema").getAsString())) {
            throw new IllegalArgumentException(file + ": not a numagen summary (schema must be '" + Report.SCHEMA
                    + "')");
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
        if (root.has("hosts") && root.get("hosts").isJsonArray()) {
            for (JsonElement h : root.getAsJsonArray("hosts")) {
                JsonObject o = h.getAsJsonObject();
                JsonElement mc = o.get("machine");
                machines.put(o.get("host").getAsString(), mc != null && mc.isJsonObject() ? mc.getAsJsonObject() : null);
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
                        ? o.get("durationSeconds").getAsDouble() : null, null));
            }
        }
        List<ResultLoader.Folder> out = new ArrayList<>();
        for (Map.Entry<String, List<Measurement>> e : byHost.entrySet()) {
            out.add(new ResultLoader.Folder(file, e.getKey(), machines.get(e.getKey()),
                    cells.getOrDefault(e.getKey(), List.of()), e.getValue(), !cells.isEmpty()));
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
        for (String f : List.of("id", "host", "cell", "binding", "benchmark", "unit", "samples")) {
            if (!o.has(f) || o.get(f).isJsonNull()) {
                throw new IllegalArgumentException(where + ": field '" + f + "' missing");
            }
        }
        SortedMap<String, String> params = new TreeMap<>();
        if (o.has("params") && o.get("params").isJsonObject()) {
            o.getAsJsonObject("params").entrySet().forEach(p -> params.put(p.getKey(), p.getValue().getAsString()));
        }
        JsonArray s = o.getAsJsonArray("samples");
        double[] samples = new double[s.size()];
        for (int i = 0; i < samples.length; i++) {
            samples[i] = s.get(i).isJsonNull() ? Double.NaN : JmhJson.number(s.get(i), where + ".samples[" + i + "]");
        }
        if (samples.length == 0) {
            throw new IllegalArgumentException(where + ": samples is empty");
        }
        SortedMap<String, Double> sec = new TreeMap<>();
        if (o.has("secondary") && o.get("secondary").isJsonObject()) {
            o.getAsJsonObject("secondary").entrySet().forEach(p -> sec.put(p.getKey(),
                    p.getValue().isJsonNull() ? Double.NaN : JmhJson.number(p.getValue(), where + ".secondary")));
        }
        return new Measurement(str(o, "id"), str(o, "host"), str(o, "cell"), str(o, "binding"),
                ints(o.get("cpuNodes"), where), ints(o.get("memNodes"), where), str(o, "benchmark"), params,
                str(o, "unit"), samples, sec, str(o, "file"));
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
