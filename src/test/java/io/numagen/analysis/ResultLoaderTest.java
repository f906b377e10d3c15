package io.numagen.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResultLoaderTest {

    @TempDir
    Path tmp;

    @Test
    void emptyDirectoryIsAnErrorNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultLoader.discover(tmp));
        assertTrue(e.getMessage().startsWith(tmp + ": no results found"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ResultLoader.discover(tmp.resolve("nope")));
    }

    @Test
    void loadsSyntheticFolderWithManifestAndSkipsFailedCells() throws IOException {
        Path dir = Fixtures.syntheticFolder(tmp.resolve("h"), "h", 1);
        ResultLoader.Folder f = ResultLoader.load(dir);
        assertEquals("h", f.host());
        assertEquals(16, f.cells().size());
        assertEquals("failed", f.cells().get(15).status());
        Measurement m = f.measurements().stream().filter(x -> x.cellId().equals("local-1.OFF")).findFirst()
                .orElseThrow();
        assertEquals(List.of(1), m.cpuNodes());
        assertEquals("bytes/s", m.unit());
        assertEquals(Fixtures.FORKS * Fixtures.ITERATIONS, m.samples().length);
        assertEquals(Fixtures.FORKS, m.n());
        assertEquals(10e9, m.mean(), 0.05e9);
    }

    @Test
    void okCellWithoutResultFileIsAnError() throws IOException {
        Path dir = Fixtures.syntheticFolder(tmp.resolve("h"), "h", 1);
        Files.delete(dir.resolve("cells/local-0.AUTO.json"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultLoader.load(dir));
        assertTrue(e.getMessage().contains("cell local-0.AUTO has status ok but its result file"), e.getMessage());
    }

    @Test
    void corruptManifestNamesTheFile() throws IOException {
        Path dir = Fixtures.syntheticFolder(tmp.resolve("h"), "h", 1);
        Files.writeString(dir.resolve("manifest.json"), "{\"host\": \"h\", \"cells\": [");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ResultLoader.load(dir));
        assertTrue(e.getMessage().startsWith(dir.resolve("manifest.json") + ": not valid JSON"), e.getMessage());
    }

    @Test
    void withoutBytesMetricScoreTimesSize() throws IOException {
        double[][] raw = {{2.0, 4.0}};
        Fixtures.writeJmh(tmp.resolve("local-0.OFF.json"), List.of(new Fixtures.Entry("BaselineBenchmark.fill",
                Fixtures.params("size", "4KiB", "threads", "1"), raw, false, 4096, Map.of())));
        ResultLoader.Folder f = ResultLoader.load(tmp);
        Measurement m = f.measurements().get(0);
        assertEquals("bytes/s", m.unit());
        assertEquals(3.0 * 4096, m.mean(), 1e-9);
        assertEquals("local-0", m.binding());
        assertEquals(List.of(0), m.memNodes());
    }

    @Test
    void withBytesMetricItIsPreferred() throws IOException {
        double[][] raw = Fixtures.samples(new Random(1), 10, 0.01, 1, 3);
        Fixtures.writeJmh(tmp.resolve("x.json"), List.of(new Fixtures.Entry("NumaMatrixBenchmark.generate",
                Fixtures.params("size", "weird", "numaMode", "OFF"), raw, true, 1000, Map.of("numa.localShare",
                Double.NaN))));
        Measurement m = ResultLoader.load(tmp).measurements().get(0);
        assertEquals("bytes/s", m.unit());
        assertEquals(Stats.mean(raw[0]) * 1000, m.mean(), 1e-6);
        assertTrue(Double.isNaN(m.counter("numa.localShare")));
        assertEquals("none", m.binding());
    }

    @Test
    void matrixRunnersSkippedListBesideAResultIsNotAResult() throws IOException {
        Fixtures.writeJmh(tmp.resolve("result.json"), List.of(new Fixtures.Entry("BaselineBenchmark.fill",
                Fixtures.params("size", "4KiB", "threads", "1"), new double[][] {{2.0, 4.0}}, false, 4096, Map.of())));
        Files.writeString(tmp.resolve("result.skipped.json"), "[]");
        assertEquals(1, ResultLoader.load(tmp).measurements().size());
    }

    @Test
    void sizes() {
        assertEquals(64L << 20, ResultLoader.parseSize("64MiB"));
        assertEquals(4096, ResultLoader.parseSize("4KiB"));
        assertEquals(1L << 30, ResultLoader.parseSize("1GiB"));
        assertEquals(512 * 1024, ResultLoader.parseSize("512k"));
        assertEquals(64_000_000, ResultLoader.parseSize("64MB"));
        assertEquals(1000, ResultLoader.parseSize("1000"));
        assertEquals(-1, ResultLoader.parseSize("big"));
        assertEquals(-1, ResultLoader.parseSize(null));
    }
}
