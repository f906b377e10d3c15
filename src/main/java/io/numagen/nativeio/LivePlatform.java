package io.numagen.nativeio;

import io.numagen.topology.Topology;
import io.numagen.topology.TopologyReader;

import java.util.Collection;
import java.util.List;

/** {@link NumaPlatform} on the running machine: the JNA system calls of this package. */
final class LivePlatform implements NumaPlatform {
    static final LivePlatform INSTANCE = new LivePlatform();
    /** Where sysconf is unavailable (not Linux), page-aligned arithmetic still needs a size. */
    private static final long FALLBACK_PAGE_SIZE = 4096;

    private final long pageSize = Mmap.pageSize().orElse(FALLBACK_PAGE_SIZE);

    private LivePlatform() {
    }

    @Override
    public Topology topology() {
        return TopologyReader.read();
    }

    @Override
    public long pageSize() {
        return pageSize;
    }

    @Override
    public NativeResult<List<Integer>> pin(Collection<Integer> cpus) {
        return Affinity.pin(cpus);
    }

    @Override
    public NativeResult<List<Integer>> allowedCpus() {
        return Affinity.current();
    }

    @Override
    public NativeResult<CpuLocation> location() {
        return Affinity.location();
    }

    @Override
    public long map(long length, long alignment) {
        return Mmap.mapFenced(length, alignment);
    }

    @Override
    public void unmap(long address, long length) {
        Mmap.unmapFenced(address, length);
    }

    @Override
    public NativeResult<Void> adviseHugePages(long address, long length, boolean huge) {
        return Mmap.adviseHugePages(address, length, huge);
    }

    @Override
    public int checkNode(int node) {
        return Numa.checkNode(node);
    }

    @Override
    public NativeResult<Void> mbind(long address, long length, MemoryPolicy policy, int flags) {
        return Numa.mbind(address, length, policy, flags);
    }

    @Override
    public NativeResult<PageQuery> openPageQuery(int capacity) {
        return PageStatusQuery.open(capacity).map(query -> query);
    }

    @Override
    public void written(long address, long length) {
        // The kernel placed the pages when they were written.
    }
}
