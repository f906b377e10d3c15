package io.numagen.nativeio;

import com.sun.jna.Memory;

import java.util.Collection;
import java.util.List;

/**
 * CPU affinity of the calling thread ({@code sched_setaffinity}/{@code sched_getaffinity} with pid 0, which is the
 * thread, not the process) and where it runs right now ({@code getcpu}: glibc's vDSO-backed function when present,
 * else the system call).
 */
public final class Affinity {
    /** Largest mask tried while probing the kernel's CPU mask width: 2^20 CPU ids, far beyond any NR_CPUS. */
    private static final int MAX_MASK_BYTES = 1 << 17;
    /** glibc's cpu_set_t: the first size tried. */
    private static final int CPU_SET_BYTES = 128;

    private static final NativeResult<Integer> MASK_BYTES = probeMaskBytes();
    /** getcpu's two out-parameters, per thread: workers may ask where they run often, so no allocation per call. */
    private static final ThreadLocal<Memory> CPU_AND_NODE = ThreadLocal.withInitial(() -> new Memory(8));

    private Affinity() {
    }

    /**
     * One past the largest CPU id the kernel's CPU masks hold (its nr_cpu_ids rounded up to 64). Ids at or above it
     * cannot name a CPU on this kernel.
     */
    public static NativeResult<Integer> cpuIdLimit() {
        return MASK_BYTES.map(bytes -> bytes * 8);
    }

    /** The CPUs the calling thread may run on, ascending. */
    public static NativeResult<List<Integer>> current() {
        if (!MASK_BYTES.isOk()) {
            return MASK_BYTES.asFailure();
        }
        int bytes = MASK_BYTES.orThrow();
        try (Memory mask = new Memory(bytes)) {
            long copied = Kernel.call(Kernel.NR.schedGetaffinity(), 0, bytes, Kernel.address(mask), 0, 0, 0);
            if (copied < 0) {
                return NativeResult.failed("sched_getaffinity", (int) -copied);
            }
            return NativeResult.ok(IdMask.decode(Kernel.readMask(mask, (int) (copied / 8))));
        }
    }

    /** Pins the calling thread to one CPU; see {@link #pin(Collection)}. */
    public static NativeResult<List<Integer>> pin(int cpu) {
        return pin(List.of(cpu));
    }

    /**
     * Restricts the calling thread to {@code cpus}.
     *
     * @return the CPUs the thread may now run on, read back from the kernel
     * @throws IllegalArgumentException if {@code cpus} is empty or holds an id outside {@link #cpuIdLimit()}
     */
    public static NativeResult<List<Integer>> pin(Collection<Integer> cpus) {
        if (!MASK_BYTES.isOk()) {
            return MASK_BYTES.asFailure();
        }
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("cpu list must not be empty");
        }
        cpus.forEach(Affinity::checkCpu);
        int bytes = MASK_BYTES.orThrow();
        try (Memory mask = Kernel.maskMemory(IdMask.encode(cpus, bytes / 8))) {
            long result = Kernel.call(Kernel.NR.schedSetaffinity(), 0, bytes, Kernel.address(mask), 0, 0, 0);
            if (result < 0) {
                // EINVAL here means no CPU in the mask is online and allowed by the cpuset.
                return NativeResult.failed("sched_setaffinity(cpus " + IdMask.format(List.copyOf(cpus)) + ")",
                        (int) -result);
            }
        }
        return current();
    }

    /** The CPU the calling thread is running on now and that CPU's node (stale as soon as it may migrate). */
    public static NativeResult<CpuLocation> location() {
        if (Kernel.UNAVAILABLE != null) {
            return NativeResult.unavailable(Kernel.UNAVAILABLE);
        }
        Memory cpuAndNode = CPU_AND_NODE.get();
        long address = Kernel.address(cpuAndNode);
        long result = LibcGetcpu.AVAILABLE ? Kernel.withErrno(LibcGetcpu.getcpu(address, address + 4))
                : Kernel.call(Kernel.NR.getcpu(), address, address + 4, 0, 0, 0, 0);
        if (result < 0) {
            return NativeResult.failed("getcpu", (int) -result);
        }
        return NativeResult.ok(new CpuLocation(cpuAndNode.getInt(0), cpuAndNode.getInt(4)));
    }

    /**
     * Validates a CPU id before it reaches the kernel.
     *
     * @return {@code cpu}
     * @throws IllegalArgumentException naming the id and the allowed range if it is negative or at or above
     *                                  {@link #cpuIdLimit()} (when the limit is unknown only negatives are caught)
     */
    public static int checkCpu(int cpu) {
        int limit = cpuIdLimit().orElse(Integer.MAX_VALUE);
        if (cpu < 0 || cpu >= limit) {
            throw new IllegalArgumentException("cpu " + cpu + " is outside the CPU ids this kernel supports: 0.."
                    + (limit == Integer.MAX_VALUE ? "" : String.valueOf(limit - 1)));
        }
        return cpu;
    }

    /**
     * The raw sched_getaffinity returns how many mask bytes the kernel copied, and fails with EINVAL while the mask is
     * narrower than nr_cpu_ids: doubling from cpu_set_t's 128 bytes finds the width.
     */
    private static NativeResult<Integer> probeMaskBytes() {
        if (Kernel.UNAVAILABLE != null) {
            return NativeResult.unavailable(Kernel.UNAVAILABLE);
        }
        for (int bytes = CPU_SET_BYTES; bytes <= MAX_MASK_BYTES; bytes *= 2) {
            try (Memory mask = new Memory(bytes)) {
                long copied = Kernel.call(Kernel.NR.schedGetaffinity(), 0, bytes, Kernel.address(mask), 0, 0, 0);
                if (copied > 0) {
                    return NativeResult.ok((int) copied);
                }
                if (copied != -Errno.EINVAL) {
                    return NativeResult.failed("sched_getaffinity", (int) -copied);
                }
            }
        }
        return NativeResult.failed("sched_getaffinity (mask of " + MAX_MASK_BYTES + " bytes)", Errno.EINVAL);
    }
}
