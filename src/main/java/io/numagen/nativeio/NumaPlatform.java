package io.numagen.nativeio;

import io.numagen.topology.Topology;

import java.util.Collection;
import java.util.List;

/**
 * What the kernel does for the NUMA layer, as one seam: the machine's topology and page size, pinning the calling
 * thread and asking where it runs, mapping memory and advising it, binding ranges to nodes, and asking where pages
 * are. {@link #live()} makes the system calls through JNA; tests substitute a simulated kernel built from another
 * machine's sysfs dump, so placement logic and native failures are exercised on any machine.
 *
 * <p>Calls that can fail for reasons of the machine return a {@link NativeResult}; mapping, which has no fallback,
 * throws a {@link NativeException} naming the call and errno.
 */
public interface NumaPlatform {

    /** The running machine, through JNA system calls and its own /sys and /proc. */
    static NumaPlatform live() {
        return LivePlatform.INSTANCE;
    }

    /** The machine's nodes and CPUs and what this process may use of them. */
    Topology topology();

    /** The base page size. */
    long pageSize();

    /**
     * Restricts the calling thread to {@code cpus}.
     *
     * @return the CPUs the thread may now run on
     * @throws IllegalArgumentException if {@code cpus} is empty or names an id this kernel cannot have
     */
    NativeResult<List<Integer>> pin(Collection<Integer> cpus);

    /** The CPUs the calling thread may run on, ascending. */
    NativeResult<List<Integer>> allowedCpus();

    /** The CPU the calling thread runs on now and its node. */
    NativeResult<CpuLocation> location();

    /**
     * Maps {@code length} bytes of anonymous memory, untouched, starting at a multiple of {@code alignment} (a power
     * of two; the page size for no particular alignment).
     *
     * @return the address
     * @throws NativeException if the mapping fails, naming the size and errno
     */
    long map(long length, long alignment);

    void unmap(long address, long length);

    /** MADV_HUGEPAGE ({@code huge}) or MADV_NOHUGEPAGE over a page-aligned range. */
    NativeResult<Void> adviseHugePages(long address, long length, boolean huge);

    /**
     * Validates a node id before it reaches the kernel.
     *
     * @return {@code node}
     * @throws IllegalArgumentException naming the id and the range this kernel supports
     */
    int checkNode(int node);

    /** mbind: the policy of the pages of a page-aligned range; flags as {@link Numa#MF_STRICT} and friends. */
    NativeResult<Void> mbind(long address, long length, MemoryPolicy policy, int flags);

    /** Scratch to ask where up to {@code capacity} pages at a time are, without placing any. */
    NativeResult<PageQuery> openPageQuery(int capacity);

    /**
     * The calling thread has just written every page of {@code [address, address + length)}. The kernel placed the
     * pages on that write already, so the live platform does nothing; a simulated one places them now.
     */
    void written(long address, long length);
}
