package io.numagen.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Issue 12 items 7 and 10: load errors name the file and the field; an output set is replaced as a whole. */
class LoadErrorsTest {

    @TempDir
    Path tmp;

    private String loadError(Path dir) {
        return assertThrows(IllegalArgumentException.class, () -> ResultLoader.load(dir)).getMessage();
    }

    @Test
    void wrongTypesNameTheFileAndTheField() throws IOException {
        Path dir = Fixtures.syntheticFolder(tmp.resolve("h"), "h", 1);
        Path manifest = dir.resolve("manifest.json");
        String original = Files.readString(manifest);

        Files.writeString(manifest, original.replaceFirst("\"host\": *\"h\"", "\"host\": {}"));
        assertEquals(manifest + ": field 'host': expected a string, found an object", loadError(dir));

        Files.writeString(manifest, original.replaceFirst("\"exitCode\": *[0-9]+", "\"exitCode\": \"abc\""));
        String exitCode = loadError(dir);
        assertTrue(exitCode.startsWith(manifest + ": cells[") && exitCode.contains("field 'exitCode'")
                && exitCode.contains("abc"), exitCode);

        Files.writeString(manifest, original.replaceFirst("\"numactl\": *\\[[^]]*]", "\"numactl\": [null]"));
        String numactl = loadError(dir);
        assertTrue(numactl.contains("field 'numactl': expected an array of strings, found null"), numactl);
        assertFalse(numactl.contains("JsonNull"), numactl);
    }

    @Test
    void aReplacedSetLosesTheFilesTheNewOneLacksAndAFailureKeepsTheOld() throws IOException {
        Path out = tmp.resolve("out");
        OutputSet.replace(out, f -> List.of(Files.writeString(f.resolve("a.txt"), "old a"),
                Files.writeString(f.resolve("b.txt"), "old b")));
        assertThrows(IOException.class, () -> OutputSet.replace(out, f -> {
            Files.writeString(f.resolve("a.txt"), "new a");
            throw new IOException("plot failed");
        }));
        assertEquals("old a", Files.readString(out.resolve("a.txt")), "a failure while writing keeps the old set");
        List<Path> placed = OutputSet.replace(out, f -> List.of(Files.writeString(f.resolve("a.txt"), "new a")));
        assertEquals(List.of(out.resolve("a.txt")), placed);
        assertEquals("new a", Files.readString(out.resolve("a.txt")));
        assertFalse(Files.exists(out.resolve("b.txt")), "a file of the old set only would mix the two sets");
        try (var files = Files.list(out)) {
            assertEquals(List.of("a.txt"), files.map(p -> p.getFileName().toString())
                    .filter(n -> !n.equals(".numagen-outputs")).toList());
        }
    }

    @Test
    void readersRefuseASetLeftHalfReplaced() throws IOException {
        Path out = tmp.resolve("out");
        Path summary = Files.createDirectories(out).resolve("summary.json");
        Files.writeString(summary, "{}");
        Files.writeString(out.resolve(OutputSet.INCOMPLETE), "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SummaryReader.read(summary));
        assertTrue(e.getMessage().contains("partly replaced set of outputs"), e.getMessage());
    }
}
