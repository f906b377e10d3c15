package io.numagen.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
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

    SysFiles(Path root) {
        this.root = root;
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
            return Optional.empty();
        }
        try {
            byte[] bytes = Files.readAllBytes(file);
            if (bytes.length > MAX_BYTES) {
                throw new IllegalArgumentException(name(relative) + " is " + bytes.length
                        + " bytes, too large for a kernel attribute file");
            }
            // ISO-8859-1 maps every byte, so odd bytes in a dump reach the parser and its error message.
            return Optional.of(new String(bytes, StandardCharsets.ISO_8859_1));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
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
            entries.map(p -> pattern.matcher(p.getFileName().toString()))
                    .filter(Matcher::matches)
                    .forEach(m -> ids.add(Integer.parseInt(m.group(1))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir, e);
        }
        return ids;
    }
}
