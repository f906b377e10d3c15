package io.numagen.topology;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CpuSetTest {

    @Test
    void parsesRangesSinglesAndStrides() {
        CpuSet s = CpuSet.parseList("0-3,8,10-15:2");
        assertArrayEquals(new int[] {0, 1, 2, 3, 8, 10, 12, 14}, s.toArray());
        assertEquals(8, s.size());
        assertTrue(s.contains(12));
        assertFalse(s.contains(11));
        assertFalse(s.contains(-1));
        assertFalse(s.contains(100_000));
    }

    @Test
    void strideNeedNotLandOnTheEnd() {
        assertArrayEquals(new int[] {1, 4, 7}, CpuSet.parseList("1-8:3").toArray());
    }

    @Test
    void emptyAndBlankAreEmpty() {
        assertTrue(CpuSet.parseList("").isEmpty());
        assertTrue(CpuSet.parseList(" \n").isEmpty());
        assertTrue(CpuSet.parseList("\n\0").isEmpty());
        assertTrue(CpuSet.parseMask("").isEmpty());
        assertEquals(-1, CpuSet.empty().first());
        assertEquals("", CpuSet.empty().toString());
    }

    @Test
    void toleratesSysfsPadding() {
        assertEquals(CpuSet.range(0, 3), CpuSet.parseList("0-3\n\0"));
        assertEquals(CpuSet.of(0, 2), CpuSet.parseList(" 0 , 2 \n"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"0-", "-3", "a", "1,,2", "3-1", "0-3:0", "5:2", "1-2-3", "0x3", "99999999999", "1.5",
        "0-3:", ","})
    void rejectsMalformedListsNamingTextAndFile(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CpuSet.parseList(bad, "/sys/devices/system/cpu/online"));
        assertTrue(e.getMessage().contains("/sys/devices/system/cpu/online"), e.getMessage());
        assertTrue(e.getMessage().contains("'" + bad.strip() + "'"), e.getMessage());
    }

    @Test
    void rejectsIdsBeyondTheLimit() {
        assertThrows(IllegalArgumentException.class, () -> CpuSet.parseList("0-" + CpuSet.MAX_ID));
        assertThrows(IllegalArgumentException.class, () -> CpuSet.of(-1));
    }

    @Test
    void parsesMasksMostSignificantGroupFirst() {
        assertEquals(CpuSet.range(0, 39), CpuSet.parseMask("ff,ffffffff"));
        assertEquals(CpuSet.of(0, 1), CpuSet.parseMask("3\n"));
        assertEquals(CpuSet.of(32), CpuSet.parseMask("00000001,00000000"));
        assertEquals(CpuSet.range(12, 23), CpuSet.parseMask("00fff000"));
        assertTrue(CpuSet.parseMask("00000000,00000000").isEmpty());
        assertEquals(CpuSet.of(0, 95), CpuSet.parseMask("80000000,00000000,00000001"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"fg", "123456789", "ff,,ff", "0x3", ",3"})
    void rejectsMalformedMasks(String bad) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CpuSet.parseMask(bad, "/proc/self/status"));
        assertTrue(e.getMessage().contains("/proc/self/status"), e.getMessage());
        assertTrue(e.getMessage().contains(bad), e.getMessage());
    }

    @Test
    void formatsShortLists() {
        assertEquals("0-3,8-14:2", CpuSet.parseList("0-3,8,10-15:2").toString());
        assertEquals("0-15", CpuSet.parseList("0-7,8-15").toString());
        assertEquals("0-36:4", CpuSet.parseList("0,4,8,12,16,20,24,28,32,36").toString());
        assertEquals("5", CpuSet.of(5).toString());
        assertEquals("0,2", CpuSet.of(0, 2).toString());
        assertEquals("0-1", CpuSet.of(0, 1).toString());
        assertEquals("0-3,5-6,12-15", CpuSet.parseList("0-3,5,6,12-15").toString());
        assertEquals("0-4,6,8", CpuSet.of(0, 1, 2, 3, 4, 6, 8).toString());
        assertEquals("0-3,5-15", CpuSet.parseList("0-3,5-15").toString());
        assertEquals("1,3-5,7-9", CpuSet.of(1, 3, 4, 5, 7, 8, 9).toString());
        assertEquals("0-1,4-16:4,20-21", CpuSet.of(0, 1, 4, 8, 12, 16, 20, 21).toString());
    }

    @Test
    void formattedListsReadBackToTheSameSet() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<Integer> ids = new ArrayList<>();
            int limit = 1 + random.nextInt(300);
            for (int id = 0; id < limit; id++) {
                if (random.nextInt(3) != 0) {
                    ids.add(id);
                }
            }
            CpuSet s = CpuSet.of(ids.stream().mapToInt(Integer::intValue).toArray());
            assertEquals(s, CpuSet.parseList(s.toString()), s.toString());
        }
    }

    @Test
    void setOperationsAndIteration() {
        CpuSet a = CpuSet.parseList("0-7");
        CpuSet b = CpuSet.parseList("4-11");
        assertEquals(CpuSet.range(4, 7), a.intersect(b));
        assertEquals(CpuSet.range(0, 11), a.union(b));
        assertEquals(CpuSet.range(0, 3), a.minus(b));
        assertTrue(a.intersects(b));
        assertFalse(a.intersects(CpuSet.of(100)));
        assertTrue(a.containsAll(CpuSet.of(1, 7)));
        assertFalse(a.containsAll(b));
        List<Integer> seen = new ArrayList<>();
        CpuSet.parseList("200,3,64,63").forEach(seen::add);
        assertEquals(List.of(3, 63, 64, 200), seen);
        assertEquals(64, CpuSet.parseList("3,64").next(4));
        assertEquals(CpuSet.of(1), CpuSet.of(1, 200).intersect(CpuSet.of(1)));
        assertEquals(CpuSet.of(1).hashCode(), CpuSet.of(1, 200).minus(CpuSet.of(200)).hashCode());
    }
}
