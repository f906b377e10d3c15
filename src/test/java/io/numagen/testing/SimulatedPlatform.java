package io.numagen.testing;

import io.numagen.nativeio.CpuLocation;
import io.numagen.nativeio.Errno;
import io.numagen.nativeio.MemoryPolicy;
import io.numagen.nativeio.NativeException;
import io.numagen.nativeio.NativeResult;
import io.numagen.nativeio.Numa;
import io.numagen.nativeio.NumaPlatform;
import io.numagen.nativeio.PageQuery;
import io.numagen.topology.CpuSet;
import io.numagen.topology.Topology;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A kernel simulated in memory for a machine described by a sysfs dump, so placement logic runs against 2-, 4- and
 * 8-node machines on any host. Memory is real (mapped by the live platform, so the generator writes into it); where
 * its pages live is bookkeeping, kept per page as the kernel would decide it:
 * <ul>
 *     <li>a thread runs on the lowest CPU it may use (its affinity, else the process's allowed CPUs);</li>
 *     <li>a page is placed when first written, by the range's policy: DEFAULT/LOCAL on the writer's node, BIND on the
 *     writer's node if in the set else the nearest node of the set, PREFERRED on its node, INTERLEAVE round-robin by
 *     page index in the mapping;</li>
 *     <li>a node without memory or outside the cpuset's mems takes no pages: the nearest allowed node with memory
 *     (by distance, then id) does; mbind to a set with no such node fails with EINVAL, as the kernel does;</li>
 *     <li>mbind with MF_MOVE moves placed pages that break the new policy.</li>
 * </ul>
 * Faults are injected per call ({@link #failMap} and friends) to test how the layers above report them.
 */
public final class SimulatedPlatform implements NumaPlatform {
    private static final long PAGE_SIZE = 4096;

    private final Topology topology;
    private final ThreadLocal<CpuSet> affinity;
    private final TreeMap<Long, Mapping> mappings = new TreeMap<>();
    private volatile int mapErrno;
    private volatile int mbindErrno;
    private volatile int pinErrno;
    private volatile int pageQueryErrno;

    /** One mapping's pages: the node of each ({@code -ENOENT} until written) and the policy mbind gave it. */
    private static final class Mapping {
        final long address;
        final int[] node;
        final MemoryPolicy[] policy;

        Mapping(long address, long length) {
            this.address = address;
            int pages = (int) ((length + PAGE_SIZE - 1) / PAGE_SIZE);
            this.node = new int[pages];
            this.policy = new MemoryPolicy[pages];
            java.util.Arrays.fill(node, -Errno.ENOENT);
        }

        long end() {
            return address + node.length * PAGE_SIZE;
        }
    }

    public SimulatedPlatform(Topology topology) {
        this.topology = topology;
        this.affinity = ThreadLocal.withInitial(topology::allowedCpus);
    }

    /** mmap fails with {@code errno} from now on (0: works again). */
    public SimulatedPlatform failMap(int errno) {
        mapErrno = errno;
        return this;
    }

    public SimulatedPlatform failMbind(int errno) {
        mbindErrno = errno;
        return this;
    }

    public SimulatedPlatform failPin(int errno) {
        pinErrno = errno;
        return this;
    }

    /** move_pages as a whole fails with {@code errno}. */
    public SimulatedPlatform failPageQuery(int errno) {
        pageQueryErrno = errno;
        return this;
    }

    @Override
    public Topology topology() {
        return topology;
    }

    @Override
    public long pageSize() {
        return PAGE_SIZE;
    }

    @Override
    public NativeResult<List<Integer>> pin(Collection<Integer> cpus) {
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("cpu list must not be empty");
        }
        if (pinErrno != 0) {
            return NativeResult.failed("sched_setaffinity(cpus " + cpus + ")", pinErrno);
        }
        CpuSet allowed = CpuSet.of(cpus.stream().mapToInt(Integer::intValue).toArray())
                .intersect(topology.allowedCpus());
        if (allowed.isEmpty()) {
            return NativeResult.failed("sched_setaffinity(cpus " + cpus + ")", Errno.EINVAL);
        }
        affinity.set(allowed);
        return allowedCpus();
    }

    @Override
    public NativeResult<List<Integer>> allowedCpus() {
        return NativeResult.ok(affinity.get().stream().boxed().toList());
    }

    @Override
    public NativeResult<CpuLocation> location() {
        int cpu = affinity.get().first();
        return NativeResult.ok(new CpuLocation(cpu, topology.nodeOfCpu(cpu)));
    }

    @Override
    public synchronized long map(long length, long alignment) {
        if (mapErrno != 0) {
            throw new NativeException("mmap of " + length + " bytes failed: " + Errno.describe(mapErrno));
        }
        long address = NumaPlatform.live().map(length, alignment);
        mappings.put(address, new Mapping(address, length));
        return address;
    }

    @Override
    public synchronized void unmap(long address, long length) {
        mappings.remove(address);
        NumaPlatform.live().unmap(address, length);
    }

    @Override
    public NativeResult<Void> adviseHugePages(long address, long length, boolean huge) {
        return NativeResult.ok(null);
    }

    @Override
    public int checkNode(int node) {
        int limit = topology.nodes().get(topology.nodes().size() - 1).id() + 1;
        if (node < 0 || node >= limit) {
            throw new IllegalArgumentException("node " + node + " is outside the node ids this kernel supports: 0.."
                    + (limit - 1));
        }
        return node;
    }

    @Override
    public synchronized NativeResult<Void> mbind(long address, long length, MemoryPolicy policy, int flags) {
        String call = "mbind(" + policy + ", " + length + " bytes at 0x" + Long.toHexString(address) + ")";
        policy.nodes().forEach(this::checkNode);
        if (mbindErrno != 0) {
            return NativeResult.failed(call, mbindErrno);
        }
        Mapping m = mappingOf(address);
        if (m == null || address % PAGE_SIZE != 0 || address + length > m.end()) {
            return NativeResult.failed(call, m == null ? Errno.EFAULT : Errno.EINVAL);
        }
        if (!policy.nodes().isEmpty() && policy.nodes().stream().noneMatch(this::takesPages)) {
            return NativeResult.failed(call, Errno.EINVAL);
        }
        boolean move = (flags & (Numa.MF_MOVE | Numa.MF_MOVE_ALL)) != 0;
        for (long a = address; a < address + length; a += PAGE_SIZE) {
            int page = (int) ((a - m.address) / PAGE_SIZE);
            m.policy[page] = policy;
            if (move && m.node[page] >= 0 && !policy.nodes().isEmpty() && !policy.nodes().contains(m.node[page])) {
                m.node[page] = nodeFor(policy, m.node[page], page);
            }
        }
        return NativeResult.ok(null);
    }

    @Override
    public NativeResult<PageQuery> openPageQuery(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("batch capacity must be > 0 pages, got " + capacity);
        }
        return NativeResult.ok(new PageQuery() {
            @Override
            public int capacity() {
                return capacity;
            }

            @Override
            public int query(long firstPage, long pageSize, int count, int[] statusOut) {
                PageQuery.checkCount(count, capacity, statusOut);
                if (pageQueryErrno != 0) {
                    return pageQueryErrno;
                }
                for (int i = 0; i < count; i++) {
                    statusOut[i] = nodeOfPage(firstPage + i * pageSize);
                }
                return 0;
            }

            @Override
            public void close() {
            }
        });
    }

    @Override
    public synchronized void written(long address, long length) {
        if (length <= 0) {
            return;
        }
        Mapping m = mappingOf(address);
        if (m == null) {
            return;
        }
        int local = location().orThrow().node();
        int first = (int) ((address - m.address) / PAGE_SIZE);
        int last = (int) ((Math.min(address + length, m.end()) - 1 - m.address) / PAGE_SIZE);
        for (int page = first; page <= last; page++) {
            if (m.node[page] < 0) {
                MemoryPolicy p = m.policy[page];
                m.node[page] = nodeFor(p == null ? MemoryPolicy.systemDefault() : p, local, page);
            }
        }
    }

    /** The node holding the page at {@code address}, or -ENOENT (untouched) or -EFAULT (not mapped). */
    private synchronized int nodeOfPage(long address) {
        Mapping m = mappingOf(address);
        return m == null ? -Errno.EFAULT : m.node[(int) ((address - m.address) / PAGE_SIZE)];
    }

    private Mapping mappingOf(long address) {
        Map.Entry<Long, Mapping> e = mappings.floorEntry(address);
        return e == null || address >= e.getValue().end() ? null : e.getValue();
    }

    /** Where a page first written from {@code local}'s CPUs goes under {@code policy}. */
    private int nodeFor(MemoryPolicy policy, int local, int page) {
        List<Integer> set = policy.nodes().stream().filter(this::takesPages).toList();
        if (set.isEmpty()) {
            return topology.memoryNodeFor(local);
        }
        if (policy.mode() == MemoryPolicy.Mode.INTERLEAVE || policy.mode() == MemoryPolicy.Mode.WEIGHTED_INTERLEAVE) {
            return set.get(page % set.size());
        }
        // BIND and PREFERRED: the writer's node if in the set, else the set's nearest (then lowest id).
        int best = set.get(0);
        for (int n : set) {
            if (n == local) {
                return n;
            }
            if (distance(local, n) < distance(local, best)) {
                best = n;
            }
        }
        return best;
    }

    private int distance(int a, int b) {
        int d = a < 0 ? -1 : topology.distance(a, b);
        return d < 0 ? Integer.MAX_VALUE : d;
    }

    /** Whether the kernel may put pages of this process on {@code node}: it has memory and the cpuset allows it. */
    private boolean takesPages(int node) {
        return topology.memoryNodes().contains(node);
    }
}
