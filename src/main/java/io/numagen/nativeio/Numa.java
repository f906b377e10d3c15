package io.numagen.nativeio;

import com.sun.jna.Memory;

import java.util.List;

/**
 * NUMA memory policy system calls: {@code mbind} for an address range, {@code set_mempolicy}/{@code get_mempolicy}
 * for the calling thread, the node of one address, and the nodes this process may allocate from.
 */
public final class Numa {
    /** mbind: fail with EIO if pages already placed do not follow the policy (unless moved). */
    public static final int MF_STRICT = 1;
    /** mbind: move pages of this process that do not follow the policy. */
    public static final int MF_MOVE = 1 << 1;
    /** mbind: move pages even if shared with other processes (needs CAP_SYS_NICE). */
    public static final int MF_MOVE_ALL = 1 << 2;

    private static final int F_NODE = 1;
    private static final int F_ADDR = 1 << 1;
    private static final int F_MEMS_ALLOWED = 1 << 2;
    /** MPOL_F_STATIC_NODES | MPOL_F_RELATIVE_NODES | MPOL_F_NUMA_BALANCING, reported in get_mempolicy's mode. */
    private static final int MODE_FLAGS = (1 << 15) | (1 << 14) | (1 << 13);
    /** get_mempolicy rejects masks over one page: 32768 node ids, far beyond any MAX_NUMNODES. */
    private static final int MAX_MASK_BITS = 4096 * 8;

    private static final NativeResult<Integer> NODE_ID_LIMIT = probeNodeIdLimit();

    private Numa() {
    }

    /** One past the largest node id this kernel can have (its nr_node_ids: the highest possible node + 1). */
    public static NativeResult<Integer> nodeIdLimit() {
        return NODE_ID_LIMIT;
    }

    /**
     * Validates a node id before it reaches the kernel or libnuma (libnuma accepts missing nodes and only prints a
     * warning).
     *
     * @return {@code node}
     * @throws IllegalArgumentException naming the id and the allowed range if it is negative or at or above
     *                                  {@link #nodeIdLimit()} (when the limit is unknown only negatives are caught)
     */
    public static int checkNode(int node) {
        int limit = NODE_ID_LIMIT.orElse(Integer.MAX_VALUE);
        if (node < 0 || node >= limit) {
            throw new IllegalArgumentException("node " + node + " is outside the node ids this kernel supports: 0.."
                    + (limit == Integer.MAX_VALUE ? "" : String.valueOf(limit - 1)));
        }
        return node;
    }

    /**
     * Sets the policy of the pages in {@code [address, address + length)}; {@code address} must be page-aligned.
     * Pages not yet touched are allocated by the policy when first written.
     *
     * @param flags 0 or {@link #MF_STRICT}, {@link #MF_MOVE}, {@link #MF_MOVE_ALL} or-ed
     * @throws IllegalArgumentException if a node of the policy is out of range
     */
    public static NativeResult<Void> mbind(long address, long length, MemoryPolicy policy, int flags) {
        if (!NODE_ID_LIMIT.isOk()) {
            return NODE_ID_LIMIT.asFailure();
        }
        policy.nodes().forEach(Numa::checkNode);
        int bits = maskBits();
        try (Memory mask = Kernel.maskMemory(IdMask.encode(policy.nodes(), bits / 64))) {
            // The kernel reads maxnode - 1 bits (an off-by-one kept for compatibility), hence bits + 1.
            long result = Kernel.call(Kernel.NR.mbind(), address, length, policy.mode().kernelValue,
                    Kernel.address(mask), bits + 1L, flags);
            if (result < 0) {
                return NativeResult.failed("mbind(" + policy + ", " + length + " bytes at 0x"
                        + Long.toHexString(address) + ")", (int) -result);
            }
            return NativeResult.ok(null);
        }
    }

    /** Sets the calling thread's policy for its future allocations outside mbind ranges. */
    public static NativeResult<Void> setThreadPolicy(MemoryPolicy policy) {
        if (!NODE_ID_LIMIT.isOk()) {
            return NODE_ID_LIMIT.asFailure();
        }
        policy.nodes().forEach(Numa::checkNode);
        int bits = maskBits();
        try (Memory mask = Kernel.maskMemory(IdMask.encode(policy.nodes(), bits / 64))) {
            long result = Kernel.call(Kernel.NR.setMempolicy(), policy.mode().kernelValue, Kernel.address(mask),
                    bits + 1L, 0, 0, 0);
            return result < 0 ? NativeResult.failed("set_mempolicy(" + policy + ")", (int) -result)
                    : NativeResult.ok(null);
        }
    }

    /** The calling thread's policy. */
    public static NativeResult<MemoryPolicy> threadPolicy() {
        return readPolicy(0, 0, "get_mempolicy");
    }

    /** The policy mbind set for the mapping holding {@code address} (DEFAULT if none). Touches no page. */
    public static NativeResult<MemoryPolicy> rangePolicy(long address) {
        return readPolicy(address, F_ADDR, "get_mempolicy(MPOL_F_ADDR, 0x" + Long.toHexString(address) + ")");
    }

    private static NativeResult<MemoryPolicy> readPolicy(long address, int flags, String call) {
        if (!NODE_ID_LIMIT.isOk()) {
            return NODE_ID_LIMIT.asFailure();
        }
        int bits = maskBits();
        try (Memory modeAndMask = new Memory(8 + bits / 8)) {
            long modeAddress = Kernel.address(modeAndMask);
            long result = Kernel.call(Kernel.NR.getMempolicy(), modeAddress, modeAddress + 8, bits, address, flags, 0);
            if (result < 0) {
                return NativeResult.failed(call, (int) -result);
            }
            int kernelMode = modeAndMask.getInt(0) & ~MODE_FLAGS;
            MemoryPolicy.Mode mode = MemoryPolicy.Mode.of(kernelMode);
            if (mode == null) {
                return NativeResult.unavailable(call + " returned mode " + kernelMode + ", unknown here");
            }
            long[] mask = new long[bits / 64];
            modeAndMask.read(8, mask, 0, mask.length);
            // The kernel fills the mask for DEFAULT and LOCAL too (with the allowed nodes), though they take none.
            return NativeResult.ok(mode == MemoryPolicy.Mode.DEFAULT || mode == MemoryPolicy.Mode.LOCAL
                    ? new MemoryPolicy(mode, List.of()) : new MemoryPolicy(mode, IdMask.decode(mask)));
        }
    }

    /**
     * The node holding the page at {@code address}. The kernel faults the page in to answer (a read fault: an untouched
     * anonymous page maps the shared zero page), so use {@link PageStatusQuery} to observe placement undisturbed.
     */
    public static NativeResult<Integer> nodeOf(long address) {
        if (Kernel.UNAVAILABLE != null) {
            return NativeResult.unavailable(Kernel.UNAVAILABLE);
        }
        try (Memory node = new Memory(4)) {
            long result = Kernel.call(Kernel.NR.getMempolicy(), Kernel.address(node), 0, 0, address,
                    F_NODE | F_ADDR, 0);
            return result < 0 ? NativeResult.failed("get_mempolicy(MPOL_F_NODE|MPOL_F_ADDR, 0x"
                    + Long.toHexString(address) + ")", (int) -result) : NativeResult.ok(node.getInt(0));
        }
    }

    /** The nodes this process may allocate memory from (its cpuset's mems), ascending. */
    public static NativeResult<List<Integer>> allowedNodes() {
        if (!NODE_ID_LIMIT.isOk()) {
            return NODE_ID_LIMIT.asFailure();
        }
        int bits = maskBits();
        try (Memory mask = new Memory(bits / 8)) {
            long result = Kernel.call(Kernel.NR.getMempolicy(), 0, Kernel.address(mask), bits, 0,
                    F_MEMS_ALLOWED, 0);
            return result < 0 ? NativeResult.failed("get_mempolicy(MPOL_F_MEMS_ALLOWED)", (int) -result)
                    : NativeResult.ok(IdMask.decode(Kernel.readMask(mask, bits / 64)));
        }
    }

    private static int maskBits() {
        return IdMask.words(NODE_ID_LIMIT.orThrow()) * 64;
    }

    /**
     * get_mempolicy fails with EINVAL exactly when maxnode is below nr_node_ids: doubling then bisecting finds it
     * with a dozen cheap calls, without reading sysfs.
     */
    private static NativeResult<Integer> probeNodeIdLimit() {
        if (Kernel.UNAVAILABLE != null) {
            return NativeResult.unavailable(Kernel.UNAVAILABLE);
        }
        try (Memory modeAndMask = new Memory(8 + MAX_MASK_BITS / 8)) {
            long modeAddress = Kernel.address(modeAndMask);
            int tooSmall = 0;
            int enough = 1;
            while (true) {
                long result = Kernel.call(Kernel.NR.getMempolicy(), modeAddress, modeAddress + 8, enough, 0, 0, 0);
                if (result >= 0) {
                    break;
                }
                if (result != -Errno.EINVAL || enough == MAX_MASK_BITS) {
                    // ENOSYS: a kernel built without NUMA support.
                    return NativeResult.failed("get_mempolicy", (int) -result);
                }
                tooSmall = enough;
                enough = Math.min(enough * 2, MAX_MASK_BITS);
            }
            while (enough - tooSmall > 1) {
                int middle = (tooSmall + enough) >>> 1;
                if (Kernel.call(Kernel.NR.getMempolicy(), modeAddress, modeAddress + 8, middle, 0, 0, 0) >= 0) {
                    enough = middle;
                } else {
                    tooSmall = middle;
                }
            }
            return NativeResult.ok(enough);
        }
    }
}
