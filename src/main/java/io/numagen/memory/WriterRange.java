package io.numagen.memory;

/**
 * A byte range {@code [offset, offset + length)} of a buffer and the node its writer ran on (from getcpu when it
 * wrote), or {@link #UNKNOWN_NODE}. Placement reports use it to tell whether each page is local to its writer.
 */
public record WriterRange(long offset, long length, int node) {
    public static final int UNKNOWN_NODE = -1;

    public WriterRange {
        if (offset < 0 || length < 0) {
            throw new IllegalArgumentException("writer range must have offset and length >= 0, got offset " + offset
                    + ", length " + length);
        }
        if (node < UNKNOWN_NODE) {
            throw new IllegalArgumentException("writer node must be >= 0 or UNKNOWN_NODE (-1), got " + node);
        }
    }

    public long end() {
        return offset + length;
    }
}
