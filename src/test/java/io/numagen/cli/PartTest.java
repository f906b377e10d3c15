package io.numagen.cli;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PartTest {

    @Test
    void partsTileTheDatasetAtBlockBoundaries() {
        int block = 4096;
        for (long size : new long[] {1, 4095, 4096, 4097, 10 * 4096 + 7, 1L << 30}) {
            for (int n = 1; n <= 9; n++) {
                long expectedStart = 0;
                for (int k = 0; k < n; k++) {
                    Part p = new Part(k, n);
                    long start = p.start(size, block);
                    long end = p.end(size, block);
                    assertEquals(expectedStart, start, "part " + p + " of " + size);
                    assertTrue(end >= start, "part " + p + " of " + size);
                    assertTrue(end == size || end % block == 0, "part " + p + " of " + size + " ends at " + end);
                    expectedStart = end;
                }
                assertEquals(size, expectedStart, n + " parts of " + size);
            }
        }
    }

    @Test
    void partsDifferByAtMostOneBlock() {
        long size = 100L * 4096;
        long min = Long.MAX_VALUE;
        long max = 0;
        for (int k = 0; k < 7; k++) {
            Part p = new Part(k, 7);
            long length = p.end(size, 4096) - p.start(size, 4096);
            min = Math.min(min, length);
            max = Math.max(max, length);
        }
        assertEquals(4096, max - min);
    }

    @Test
    void hugeDatasetsDoNotOverflow() {
        long size = Long.MAX_VALUE;
        Part last = new Part(Part.MAX_COUNT - 1, Part.MAX_COUNT);
        assertEquals(size, last.end(size, 4096));
        long start = last.start(size, 4096);
        assertTrue(start > 0 && start < size && start % 4096 == 0, "start " + start);
    }

    @Test
    void parseAcceptsKOverNAndRejectsTheRest() {
        assertEquals(new Part(2, 4), Part.parse(" 2/4 "));
        for (String bad : new String[] {"4/4", "-1/2", "1/0", "0/0", "a/b", "1", "1/2/3", "", "0/2000000"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Part.parse(bad), bad);
            assertEquals("--part must be K/N with N from 1 to 1048576 and K from 0 to N-1, got '" + bad + "'",
                    e.getMessage());
        }
    }
}
