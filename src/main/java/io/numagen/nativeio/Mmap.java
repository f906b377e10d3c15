package io.numagen.nativeio;

import com.sun.jna.Native;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;

/**
 * Anonymous private mappings: page-aligned native memory of any size whose pages are not touched until written, so
 * first-touch and mbind decide where they live (a direct ByteBuffer is pre-zeroed, so already placed).
 */
public final class Mmap {
    private static final int PROT_READ = 0x1;
    private static final int PROT_WRITE = 0x2;
    private static final int MAP_PRIVATE = 0x02;
    private static final int MAP_ANONYMOUS = 0x20;
    private static final long MAP_FAILED = -1L;

    private static final String UNAVAILABLE = loadFailure();

    private Mmap() {
    }

    /** Null when mmap can be called here; otherwise why not. */
    public static String unavailableReason() {
        return UNAVAILABLE;
    }

    /**
     * Maps {@code length} bytes of anonymous memory.
     *
     * @return the address
     * @throws NativeException if the call is unavailable or fails (with errno's text)
     */
    public static long map(long length) {
        if (UNAVAILABLE != null) {
            throw new NativeException("mmap unavailable: " + UNAVAILABLE);
        }
        Pointer p = Libc.mmap(null, length, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        long address = Pointer.nativeValue(p);
        if (address == MAP_FAILED || address == 0) {
            int errno = Native.getLastError();
            throw new NativeException("mmap of " + length + " bytes failed: " + Errno.describe(errno));
        }
        return address;
    }

    public static void unmap(long address, long length) {
        if (Libc.munmap(new Pointer(address), length) != 0) {
            throw new NativeException("munmap failed: " + Errno.describe(Native.getLastError()));
        }
    }

    /** A direct ByteBuffer over native memory we own; length at most Integer.MAX_VALUE. */
    public static ByteBuffer view(long address, int length) {
        return new Pointer(address).getByteBuffer(0, length);
    }

    /** The native address of a direct ByteBuffer's first byte (position 0). */
    public static long addressOf(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    private static String loadFailure() {
        if (!Platform.isLinux()) {
            return "not Linux (" + System.getProperty("os.name") + ")";
        }
        try {
            Libc.ensureLoaded();
            return null;
        } catch (Throwable t) {
            return "libc not loadable through JNA: " + t;
        }
    }

    /** Direct-mapped libc functions: no varargs, no reflection on each call. */
    static final class Libc {
        static {
            Native.register(Libc.class, Platform.C_LIBRARY_NAME);
        }

        private Libc() {
        }

        static void ensureLoaded() {
            // Class initialisation registers the natives; reaching here means it worked.
        }

        static native Pointer mmap(Pointer addr, long length, int prot, int flags, int fd, long offset);

        static native int munmap(Pointer addr, long length);
    }
}
