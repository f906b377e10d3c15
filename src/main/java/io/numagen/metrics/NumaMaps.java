package io.numagen.metrics;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Pages per node of one mapping, from {@code /proc/self/numa_maps} ({@code <start> <policy> ... N<node>=<pages>}).
 * A cheap cross-check of move_pages-based placement: it needs no syscall, but only sees whole VMAs, and the kernel
 * merges adjacent anonymous mappings with the same flags into one VMA; {@link #pagesOfMapping} therefore refuses a
 * buffer whose VMA (from {@code /proc/self/maps}) is not exactly the buffer.
 */
public final class NumaMaps {
    private NumaMaps() {
    }

    /**
     * Resident pages per node of the buffer {@code [address, address + length)}, if it is a VMA of its own.
     *
     * @throws IllegalStateException if the kernel merged it with neighbouring mappings (numa_maps cannot isolate it)
     */
    public static Map<Integer, Long> pagesOfMapping(Path procSelf, long address, long length) {
        try {
            long[] vma = vma(Files.readString(procSelf.resolve("maps")), address);
            if (vma[0] != address || vma[1] != address + length) {
                throw new IllegalStateException("buffer 0x" + Long.toHexString(address) + "+" + length
                        + " shares VMA 0x" + Long.toHexString(vma[0]) + "-0x" + Long.toHexString(vma[1])
                        + " with neighbouring mappings; numa_maps cannot isolate its pages");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + procSelf.resolve("maps"), e);
        }
        return pagesPerNode(procSelf.resolve("numa_maps"), address);
    }

    /** The [start, end) of the /proc/self/maps entry containing {@code address}. */
    static long[] vma(String maps, long address) {
        for (String line : maps.split("\n")) {
            int dash = line.indexOf('-');
            int space = line.indexOf(' ');
            if (dash <= 0 || space <= dash) {
                continue;
            }
            long start = Long.parseUnsignedLong(line.substring(0, dash), 16);
            long end = Long.parseUnsignedLong(line.substring(dash + 1, space), 16);
            if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0) {
                return new long[] {start, end};
            }
        }
        throw new IllegalArgumentException("no mapping contains 0x" + Long.toHexString(address));
    }

    /** Resident pages per node of the VMA starting at {@code address}, read from {@code file}. */
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
