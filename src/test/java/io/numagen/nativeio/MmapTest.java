package io.numagen.nativeio;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Fenced mappings on the live machine, read back from /proc/self/maps. */
class MmapTest {
    private static final long HUGE = 2L << 20;
    private static long page;

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Mmap.unavailableReason() == null, Mmap.unavailableReason());
        page = Mmap.pageSize().orThrow();
    }

    /**
     * The buffer is one writable area of its own, between PROT_NONE pages: no writable neighbour can merge with it,
     * so no huge page faulted for a neighbour can reach into it (see {@link Mmap#mapFenced}).
     */
    @Test
    void aFencedMappingIsItsOwnAreaBetweenInaccessiblePages() throws IOException {
        long length = 5 * page + 1;
        long address = Mmap.mapFenced(length, HUGE);
        long end = address + 6 * page;
        try {
            assertEquals(0, address % HUGE);
            Mmap.view(address, (int) length).put((int) length - 1, (byte) 1);
            Area buffer = Area.containing(address);
            assertEquals(new Area(address, end, "rw-p"), buffer);
            Area before = Area.containing(address - 1);
            assertEquals(address, before.end());
            assertEquals("---p", before.perms());
            Area after = Area.containing(end);
            assertEquals(end, after.start());
            assertEquals("---p", after.perms());
        } finally {
            Mmap.unmapFenced(address, length);
        }
    }

    @Test
    void anAlignmentThatIsNotAPowerOfTwoIsRejectedByValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Mmap.mapFenced(page, 3000));
        assertEquals("alignment must be a power of two, got 3000", e.getMessage());
    }

    /** One line of /proc/self/maps: [start, end) and its permissions. */
    private record Area(long start, long end, String perms) {
        static Area containing(long address) throws IOException {
            List<String> lines = Files.readAllLines(Path.of("/proc/self/maps"));
            for (String line : lines) {
                String[] fields = line.split(" +");
                String[] range = fields[0].split("-");
                long start = Long.parseUnsignedLong(range[0], 16);
                long end = Long.parseUnsignedLong(range[1], 16);
                if (Long.compareUnsigned(address, start) >= 0 && Long.compareUnsigned(address, end) < 0) {
                    return new Area(start, end, fields[1]);
                }
            }
            throw new AssertionError("no mapping holds 0x" + Long.toHexString(address));
        }
    }
}
