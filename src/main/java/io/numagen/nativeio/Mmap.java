package io.numagen.nativeio;

import com.sun.jna.Native;
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

    private static final int MADV_HUGEPAGE = 14;
    private static final int MADV_NOHUGEPAGE = 15;
    private static final int SC_PAGESIZE = 30;

    private static final String UNAVAILABLE = Libc.UNAVAILABLE;

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

    /**
     * Maps {@code length} bytes starting at a multiple of {@code alignment} (a power of two): a huge page can only
     * back a huge-page-aligned range, and older kernels align only what is asked. Over-maps by one alignment and
     * unmaps the unaligned head and tail.
     */
    public static long map(long length, long alignment) {
        if (alignment <= 0 || Long.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two, got " + alignment);
        }
        long raw = map(length + alignment);
        long aligned = (raw + alignment - 1) & -alignment;
        if (aligned > raw) {
            unmap(raw, aligned - raw);
        }
        // The kernel maps whole pages, so the kept range ends at the page boundary after length.
        long page = pageSize().orElse(4096L);
        long keptEnd = aligned + (length + page - 1) / page * page;
        long tail = raw + alignment - aligned;
        if (tail > 0) {
            unmap(keptEnd, tail);
        }
        return aligned;
    }

    public static void unmap(long address, long length) {
        if (Libc.munmap(new Pointer(address), length) != 0) {
            throw new NativeException("munmap failed: " + Errno.describe(Native.getLastError()));
        }
    }

    /** The base page size (sysconf(_SC_PAGESIZE)): 4 KiB on x86-64, 4, 16 or 64 KiB on aarch64. */
    public static NativeResult<Long> pageSize() {
        return UNAVAILABLE != null ? NativeResult.unavailable(UNAVAILABLE) : NativeResult.ok(Libc.sysconf(SC_PAGESIZE));
    }

    /**
     * Asks for transparent huge pages in {@code [address, address + length)} (MADV_HUGEPAGE), or never
     * (MADV_NOHUGEPAGE). Matters when THP is {@code madvise} (opt in) or {@code always} (opt out); before the range is
     * touched it decides the page size the kernel allocates. {@code address} must be page-aligned.
     */
    public static NativeResult<Void> adviseHugePages(long address, long length, boolean huge) {
        if (UNAVAILABLE != null) {
            return NativeResult.unavailable(UNAVAILABLE);
        }
        int advice = huge ? MADV_HUGEPAGE : MADV_NOHUGEPAGE;
        if (Libc.madvise(new Pointer(address), length, advice) != 0) {
            return NativeResult.failed("madvise(" + (huge ? "MADV_HUGEPAGE" : "MADV_NOHUGEPAGE") + ")",
                    Native.getLastError());
        }
        return NativeResult.ok(null);
    }

    /** A direct ByteBuffer over native memory we own; length at most Integer.MAX_VALUE. */
    public static ByteBuffer view(long address, int length) {
        return new Pointer(address).getByteBuffer(0, length);
    }

    /** The native address of a direct ByteBuffer's first byte (position 0). */
    public static long addressOf(ByteBuffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }
}
