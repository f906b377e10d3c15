package io.numagen.analysis;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;

import java.util.ArrayList;
import java.util.List;

/**
 * Optional fields of the JSON files the analysis reads, type-checked: a wrong type is an
 * {@link IllegalArgumentException} naming the file (in {@code where}), the field and what was found, never Gson's
 * bare "JsonNull" or a NumberFormatException. Absent and null fields are null (or an empty list).
 */
final class JsonFields {
    private JsonFields() {
    }

    static String str(JsonObject o, String field, String where) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        if (!e.isJsonPrimitive()) {
            throw wrong(where, field, "a string", e);
        }
        return e.getAsString();
    }

    static Integer integer(JsonObject o, String field, String where) {
        Double d = number(o, field, where);
        if (d == null) {
            return null;
        }
        if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
            throw wrong(where, field, "a whole number", o.get(field));
        }
        return d.intValue();
    }

    static Double number(JsonObject o, String field, String where) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return null;
        }
        return JmhJson.number(e, where + ": field '" + field + "'");
    }

    static List<String> strings(JsonObject o, String field, String where) {
        List<String> out = new ArrayList<>();
        for (JsonElement x : array(o, field, where, "an array of strings")) {
            if (!x.isJsonPrimitive()) {
                throw wrong(where, field, "an array of strings", x);
            }
            out.add(x.getAsString());
        }
        return out;
    }

    static List<Integer> ints(JsonObject o, String field, String where) {
        List<Integer> out = new ArrayList<>();
        for (JsonElement x : array(o, field, where, "an array of node numbers")) {
            if (!x.isJsonPrimitive() || !x.getAsJsonPrimitive().isNumber()
                    || x.getAsDouble() != Math.rint(x.getAsDouble())) {
                throw wrong(where, field, "an array of node numbers", x);
            }
            out.add(x.getAsInt());
        }
        return out;
    }

    /** "an array", "an object", "null" or the value quoted: what was found instead. */
    static String kind(JsonElement e) {
        if (e.isJsonArray()) {
            return "an array";
        }
        if (e.isJsonObject()) {
            return "an object";
        }
        if (e.isJsonNull()) {
            return "null";
        }
        return "'" + e.getAsString() + "'";
    }

    private static Iterable<JsonElement> array(JsonObject o, String field, String where, String expected) {
        JsonElement e = o.get(field);
        if (e == null || e.isJsonNull()) {
            return List.of();
        }
        if (!e.isJsonArray()) {
            throw wrong(where, field, expected, e);
        }
        return e.getAsJsonArray();
    }

    private static IllegalArgumentException wrong(String where, String field, String expected, JsonElement found) {
        return new IllegalArgumentException(where + ": field '" + field + "': expected " + expected + ", found "
                + kind(found));
    }
}
