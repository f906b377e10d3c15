package io.numagen.topology;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sysfs dumps under src/test/resources/sysfs: hwloc's test suite (BSD licence in HWLOC-COPYING) and numagen's own
 * (each with a README).
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static Path root(String name) {
        URL url = Fixtures.class.getResource("/sysfs/" + name);
        if (url == null) {
            throw new IllegalArgumentException("no fixture " + name);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every dump's name, sorted. */
    public static List<String> all() {
        try (Stream<Path> dirs = Files.list(root("."))) {
            return dirs.filter(Files::isDirectory).map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Topology read(String name) {
        return TopologyReader.read(root(name));
    }
}
