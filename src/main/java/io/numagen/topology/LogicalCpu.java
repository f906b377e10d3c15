package io.numagen.topology;

import java.util.Objects;

/**
 * Where one logical CPU (a hardware thread) sits, from {@code /sys/devices/system/cpu/cpuN/topology}.
 *
 * @param id             the CPU number
 * @param packageId      the socket ({@code physical_package_id}), or -1 if not reported
 * @param coreId         the core number within its package ({@code core_id}), or -1 if not reported
 * @param threadSiblings the hardware threads sharing this CPU's core, itself included (empty if not reported)
 * @param coreSiblings   the CPUs sharing this CPU's package, itself included (empty if not reported)
 */
public record LogicalCpu(int id, int packageId, int coreId, CpuSet threadSiblings, CpuSet coreSiblings) {

    public LogicalCpu {
        if (id < 0) {
            throw new IllegalArgumentException("cpu id must be >= 0, got " + id);
        }
        Objects.requireNonNull(threadSiblings, "threadSiblings");
        Objects.requireNonNull(coreSiblings, "coreSiblings");
    }
}
