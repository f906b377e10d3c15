package io.numagen.memory;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PageRangeTest {
    private static final long PAGE = 4096;

    @Test
    void inwardKeepsOnlyWholePages() {
        assertEquals(new PageRange(4096, 8192), PageRange.inward(100, 12_300, PAGE));
        assertEquals(new PageRange(4096, 4096), PageRange.inward(4096, 4096, PAGE));
        assertTrue(PageRange.inward(100, 4096, PAGE).isEmpty(), "a page-sized range straddling two pages");
    }

    @Test
    void outwardCoversEveryPageWithAByte() {
        assertEquals(new PageRange(0, 16_384), PageRange.outward(100, 12_300, PAGE));
        assertEquals(new PageRange(0, 8192), PageRange.outward(100, 4096, PAGE));
        assertEquals(0, PageRange.outward(100, 0, PAGE).length());
    }

    @Test
    void intersectionAndPageCount() {
        PageRange a = new PageRange(0, 16_384);
        assertEquals(new PageRange(8192, 8192), a.intersect(new PageRange(8192, 20_000)));
        assertTrue(a.intersect(new PageRange(20_480, 4096)).isEmpty());
        assertEquals(4, a.pages(PAGE));
    }

    @Test
    void pageSizeMustBeAPowerOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PageRange.alignUp(1, 3000));
        assertTrue(e.getMessage().contains("3000"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new PageRange(0, -1));
    }
}
