package io.numagen.topology;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The sysfs dumps under src/test/resources/sysfs (from hwloc's test suite, BSD licence in HWLOC-COPYING). */
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

    public static Topology read(String name) {
        return TopologyReader.read(root(name));
    }
}
