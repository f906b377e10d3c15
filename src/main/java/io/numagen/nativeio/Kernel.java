package io.numagen.nativeio;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/** Raw Linux system calls for this JVM's architecture, or why they cannot be made here. */
final class Kernel {
    /** This architecture's numbers; null when {@link #UNAVAILABLE} is set. */
    static final SyscallNumbers NR;
    /** Null when system calls can be made; otherwise why not. */
    static final String UNAVAILABLE;

    static {
        String arch = System.getProperty("os.arch");
        SyscallNumbers numbers = SyscallNumbers.forArch(arch);
        if (Libc.UNAVAILABLE != null) {
            UNAVAILABLE = Libc.UNAVAILABLE;
            numbers = null;
        } else if (numbers == null) {
            UNAVAILABLE = "architecture " + arch + " not supported (x86_64 and aarch64 are)";
        } else {
            UNAVAILABLE = null;
        }
        NR = numbers;
    }

    private Kernel() {
    }

    /**
     * Calls system call {@code number}.
     *
     * @return the kernel's non-negative result, or {@code -errno}
     */
    static long call(int number, long a1, long a2, long a3, long a4, long a5, long a6) {
        return withErrno(Libc.syscall(number, a1, a2, a3, a4, a5, a6));
    }

    /** A libc result that is -1 with errno set on failure, as the kernel's convention: the result or -errno. */
    static long withErrno(long libcResult) {
        return libcResult == -1 ? -Native.getLastError() : libcResult;
    }

    static long address(Pointer memory) {
        return Pointer.nativeValue(memory);
    }

    /** Native memory holding {@code mask}, as the kernel reads cpu and node masks. */
    static Memory maskMemory(long[] mask) {
        Memory memory = new Memory(mask.length * 8L);
        memory.write(0, mask, 0, mask.length);
        return memory;
    }

    static long[] readMask(Memory memory, int words) {
        long[] mask = new long[words];
        memory.read(0, mask, 0, words);
        return mask;
    }
}
