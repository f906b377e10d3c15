package io.numagen.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
import com.google.gson.JsonPrimitive;

/**
 * Strict reader of JMH's JSON result format ({@code -rf json}). Every defect (empty or truncated file, missing
 * field, wrong type, empty raw data) is an {@link IllegalArgumentException} naming the file, the entry and the field.
 * JMH writes non-finite numbers as the strings "NaN", "Infinity" and "-Infinity" (e.g. scoreError with one
 * iteration); those are accepted wherever a number is.
 */
public final class JmhJson {

    /** One metric: score, unit and the raw data, one array of iterations per fork. */
    public record Metric(double score, String unit, double[][] forks) {

        /** Every iteration of every fork, fork by fork. */
        public double[] raw() {
            return Arrays.stream(forks).flatMapToDouble(Arrays::stream).toArray();
        }
    }

    /** One entry of a JMH result file. */
    public record Entry(String benchmark, String mode, int threads, int forks, SortedMap<String, String> params,
                        Metric primary, Map<String, Metric> secondary, String jdkVersion) {

        /** Class.method without the package. */
        public String shortName() {
            String[] parts = benchmark.split("\\.");
            return parts.length >= 2 ? parts[parts.length - 2] + "." + parts[parts.length - 1] : benchmark;
        }
    }

    private JmhJson() {
    }

    public static List<Entry> read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return parse(new String(bytes, StandardCharsets.UTF_8), file.toString());
    }

    public static List<Entry> parse(String text, String name) {
        if (text.isBlank()) {
            throw new IllegalArgumentException(name + ": empty file (the JMH run wrote no results; did it crash?)");
        }
        JsonElement root;
        try {
            root = JsonParser.parseString(text);
        } catch (JsonParseException e) {
            throw new IllegalArgumentException(name + ": not valid JSON (truncated or corrupt file?): "
                    + e.getMessage(), e);
        }
        if (!root.isJsonArray()) {
            throw new IllegalArgumentException(name + ": not a JMH result file: expected a JSON array at the top "
                    + "level, found " + JsonFields.kind(root));
        }
        JsonArray array = root.getAsJsonArray();
        if (array.isEmpty()) {
            throw new IllegalArgumentException(name + ": contains no benchmark results (empty JSON array)");
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < array.size(); i++) {
            String where = name + ": entry " + (i + 1);
            JsonElement e = array.get(i);
            if (!e.isJsonObject()) {
                throw new IllegalArgumentException(where + ": expected an object, found " + JsonFields.kind(e));
            }
            entries.add(entry(e.getAsJsonObject(), where));
        }
        return Collections.unmodifiableList(entries);
    }

    private static Entry entry(JsonObject o, String where) {
        String benchmark = string(o, "benchmark", where);
        where = where + " (" + benchmark + ")";
        String mode = string(o, "mode", where);
        int threads = o.has("threads") ? (int) number(o.get("threads"), where + ": threads") : 1;
        int forks = o.has("forks") ? (int) number(o.get("forks"), where + ": forks") : 1;
        SortedMap<String, String> params = new TreeMap<>();
        if (o.has("params") && !o.get("params").isJsonNull()) {
            JsonElement p = o.get("params");
            if (!p.isJsonObject()) {
                throw new IllegalArgumentException(where + ": params: expected an object, found " + JsonFields.kind(p));
            }
            for (Map.Entry<String, JsonElement> e : p.getAsJsonObject().entrySet()) {
                if (!e.getValue().isJsonPrimitive()) {
                    throw new IllegalArgumentException(where + ": params." + e.getKey() + ": expected a string");
                }
                params.put(e.getKey(), e.getValue().getAsString());
            }
        }
        if (!o.has("primaryMetric")) {
            throw new IllegalArgumentException(where + ": primaryMetric missing");
        }
        Metric primary = metric(o.get("primaryMetric"), where + ": primaryMetric", true);
        Map<String, Metric> secondary = new LinkedHashMap<>();
        if (o.has("secondaryMetrics") && !o.get("secondaryMetrics").isJsonNull()) {
            JsonElement s = o.get("secondaryMetrics");
            if (!s.isJsonObject()) {
                throw new IllegalArgumentException(where + ": secondaryMetrics: expected an object, found " + JsonFields.kind(s));
            }
            for (Map.Entry<String, JsonElement> e : s.getAsJsonObject().entrySet()) {
                secondary.put(e.getKey(), metric(e.getValue(), where + ": secondaryMetrics." + e.getKey(), false));
            }
        }
        String jdk = java.util.Objects.requireNonNullElse(JsonFields.str(o, "jdkVersion", where), "");
        return new Entry(benchmark, mode, threads, forks, params, primary, secondary, jdk);
    }

    private static Metric metric(JsonElement e, String where, boolean rawRequired) {
        if (!e.isJsonObject()) {
            throw new IllegalArgumentException(where + ": expected an object, found " + JsonFields.kind(e));
        }
        JsonObject o = e.getAsJsonObject();
        if (!o.has("score")) {
            throw new IllegalArgumentException(where + ".score missing");
        }
        double score = number(o.get("score"), where + ".score");
        String unit = java.util.Objects.requireNonNullElse(JsonFields.str(o, "scoreUnit", where), "");
        if (rawRequired && unit.isEmpty()) {
            throw new IllegalArgumentException(where + ".scoreUnit missing");
        }
        double[][] raw = new double[0][];
        if (o.has("rawData")) {
            JsonElement r = o.get("rawData");
            if (!r.isJsonArray()) {
                throw new IllegalArgumentException(where + ".rawData: expected an array of arrays (fork × iteration)");
            }
            List<double[]> forks = new ArrayList<>();
            JsonArray array = r.getAsJsonArray();
            for (int f = 0; f < array.size(); f++) {
                JsonElement fork = array.get(f);
                if (!fork.isJsonArray()) {
                    throw new IllegalArgumentException(where + ".rawData[" + f + "]: expected an array of iterations");
                }
                JsonArray its = fork.getAsJsonArray();
                double[] values = new double[its.size()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = number(its.get(i), where + ".rawData[" + f + "][" + i + "]");
                }
                if (values.length > 0) {
                    forks.add(values);
                }
            }
            raw = forks.toArray(new double[0][]);
        } else if (rawRequired) {
            throw new IllegalArgumentException(where + ".rawData missing (per-iteration data are needed)");
        }
        if (rawRequired && raw.length == 0) {
            throw new IllegalArgumentException(where + ".rawData is empty (no measurement iteration finished)");
        }
        return new Metric(score, unit, raw);
    }

    private static String string(JsonObject o, String field, String where) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException(where + ": field '" + field + "' missing");
        }
        if (!e.isJsonPrimitive()) {
            throw new IllegalArgumentException(where + ": field '" + field + "': expected a string, found " + JsonFields.kind(e));
        }
        return e.getAsString();
    }

    /** A JSON number, or one of the strings JMH writes for non-finite values. */
    static double number(JsonElement e, String where) {
        if (e == null || e.isJsonNull()) {
            throw new IllegalArgumentException(where + ": missing number");
        }
        if (e.isJsonPrimitive()) {
            JsonPrimitive p = e.getAsJsonPrimitive();
            if (p.isNumber()) {
                return p.getAsDouble();
            }
            if (p.isString()) {
                switch (p.getAsString()) {
                    case "NaN":
                        return Double.NaN;
                    case "Infinity":
                        return Double.POSITIVE_INFINITY;
                    case "-Infinity":
                        return Double.NEGATIVE_INFINITY;
                    default:
                        break;
                }
            }
        }
        throw new IllegalArgumentException(where + ": expected a number, found " + e);
    }
}
