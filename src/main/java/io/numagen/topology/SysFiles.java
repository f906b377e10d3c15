package io.numagen.topology;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Reads small kernel files (sysfs, procfs, cgroupfs) under a root directory. A missing file is an empty Optional, never
 * an error: which files exist differs between kernels, containers and dumps. Malformed content is an
 * {@link IllegalArgumentException} naming the file and the text.
 */
final class SysFiles {

    /** Kernel attribute files are a page or less; anything this big is not one. */
    private static final int MAX_BYTES = 1 << 20;

    private final Path root;
    private final List<String> notes;

    /** @param notes where files that exist but cannot be read as kernel files (link loops, directories) are noted */
    SysFiles(Path root, List<String> notes) {
        this.root = root;
        this.notes = notes;
    }

    /** The file's path as the kernel would name it (absolute from the root), for messages. */
    String name(String relative) {
        return "/" + relative;
    }

    Path path(String relative) {
        return root.resolve(relative);
    }

    boolean isDirectory(String relative) {
        return Files.isDirectory(path(relative));
    }

    Optional<String> text(String relative) {
        Path file = path(relative);
        if (!Files.isRegularFile(file)) {
            unusable(file, relative, "file");
            return Optional.empty();
        }
        // Bounded: sysfs reports 4096 bytes for every attribute, so the size says nothing; a dump may hold anything.
        byte[] bytes;
        try (InputStream in = Files.newInputStream(file)) {
            bytes = in.readNBytes(MAX_BYTES + 1);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        if (bytes.length > MAX_BYTES) {
            throw new IllegalArgumentException(name(relative) + " holds more than " + MAX_BYTES
                    + " bytes, too large for a kernel attribute file");
        }
        // ISO-8859-1 maps every byte, so odd bytes in a dump reach the parser and its error message.
        return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
    }

    /**
     * Notes a path that exists as a name but not as what the reader needs (a symbolic link loop or one to nowhere,
     * a directory where a file belongs): the value is then unknown, and the user is told why.
     */
    private void unusable(Path path, String relative, String expected) {
        if (Files.isSymbolicLink(path) && !Files.exists(path)) {
            notes.add(name(relative) + " is a symbolic link that resolves to nothing (a loop or a missing target): "
                    + "ignored");
        } else if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && Files.exists(path)) {
            notes.add(name(relative) + " is not a " + expected + ": ignored");
        }
    }

    Optional<CpuSet> list(String relative) {
        return text(relative).map(t -> CpuSet.parseList(t, name(relative)));
    }

    Optional<CpuSet> mask(String relative) {
        return text(relative).map(t -> CpuSet.parseMask(t, name(relative)));
    }

    /** A file holding one decimal integer (possibly negative, as ARM's physical_package_id -1). */
    Optional<Long> number(String relative) {
        return text(relative).map(t -> parseNumber(t.replace('\0', ' ').strip(), relative));
    }

    private long parseNumber(String text, String relative) {
        if (!text.matches("-?[0-9]{1,18}")) {
            throw new IllegalArgumentException("expected a number in " + name(relative) + ", got '" + text + "'");
        }
        return Long.parseLong(text);
    }

    /** The ids N of the entries {@code prefixN} in a directory (e.g. node0, node2), ascending; empty if absent. */
    TreeSet<Integer> numberedEntries(String directory, String prefix) {
        TreeSet<Integer> ids = new TreeSet<>();
        Path dir = path(directory);
        if (!Files.isDirectory(dir)) {
            return ids;
        }
        Pattern pattern = Pattern.compile(Pattern.quote(prefix) + "([0-9]{1,7})");
        try (Stream<Path> entries = Files.list(dir)) {
            entries.forEach(p -> {
                Matcher m = pattern.matcher(p.getFileName().toString());
                if (!m.matches()) {
                    return;
                }
                // A nodeN or cpuN that is no directory (a link loop in a dump) is not a node or CPU.
                if (Files.isDirectory(p)) {
                    ids.add(Integer.parseInt(m.group(1)));
                } else {
                    unusable(p, directory + "/" + p.getFileName(), "directory");
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(),
                    e instanceof IOException io ? io : ((UncheckedIOException) e).getCause());
        }
        return ids;
    }
}
