package io.numagen.nativeio;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.util.ArrayList;
import java.util.List;

/**
 * This thread's default memory policy through {@code get_mempolicy(2)} (a raw syscall: glibc has no wrapper and
 * libnuma may be absent). Used to record how a benchmark fork was bound, e.g. by {@code numactl --membind}.
 */
public final class MemPolicyQuery {
    private static final int MAX_NODE_BITS = 8192; // above any kernel's MAX_NUMNODES (EINVAL if too small)
    private static final String[] MODES = {
        "default", "preferred", "bind", "interleave", "local", "preferred-many", "weighted-interleave"
    };
    private static final int MODE_FLAGS = (1 << 15) | (1 << 14) | (1 << 13);

    private MemPolicyQuery() {
    }

    /**
     * The calling thread's policy as text: {@code default}, {@code bind:0-1}, {@code interleave:0,2},
     * {@code preferred:1}, or {@code unavailable: <why>}. Never throws.
     */
    public static String describe() {
        long number = Platform.isIntel() && Platform.is64Bit() ? 239 : Platform.isARM() && Platform.is64Bit() ? 236 : -1;
        if (!Platform.isLinux() || number < 0) {
            return "unavailable: no get_mempolicy syscall number for " + System.getProperty("os.arch");
        }
        try {
            Memory mode = new Memory(4);
            mode.setInt(0, 0);
            Memory mask = new Memory(MAX_NODE_BITS / 8);
            mask.clear();
            long rc = Libc.syscall(number, mode, mask, MAX_NODE_BITS, null, 0);
            if (rc != 0) {
                return "unavailable: get_mempolicy failed: " + Errno.describe(Native.getLastError());
            }
            int m = mode.getInt(0) & ~MODE_FLAGS;
            String name = m >= 0 && m < MODES.length ? MODES[m] : "mode" + m;
            if (m == 0 || m == 4) {
                return name;
            }
            List<Integer> nodes = new ArrayList<>();
            for (int bit = 0; bit < MAX_NODE_BITS; bit++) {
                if ((mask.getByte(bit / 8) & (1 << (bit % 8))) != 0) {
                    nodes.add(bit);
                }
            }
            return name + ":" + ranges(nodes);
        } catch (Throwable t) {
            return "unavailable: " + t;
        }
    }

    /** [0,1,2,5] as "0-2,5". */
    static String ranges(List<Integer> ids) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < ids.size(); i++) {
            int start = ids.get(i);
            int end = start;
            while (i + 1 < ids.size() && ids.get(i + 1) == end + 1) {
                end = ids.get(++i);
            }
            if (sb.length() > 0) {
                sb.append(',');
            }
            sb.append(start == end ? String.valueOf(start) : start + "-" + end);
        }
        return sb.toString();
    }

    static final class Libc {
        static {
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        private Libc() {
        }

        static native long syscall(long number, Pointer mode, Pointer nodemask, long maxnode, Pointer addr, long flags);
    }
}
