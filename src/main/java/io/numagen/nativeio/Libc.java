package io.numagen.nativeio;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

/**
 * Direct-mapped libc functions: no varargs proxies, no reflection per call (interface-mapped {@code syscall} costs
 * microseconds a call). {@code syscall} is variadic in C but declared here with seven fixed {@code long}s: glibc's
 * x86-64 and aarch64 {@code syscall} are assembly stubs that read their arguments from the integer registers (and the
 * stack) whatever the caller declared, and pointers travel as addresses. errno of the last call is read with
 * {@link Native#getLastError()}, which JNA saves after every native call on the calling thread.
 */
final class Libc {
    /** Null when libc could be bound here; otherwise why not. */
    static final String UNAVAILABLE = bind();

    private Libc() {
    }

    private static String bind() {
        if (!Platform.isLinux()) {
            return "not Linux (" + System.getProperty("os.name") + ")";
        }
        try {
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
            return null;
        } catch (Throwable t) {
            return "libc not loadable through JNA: " + t;
        }
    }

    static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

    static native int munmap(Pointer addr, long length);

    static native int mprotect(Pointer addr, long length, int prot);

    static native int madvise(Pointer addr, long length, int advice);

    static native long sysconf(int name);

    static native int getrusage(int who, Pointer usage);

    /** glibc returns a static string for known errnos, so this is safe from any thread. */
    static native String strerror(int errno);

    static native long syscall(long number, long a1, long a2, long a3, long a4, long a5, long a6);
}
