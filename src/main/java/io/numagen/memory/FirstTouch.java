package io.numagen.memory;

import java.nio.ByteBuffer;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * First-touch placement: the kernel puts an anonymous page on the node of the CPU that first writes it, so a worker
 * pinned to a node writes one byte of every page of its own range before generation, and its pages land on its node.
 *
 * <p>One write per allocation unit suffices: a base page normally, a whole transparent huge page (e.g. 2 MiB) when THP
 * applies to the mapping. The kernel can only use a huge page for a huge-aligned block wholly inside the mapping, so
 * the unaligned head and tail of a range are touched page by page either way.
 */
public final class FirstTouch {

    /** The system-wide THP setting, {@code /sys/kernel/mm/transparent_hugepage/enabled}. */
    public enum ThpMode {
        ALWAYS, MADVISE, NEVER;

        /** The selected mode of that file's text, e.g. "always [madvise] never" is MADVISE. */
        public static ThpMode parse(String enabledFile) {
            int open = enabledFile.indexOf('[');
            int close = enabledFile.indexOf(']', open + 1);
            if (open < 0 || close < 0) {
                throw new IllegalArgumentException("THP setting has no [selected] mode: '" + enabledFile.trim() + "'");
            }
            String selected = enabledFile.substring(open + 1, close).trim();
            for (ThpMode mode : values()) {
                if (mode.name().toLowerCase(Locale.ROOT).equals(selected)) {
                    return mode;
                }
            }
            throw new IllegalArgumentException("unknown THP mode '" + selected + "' (expected always, madvise, never)");
        }
    }

    /** What the mapping was advised with madvise, if anything. */
    public enum ThpAdvice { NONE, HUGEPAGE, NOHUGEPAGE }

    private FirstTouch() {
    }

    /**
     * The unit the kernel allocates for this mapping: the huge page size when THP applies (mode {@code always} unless
     * the range was advised MADV_NOHUGEPAGE; mode {@code madvise} only if it was advised MADV_HUGEPAGE), otherwise the
     * base page size.
     *
     * @param hugePageSize the THP size (hpage_pmd_size), or 0 if the kernel has no THP
     */
    public static long allocationUnit(ThpMode mode, ThpAdvice advice, long basePageSize, long hugePageSize) {
        PageRange.checkPageSize(basePageSize);
        if (hugePageSize <= basePageSize) {
            return basePageSize;
        }
        PageRange.checkPageSize(hugePageSize);
        boolean huge = mode == ThpMode.ALWAYS ? advice != ThpAdvice.NOHUGEPAGE
                : mode == ThpMode.MADVISE && advice == ThpAdvice.HUGEPAGE;
        return huge ? hugePageSize : basePageSize;
    }

    /**
     * Writes 0 to one byte of every allocation unit of {@code [offset, offset + length)} from the calling thread
     * (bytes generation overwrites anyway). Touching a page already placed does not move it.
     *
     * @param unit {@link #allocationUnit} for the buffer's mapping
     * @return the number of bytes written
     * @throws IndexOutOfBoundsException if the range is outside the buffer
     */
    public static long touch(NativeBuffer buffer, long offset, long length, long basePageSize, long unit) {
        if (offset < 0 || length < 0 || offset + length > buffer.length()) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + "+" + length
                    + ") outside buffer of " + buffer.length() + " bytes");
        }
        ZeroWriter writer = new ZeroWriter(buffer);
        forEachTouchPoint(buffer.address() + offset, buffer.address() + offset + length, basePageSize, unit, writer);
        buffer.platform().written(buffer.address() + offset, length);
        return writer.written;
    }

    /**
     * The addresses to write so every unit holding a byte of {@code [start, end)} is written once: {@code start},
     * then each base page boundary up to the first {@code unit} boundary, each unit boundary up to the last whole
     * unit, and each base page boundary after it.
     */
    static void forEachTouchPoint(long start, long end, long basePageSize, long unit, LongConsumer at) {
        PageRange.checkPageSize(unit);
        long unitsStart = PageRange.alignUp(start, unit);
        long unitsEnd = PageRange.alignDown(end, unit);
        if (unitsStart >= unitsEnd) {
            unitsStart = end;
            unitsEnd = end;
        }
        strided(start, unitsStart, basePageSize, at);
        strided(unitsStart, unitsEnd, unit, at);
        strided(unitsEnd, end, basePageSize, at);
    }

    private static void strided(long from, long to, long stride, LongConsumer at) {
        if (from >= to) {
            return;
        }
        at.accept(from);
        for (long a = PageRange.alignDown(from, stride) + stride; a < to; a += stride) {
            at.accept(a);
        }
    }

    /** Writes through ByteBuffer slices of up to 1 GiB, re-sliced only when a write leaves the current one. */
    private static final class ZeroWriter implements LongConsumer {
        private static final int SLICE = 1 << 30;
        private final NativeBuffer buffer;
        private ByteBuffer slice;
        private long sliceOffset = -1;
        private long written;

        ZeroWriter(NativeBuffer buffer) {
            this.buffer = buffer;
        }

        @Override
        public void accept(long address) {
            long offset = address - buffer.address();
            if (slice == null || offset < sliceOffset || offset >= sliceOffset + slice.capacity()) {
                sliceOffset = offset;
                slice = buffer.slice(offset, (int) Math.min(SLICE, buffer.length() - offset));
            }
            slice.put((int) (offset - sliceOffset), (byte) 0);
            written++;
        }
    }
}
