package io.numagen.metrics;

import java.util.Locale;

/**
 * The parts of an operation on fresh native memory whose times {@link PhaseTimes} records separately. Writing into
 * memory that nothing touched before also takes its page faults: without a first-touch phase they land in
 * {@link #WRITE}, as kernel CPU time.
 */
public enum Phase {
    /** mmap of a new buffer (the kernel reserves address space; no page exists yet). */
    MAP,
    /** mbind of a worker's share to its node (the pages are still not there). */
    BIND,
    /** First touch: one write per page or huge page, so each is faulted in (allocated, zeroed, placed) now. */
    TOUCH,
    /** Generating the bytes into the buffer, plus the faults of pages not touched before. */
    WRITE,
    /** munmap of a buffer: its pages go back to the kernel (and, in a VM with free page reporting, to the host). */
    UNMAP;

    private static final Phase[] ALL = values();

    /** Lower-case name used in metric names, e.g. "touch". */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    static Phase of(int ordinal) {
        return ALL[ordinal];
    }

    static int count() {
        return ALL.length;
    }
}
