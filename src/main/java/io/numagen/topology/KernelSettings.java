package io.numagen.topology;

/**
 * Kernel settings that change NUMA measurements. Each is null when its file is absent (not an error: containers and
 * older kernels hide them).
 *
 * @param transparentHugepages the selected mode of {@code /sys/kernel/mm/transparent_hugepage/enabled}
 *                             ({@code always}, {@code madvise} or {@code never})
 * @param hugepageBytes        the transparent huge page size, {@code hpage_pmd_size}, in bytes
 * @param numaBalancing        {@code /proc/sys/kernel/numa_balancing}: 0 off; non-zero means the kernel migrates
 *                             pages and tasks between nodes behind the benchmark's back
 */
public record KernelSettings(String transparentHugepages, Long hugepageBytes, Integer numaBalancing) {

    public static final KernelSettings UNKNOWN = new KernelSettings(null, null, null);
}
