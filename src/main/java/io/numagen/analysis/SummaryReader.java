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
        if (!Report.SCHEMA.equals(JsonFields.str(root, "schema", file.toString()))) {
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
            JsonArray hosts = root.getAsJsonArray("hosts");
            for (int i = 0; i < hosts.size(); i++) {
                String where = file + ": hosts[" + i + "]";
                JsonObject o = object(hosts.get(i), where);
                JsonElement mc = o.get("machine");
                machines.put(JsonFields.str(o, "host", where), mc != null && mc.isJsonObject() ? mc.getAsJsonObject()
                        : null);
            }
        }
        Map<String, List<ResultLoader.Cell>> cells = new LinkedHashMap<>();
        if (root.has("cells") && root.get("cells").isJsonArray()) {
            JsonArray array = root.getAsJsonArray("cells");
            for (int i = 0; i < array.size(); i++) {
                String where = file + ": cells[" + i + "]";
                JsonObject o = object(array.get(i), where);
                String host = JsonFields.str(o, "host", where);
                cells.computeIfAbsent(host, k -> new ArrayList<>()).add(new ResultLoader.Cell(host,
                        JsonFields.str(o, "id", where), JsonFields.str(o, "binding", where),
                        JsonFields.strings(o, "numactl", where), JsonFields.ints(o, "cpuNodes", where),
                        JsonFields.ints(o, "memNodes", where), JsonFields.str(o, "numaMode", where),
                        JsonFields.str(o, "command", where), JsonFields.str(o, "status", where),
                        JsonFields.str(o, "reason", where), JsonFields.integer(o, "exitCode", where),
                        JsonFields.str(o, "start", where), JsonFields.number(o, "durationSeconds", where), null));
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
        JsonObject o = object(e, where);
        for (String f : List.of("id", "host", "cell", "binding", "benchmark", "unit", "samples")) {
            if (!o.has(f) || o.get(f).isJsonNull()) {
                throw new IllegalArgumentException(where + ": field '" + f + "' missing");
            }
        }
        SortedMap<String, String> params = new TreeMap<>();
        if (o.has("params") && o.get("params").isJsonObject()) {
            JsonObject p = o.getAsJsonObject("params");
            p.keySet().forEach(k -> params.put(k, JsonFields.str(p, k, where + ".params")));
        }
        if (!o.get("samples").isJsonArray()) {
            throw new IllegalArgumentException(where + ": field 'samples': expected an array of numbers, found "
                    + JsonFields.kind(o.get("samples")));
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
        return new Measurement(JsonFields.str(o, "id", where), JsonFields.str(o, "host", where),
                JsonFields.str(o, "cell", where), JsonFields.str(o, "binding", where),
                JsonFields.ints(o, "cpuNodes", where), JsonFields.ints(o, "memNodes", where),
                JsonFields.str(o, "benchmark", where), params, JsonFields.str(o, "unit", where), samples, sec,
                JsonFields.str(o, "file", where));
    }

    private static JsonObject object(JsonElement e, String where) {
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException(where + ": expected an object, found " + JsonFields.kind(e));
        }
        return e.getAsJsonObject();
    }
}
