package io.numagen.topology;

import java.util.Arrays;

/**
 * The node distance table ({@code /sys/devices/system/node/nodeN/distance}, the firmware's SLIT: 10 is local,
 * larger is farther), indexed by node id. {@link #UNKNOWN} when the kernel gave no table.
 */
public final class NodeDistances {

    public static final NodeDistances UNKNOWN = new NodeDistances(new int[0], new int[0][]);

    private final int[] nodeIds;
    private final int[][] values;

    /**
     * @param nodeIds ascending node ids
     * @param values  {@code values[i][j]} is the distance from {@code nodeIds[i]} to {@code nodeIds[j]}
     */
    public NodeDistances(int[] nodeIds, int[][] values) {
        if (values.length != nodeIds.length) {
            throw new IllegalArgumentException("distance table has " + values.length + " rows for "
                    + nodeIds.length + " nodes");
        }
        for (int i = 0; i < nodeIds.length; i++) {
            if (i > 0 && nodeIds[i] <= nodeIds[i - 1]) {
                throw new IllegalArgumentException("node ids must ascend: " + Arrays.toString(nodeIds));
            }
            if (values[i].length != nodeIds.length) {
                throw new IllegalArgumentException("distance row of node " + nodeIds[i] + " has " + values[i].length
                        + " entries for " + nodeIds.length + " nodes");
            }
        }
        this.nodeIds = nodeIds.clone();
        this.values = Arrays.stream(values).map(int[]::clone).toArray(int[][]::new);
    }

    public boolean known() {
        return nodeIds.length > 0;
    }

    public int[] nodeIds() {
        return nodeIds.clone();
    }

    /** The distance from node {@code a} to node {@code b}, or -1 if unknown. */
    public int distance(int a, int b) {
        int i = Arrays.binarySearch(nodeIds, a);
        int j = Arrays.binarySearch(nodeIds, b);
        return i < 0 || j < 0 ? -1 : values[i][j];
    }

    /** The same table restricted to {@code keep} (ids of this table, ascending). */
    NodeDistances restrictTo(int[] keep) {
        if (!known()) {
            return this;
        }
        int[][] out = new int[keep.length][keep.length];
        for (int i = 0; i < keep.length; i++) {
            for (int j = 0; j < keep.length; j++) {
                out[i][j] = distance(keep[i], keep[j]);
            }
        }
        return new NodeDistances(keep, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeDistances && Arrays.equals(nodeIds, ((NodeDistances) o).nodeIds)
                && Arrays.deepEquals(values, ((NodeDistances) o).values);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(nodeIds) + Arrays.deepHashCode(values);
    }

    @Override
    public String toString() {
        return known() ? "NodeDistances" + Arrays.toString(nodeIds) + Arrays.deepToString(values) : "unknown";
    }
}
