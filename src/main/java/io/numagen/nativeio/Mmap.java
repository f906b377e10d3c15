package io.numagen.nativeio;

import com.sun.jna.Native;
import com.sun.jna.Pointer;

import java.nio.ByteBuffer;

/**
 * Anonymous private mappings: page-aligned native memory of any size whose pages are not touched until written, so
 * first-touch and mbind decide where they live (a direct ByteBuffer is pre-zeroed, so already placed).
 */
public final class Mmap {
    private static final int PROT_NONE = 0x0;
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
        return map(length, PROT_READ | PROT_WRITE, length);
    }

    /** mmap of {@code length} bytes with {@code prot}; a failure names the {@code asked} bytes the caller wanted. */
    private static long map(long length, int prot, long asked) {
        if (UNAVAILABLE != null) {
            throw new NativeException("mmap unavailable: " + UNAVAILABLE);
        }
        Pointer p = Libc.mmap(null, length, prot, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        long address = Pointer.nativeValue(p);
        if (address == MAP_FAILED || address == 0) {
            int errno = Native.getLastError();
            throw new NativeException("mmap of " + asked + " bytes failed: " + Errno.describe(errno));
        }
        return address;
    }

    /**
     * Maps {@code length} bytes starting at a multiple of {@code alignment} (a power of two: a huge page can only back
     * a huge-page-aligned range, and older kernels align only what is asked), between two inaccessible (PROT_NONE)
     * guard pages. Free it with {@link #unmapFenced}, never {@link #unmap}.
     *
     * <p>Why the guards: the kernel merges a writable anonymous mapping with a neighbour of the same flags into one
     * area, and with THP a fault in that neighbour (e.g. a thread stack mapped next to the buffer later) can take a
     * huge page reaching into the buffer, placing its pages on the faulting thread's node before anyone wrote them
     * (docs/numa-vm-tests.md, Findings). Nothing merges across a PROT_NONE page. Maps everything PROT_NONE, unmaps
     * the slack, then makes the buffer writable.
     */
    public static long mapFenced(long length, long alignment) {
        if (alignment <= 0 || Long.bitCount(alignment) != 1) {
            throw new IllegalArgumentException("alignment must be a power of two, got " + alignment);
        }
        if (UNAVAILABLE != null) {
            throw new NativeException("mmap unavailable: " + UNAVAILABLE);
        }
        long page = pageSize().orThrow();
        long align = Math.max(alignment, page);
        long span = wholePages(length, page);
        long reserved = align + span + page;
        long raw = map(reserved, PROT_NONE, length);
        long start = (raw + page + align - 1) & -align;
        if (start - page > raw) {
            unmap(raw, start - page - raw);
        }
        long fenceEnd = start + span + page;
        if (raw + reserved > fenceEnd) {
            unmap(fenceEnd, raw + reserved - fenceEnd);
        }
        if (Libc.mprotect(new Pointer(start), span, PROT_READ | PROT_WRITE) != 0) {
            int errno = Native.getLastError();
            unmap(start - page, span + 2 * page);
            throw new NativeException("mmap of " + length + " bytes failed: mprotect: " + Errno.describe(errno));
        }
        return start;
    }

    /** Unmaps a {@link #mapFenced} mapping with its guard pages. */
    public static void unmapFenced(long address, long length) {
        long page = pageSize().orThrow();
        unmap(address - page, wholePages(length, page) + 2 * page);
    }

    private static long wholePages(long length, long page) {
        return (length + page - 1) / page * page;
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
