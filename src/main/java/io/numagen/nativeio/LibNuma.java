package io.numagen.nativeio;

import com.sun.jna.Native;

/**
 * libnuma, when installed: only to report what it sees next to our own system calls. Nothing here requires it.
 */
public final class LibNuma {
    private static final String UNAVAILABLE = bind();

    private LibNuma() {
    }

    /** numa_max_node(): the highest node id libnuma knows, if libnuma is loadable and says NUMA is available. */
    public static NativeResult<Integer> maxNode() {
        if (UNAVAILABLE != null) {
            return NativeResult.unavailable(UNAVAILABLE);
        }
        if (numa_available() < 0) {
            return NativeResult.unavailable("libnuma: numa_available() says NUMA is not available");
        }
        return NativeResult.ok(numa_max_node());
    }

    private static String bind() {
        if (Libc.UNAVAILABLE != null) {
            return Libc.UNAVAILABLE;
        }
        try {
            Native.register(LibNuma.class, "numa");
            return null;
        } catch (Throwable t) {
            return "libnuma not loadable (install libnuma1): " + t.getMessage();
        }
    }

    private static native int numa_available();

    private static native int numa_max_node();
}
