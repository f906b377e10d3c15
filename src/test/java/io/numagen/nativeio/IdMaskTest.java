package io.numagen.nativeio;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdMaskTest {

    @Test
    void encodesIdsAsBitsOfLittleEndianWords() {
        long[] mask = IdMask.encode(List.of(0, 3, 64, 130), 3);
        assertArrayEquals(new long[] {0b1001L, 1L, 1L << 2}, mask);
    }

    @Test
    void decodeInvertsEncodeAscending() {
        List<Integer> ids = List.of(1, 2, 63, 64, 1023);
        assertEquals(ids, IdMask.decode(IdMask.encode(List.of(1023, 64, 2, 63, 1), IdMask.words(1024))));
        assertEquals(16, IdMask.words(1024));
        assertEquals(1, IdMask.words(0));
    }

    @Test
    void idBeyondTheMaskIsRejectedWithItsValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IdMask.encode(List.of(128), 2));
        assertTrue(e.getMessage().contains("128") && e.getMessage().contains("0..127"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> IdMask.encode(List.of(-1), 2));
    }

    @Test
    void formatsRunsAsRanges() {
        assertEquals("0-3,8,10-11", IdMask.format(List.of(0, 1, 2, 3, 8, 10, 11)));
        assertEquals("5", IdMask.format(List.of(5)));
        assertEquals("", IdMask.format(List.of()));
    }
}
