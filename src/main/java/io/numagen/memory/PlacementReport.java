package io.numagen.memory;

import io.numagen.nativeio.Errno;

import java.util.List;
import java.util.Locale;

/**
 * Where the pages of a buffer (or byte range) are: pages per node, untouched and failed pages, and how many pages sit
 * on the node their writer ran on.
 *
 * @param failureErrno the errno of one failed page (0 if none), to say why pages failed
 * @param nodes        one entry per node holding pages or writers, ascending
 */
public record PlacementReport(long pageSize, long pages, long untouchedPages, long failedPages, int failureErrno,
                              List<NodeShare> nodes) {

    /**
     * One node's pages.
     *
     * @param pages           pages placed on this node
     * @param pagesWithWriter of those, the pages whose writer's node is known
     * @param localPages      of those, the pages whose writer ran on this node
     * @param writtenFrom     pages (on any node) whose writer ran on this node
     */
    public record NodeShare(int node, long pages, long pagesWithWriter, long localPages, long writtenFrom) {
        /** The share of this node's pages written from this node; NaN when no page here has a known writer. */
        public double localShare() {
            return ratio(localPages, pagesWithWriter);
        }
    }

    public PlacementReport {
        nodes = List.copyOf(nodes);
    }

    /** Pages placed on some node (touched and queried successfully). */
    public long placedPages() {
        return pages - untouchedPages - failedPages;
    }

    /** The share of all pages placed on {@code node}. */
    public double share(int node) {
        return ratio(nodes.stream().filter(n -> n.node() == node).mapToLong(NodeShare::pages).sum(), pages);
    }

    /** The share of placed pages with a known writer that sit on their writer's node; NaN if none. */
    public double localShare() {
        return ratio(nodes.stream().mapToLong(NodeShare::localPages).sum(),
                nodes.stream().mapToLong(NodeShare::pagesWithWriter).sum());
    }

    /**
     * For example:
     * <pre>
     * 262144 pages of 4096 bytes: 262144 placed, 0 untouched, 0 failed
     * node 0: 100.0 % (262144 pages), local to writer: 100.0 %
     * local to writer overall: 100.0 %
     * </pre>
     */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append(pages).append(" pages of ").append(pageSize).append(" bytes: ").append(placedPages())
                .append(" placed, ").append(untouchedPages).append(" untouched, ").append(failedPages)
                .append(" failed");
        if (failedPages > 0) {
            text.append(" (e.g. ").append(Errno.describe(failureErrno)).append(')');
        }
        text.append('\n');
        for (NodeShare n : nodes) {
            text.append("node ").append(n.node()).append(": ").append(percent(ratio(n.pages(), pages)))
                    .append(" (").append(n.pages()).append(" pages), local to writer: ")
                    .append(percent(n.localShare())).append('\n');
        }
        text.append("local to writer overall: ").append(percent(localShare())).append('\n');
        return text.toString();
    }

    private static double ratio(long part, long whole) {
        return whole == 0 ? Double.NaN : (double) part / whole;
    }

    private static String percent(double share) {
        return Double.isNaN(share) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", share * 100);
    }
}
