package io.numagen.topology;

import java.util.Objects;

/**
 * One NUMA node as the kernel reports it.
 *
 * @param id             the kernel's node number (ids need not be contiguous)
 * @param cpus           the CPUs local to this node, online or not; empty for a CPU-less (memory-only) node
 * @param memTotalBytes  memory on this node in bytes, or {@link #UNKNOWN} when not reported
 * @param memFreeBytes   free memory in bytes when read, or {@link #UNKNOWN}
 * @param hasMemory      whether the node holds memory (false for a memoryless node)
 */
public record NumaNode(int id, CpuSet cpus, long memTotalBytes, long memFreeBytes, boolean hasMemory) {

    /** A memory size that was not reported. */
    public static final long UNKNOWN = -1;

    public NumaNode {
        if (id < 0) {
            throw new IllegalArgumentException("node id must be >= 0, got " + id);
        }
        Objects.requireNonNull(cpus, "cpus");
        if (memTotalBytes < UNKNOWN || memFreeBytes < UNKNOWN) {
            throw new IllegalArgumentException("node " + id + ": memory sizes must be >= 0 or UNKNOWN");
        }
    }

    public boolean hasCpus() {
        return !cpus.isEmpty();
    }
}
