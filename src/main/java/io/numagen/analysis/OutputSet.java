package io.numagen.analysis;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Replaces a set of output files (a report with its CSVs, JSON and plots) as a whole. The new set is written into
 * a hidden staging folder inside the output folder, so a failure while producing it leaves the old set untouched;
 * then the files are moved into place (renames, milliseconds) between creating and deleting the marker
 * {@value #INCOMPLETE}, and files of the previous set that the new one lacks are removed. Readers refuse a folder
 * that still holds the marker: its set is a mix of old and new.
 */
public final class OutputSet {
    /** Present only while (or if interrupted while) a set is being moved into place. */
    public static final String INCOMPLETE = ".numagen-incomplete";
    /** The files of the current set, one name a line, to remove those a later set no longer writes. */
    static final String LIST = ".numagen-outputs";

    /** Writes a whole set into the folder it is given. */
    @FunctionalInterface
    public interface Writer {
        List<Path> write(Path folder) throws IOException;
    }

    private OutputSet() {
    }

    /** @return the files of the new set, at their final place */
    public static List<Path> replace(Path out, Writer writer) throws IOException {
        Files.createDirectories(out);
        Path stage = out.resolve(".numagen-stage-" + ProcessHandle.current().pid());
        deleteTree(stage);
        try {
            Files.createDirectory(stage);
            List<Path> staged = writer.write(stage);
            List<String> names = new ArrayList<>();
            staged.forEach(p -> names.add(stage.relativize(p).toString()));
            Path marker = out.resolve(INCOMPLETE);
            Files.writeString(marker, "an analyze/compare/merge was interrupted while replacing the files of this "
                    + "folder: they are a mix of two runs; run it again\n");
            for (String name : previous(out)) {
                if (!names.contains(name)) {
                    Files.deleteIfExists(out.resolve(name));
                }
            }
            List<Path> placed = new ArrayList<>();
            for (String name : names) {
                placed.add(move(stage.resolve(name), out.resolve(name)));
            }
            AtomicFiles.write(out.resolve(LIST), String.join("\n", names) + "\n");
            Files.delete(marker);
            return placed;
        } finally {
            deleteTree(stage);
        }
    }

    /**
     * @throws IllegalArgumentException when the folder holds a set that was being replaced when it stopped
     */
    public static void checkComplete(Path folder) {
        if (Files.exists(folder.resolve(INCOMPLETE))) {
            throw new IllegalArgumentException(folder + " holds a partly replaced set of outputs (" + INCOMPLETE
                    + " was left by an interrupted analyze, compare or merge): run it again");
        }
    }

    private static List<String> previous(Path out) throws IOException {
        Path list = out.resolve(LIST);
        if (!Files.isRegularFile(list)) {
            return List.of();
        }
        // Only plain names from our own list: a hand-edited list must not delete anything outside the folder.
        return Files.readAllLines(list, StandardCharsets.UTF_8).stream()
                .filter(n -> !n.isBlank() && !n.contains("/") && !n.startsWith(".")).toList();
    }

    private static Path move(Path from, Path to) throws IOException {
        try {
            return Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            return Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
