package io.numagen.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JmhJsonTest {

    @TempDir
    Path tmp;

    static String resource(String name) throws IOException {
        try (InputStream in = JmhJsonTest.class.getResourceAsStream("/jmh/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** Written by a real JMH 1.37 run with one iteration: scoreError and scoreConfidence are "NaN" strings. */
    @Test
    void realOneIterationFileWithNaNStrings() throws IOException {
        List<JmhJson.Entry> entries = JmhJson.parse(resource("real-one-iteration.json"), "real-one-iteration.json");
        assertEquals(1, entries.size());
        JmhJson.Entry e = entries.get(0);
        assertEquals("TinyBench.generate", e.shortName());
        assertEquals("OFF", e.params().get("numaMode"));
        assertEquals(1, e.primary().raw().length);
        assertEquals("ops/s", e.primary().unit());
        assertTrue(e.secondary().containsKey("bytes"));
        assertEquals(4096 * e.primary().raw()[0], e.secondary().get("bytes").raw()[0], 1e-3 * e.secondary()
                .get("bytes").raw()[0]);
    }

    /** Written by a real JMH 1.37 run: two forks × two iterations, two numaMode values, -prof gc. */
    @Test
    void realTwoForksWithProfiler() throws IOException {
        List<JmhJson.Entry> entries = JmhJson.parse(resource("real-two-forks-gc.json"), "x.json");
        assertEquals(2, entries.size());
        assertEquals(4, entries.get(0).primary().raw().length);
        assertTrue(entries.get(0).secondary().containsKey("gc.alloc.rate"));
    }

    @Test
    void truncatedFileNamesTheFile() throws IOException {
        String text = resource("real-one-iteration.json");
        Path f = tmp.resolve("cells/local-0.OFF.json");
        Files.createDirectories(f.getParent());
        Files.writeString(f, text.substring(0, text.length() / 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JmhJson.read(f));
        assertTrue(e.getMessage().startsWith(f.toString() + ": not valid JSON"), e.getMessage());
    }

    @Test
    void emptyFileAndEmptyArray() throws IOException {
        Path f = tmp.resolve("empty.json");
        Files.writeString(f, "");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JmhJson.read(f)).getMessage()
                .contains("empty.json: empty file"));
        Files.writeString(f, "[ ]");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JmhJson.read(f)).getMessage()
                .contains("empty.json: contains no benchmark results"));
        Files.writeString(f, "{\"benchmark\": 1}");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> JmhJson.read(f)).getMessage()
                .contains("expected a JSON array"));
    }

    @Test
    void missingFieldsAreNamed() throws IOException {
        String text = resource("real-one-iteration.json");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JmhJson.parse(text.replace("\"primaryMetric\"", "\"primaryMetricX\""), "f.json"));
        assertEquals("f.json: entry 1 (t.TinyBench.generate): primaryMetric missing", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> JmhJson.parse(text.replace("\"benchmark\"", "\"bench\""), "f.json"));
        assertEquals("f.json: entry 1: field 'benchmark' missing", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> JmhJson.parse(text.replaceFirst("\"rawData\" : \\[\\s*\\[\\s*[0-9.E]+\\s*\\]\\s*\\]",
                        "\"rawData\" : [ [ ] ]"), "f.json"));
        assertTrue(e.getMessage().contains("primaryMetric.rawData is empty"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> JmhJson.parse(text.replaceFirst("\"score\" : [0-9.E]+", "\"score\" : \"fast\""), "f.json"));
        assertTrue(e.getMessage().contains("primaryMetric.score: expected a number"), e.getMessage());
    }
}
