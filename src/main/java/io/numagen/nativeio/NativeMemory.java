package io.numagen.nativeio;

import com.sun.jna.Pointer;

/** Bulk operations on native memory through libc (memset), the reference a store loop is measured against. */
public final class NativeMemory {
    private NativeMemory() {
    }

    /** memset of {@code [address, address + length)} to {@code value}. */
    public static void fill(long address, long length, byte value) {
        new Pointer(address).setMemory(0, length, value);
    }
}
