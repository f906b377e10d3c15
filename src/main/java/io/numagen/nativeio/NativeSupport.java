package io.numagen.nativeio;

import java.util.ArrayList;
import java.util.List;

/**
 * What of the native layer works on this machine and, for what does not, why: printed by the CLI and stored with
 * benchmark results so a number measured without pinning or binding says so.
 */
public record NativeSupport(String platform, List<Capability> capabilities) {

    public enum Feature {
        LIBC, SYSCALLS, AFFINITY, GETCPU, MEMORY_POLICY, PAGE_QUERY, LIBNUMA
    }

    /** One feature: available with what it found, or not with the reason. */
    public record Capability(Feature feature, boolean available, String detail) {
    }

    public NativeSupport {
        capabilities = List.copyOf(capabilities);
    }

    /** Probes each feature with one harmless call. */
    public static NativeSupport probe() {
        List<Capability> found = new ArrayList<>();
        found.add(Libc.UNAVAILABLE == null ? new Capability(Feature.LIBC, true, "bound through JNA direct mapping")
                : new Capability(Feature.LIBC, false, Libc.UNAVAILABLE));
        found.add(Kernel.UNAVAILABLE == null
                ? new Capability(Feature.SYSCALLS, true, Kernel.NR.arch() + " system call numbers")
                : new Capability(Feature.SYSCALLS, false, Kernel.UNAVAILABLE));
        found.add(capability(Feature.AFFINITY, Affinity.current().map(cpus -> "allowed CPUs " + IdMask.format(cpus)
                + " of CPU ids 0.." + (Affinity.cpuIdLimit().orThrow() - 1))));
        found.add(capability(Feature.GETCPU, Affinity.location().map(at -> "running on CPU " + at.cpu()
                + ", node " + at.node() + (LibcGetcpu.AVAILABLE ? " (glibc getcpu)" : " (getcpu system call)"))));
        found.add(capability(Feature.MEMORY_POLICY, Numa.allowedNodes().map(nodes -> "allowed nodes "
                + IdMask.format(nodes) + " of node ids 0.." + (Numa.nodeIdLimit().orThrow() - 1)
                + ", thread policy " + Numa.threadPolicy().map(MemoryPolicy::toString).orElse("unknown"))));
        found.add(capability(Feature.PAGE_QUERY, probePageQuery()));
        found.add(capability(Feature.LIBNUMA, LibNuma.maxNode().map(max -> "numa_max_node() = " + max)));
        return new NativeSupport(System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"), found);
    }

    public boolean available(Feature feature) {
        return capabilities.stream().anyMatch(c -> c.feature() == feature && c.available());
    }

    /** One line per feature, e.g. {@code affinity: yes (allowed CPUs 0-1 of CPU ids 0..63)}. */
    public String render() {
        StringBuilder text = new StringBuilder("native support on ").append(platform).append('\n');
        for (Capability c : capabilities) {
            text.append("  ").append(c.feature().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' '))
                    .append(": ").append(c.available() ? "yes" : "no").append(" (").append(c.detail()).append(")\n");
        }
        return text.toString();
    }

    private static Capability capability(Feature feature, NativeResult<String> result) {
        return result.isOk() ? new Capability(feature, true, result.orThrow())
                : new Capability(feature, false, result.failure());
    }

    /** move_pages on a page of our own: untouched, so the kernel must answer ENOENT for it. */
    private static NativeResult<String> probePageQuery() {
        NativeResult<PageStatusQuery> opened = PageStatusQuery.open(1);
        if (!opened.isOk()) {
            return opened.asFailure();
        }
        long pageSize = Mmap.pageSize().orThrow();
        long page = Mmap.map(pageSize);
        try (PageStatusQuery query = opened.orThrow()) {
            int[] status = new int[1];
            int errno = query.query(page, pageSize, 1, status);
            return errno != 0 ? NativeResult.failed("move_pages", errno)
                    : NativeResult.ok("move_pages query works (untouched page: " + describeStatus(status[0]) + ")");
        } finally {
            Mmap.unmap(page, pageSize);
        }
    }

    private static String describeStatus(int status) {
        return status >= 0 ? "node " + status : Errno.describe(-status);
    }
}
