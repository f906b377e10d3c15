package io.numagen.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pages per node of one mapping, from {@code /proc/self/numa_maps} ({@code <start> <policy> ... N<node>=<pages>}).
 * A cheap cross-check of move_pages-based placement: it needs no syscall, but only sees whole mappings.
 */
public final class NumaMaps {
    private NumaMaps() {
    }

    /** Resident pages per node of the mapping starting at {@code address}, read from {@code file}. */
    public static Map<Integer, Long> pagesPerNode(Path file, long address) {
        try {
            return parse(Files.readString(file), address);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /**
     * @throws IllegalArgumentException if no mapping starts at {@code address}
     */
    public static Map<Integer, Long> parse(String numaMaps, long address) {
        String start = Long.toHexString(address);
        for (String line : numaMaps.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length == 0 || !f[0].equals(start)) {
                continue;
            }
            Map<Integer, Long> pages = new TreeMap<>();
            for (String field : f) {
                if (field.length() > 2 && field.charAt(0) == 'N' && field.indexOf('=') > 1) {
                    int eq = field.indexOf('=');
                    try {
                        pages.put(Integer.parseInt(field.substring(1, eq)), Long.parseLong(field.substring(eq + 1)));
                    } catch (NumberFormatException ignored) {
                        // not an N<node>=<pages> field
                    }
                }
            }
            return pages;
        }
        throw new IllegalArgumentException("no mapping starts at 0x" + start + " in numa_maps");
    }
}
