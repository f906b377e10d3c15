package io.numagen.memory;

import io.numagen.nativeio.MemoryPolicy;
import io.numagen.nativeio.NativeResult;
import io.numagen.nativeio.Numa;

/**
 * The {@code bind} placement, the alternative to first touch: tell the kernel which node a range's pages must come
 * from (MPOL_BIND, strict, moving pages already placed elsewhere). Works before the pages are touched; whichever thread
 * then writes them, they are allocated on that node.
 */
public final class NodeBinding {

    /** How a byte range that does not start and end on page boundaries becomes whole pages. */
    public enum Rounding {
        /** Only pages wholly inside the range: edge pages shared with a neighbour range are left to it. */
        INWARD,
        /** Every page holding a byte of the range, but never beyond the buffer's own pages. */
        OUTWARD
    }

    /**
     * What was bound: {@code bound} may differ from the requested bytes {@code [offset, offset + length)} by the
     * rounding, which {@link #describe()} spells out.
     */
    public record Binding(int node, long offset, long length, long bufferAddress, PageRange bound) {

        /** Bytes bound before the requested start (positive: rounded outward; negative: that many left unbound). */
        public long extraBefore() {
            return bufferAddress + offset - bound.address();
        }

        /** Bytes bound after the requested end (positive: rounded outward; negative: that many left unbound). */
        public long extraAfter() {
            return bound.end() - (bufferAddress + offset + length);
        }

        public String describe() {
            String requested = "bytes [" + offset + ", " + (offset + length) + ")";
            if (bound.isEmpty()) {
                return requested + " hold no whole page: nothing bound to node " + node;
            }
            String text = "bound " + requested + " to node " + node + " as pages " + bound;
            if (extraBefore() == 0 && extraAfter() == 0) {
                return text + " (page-aligned, no rounding)";
            }
            String before = extraBefore() >= 0 ? extraBefore() + " bytes before the start bound too"
                    : "first " + -extraBefore() + " bytes left unbound";
            String after = extraAfter() >= 0 ? extraAfter() + " bytes after the end bound too"
                    : "last " + -extraAfter() + " bytes left unbound";
            return text + " (rounded to page boundaries: " + before + ", " + after + ")";
        }
    }

    private NodeBinding() {
    }

    /**
     * Binds {@code [offset, offset + length)} of {@code buffer} to {@code node}.
     *
     * @throws IllegalArgumentException  if node is outside the kernel's node ids (the message names it and the range)
     * @throws IndexOutOfBoundsException if the range is outside the buffer
     */
    public static NativeResult<Binding> bind(NativeBuffer buffer, long offset, long length, int node, long pageSize,
                                             Rounding rounding) {
        buffer.platform().checkNode(node);
        if (offset < 0 || length < 0 || offset + length > buffer.length()) {
            throw new IndexOutOfBoundsException("range [" + offset + ", " + offset + "+" + length
                    + ") outside buffer of " + buffer.length() + " bytes");
        }
        PageRange bound = pagesToBind(buffer.address(), buffer.length(), buffer.owned(), offset, length, pageSize,
                rounding);
        Binding binding = new Binding(node, offset, length, buffer.address(), bound);
        if (bound.isEmpty()) {
            return NativeResult.ok(binding);
        }
        return buffer.platform().mbind(bound.address(), bound.length(), MemoryPolicy.bind(node),
                Numa.MF_STRICT | Numa.MF_MOVE).map(done -> binding);
    }

    /**
     * The pages to bind for a byte range of a buffer. An owned buffer is its own mapping, so its partly used last
     * page is still its own; a wrapped buffer's edge pages may hold someone else's memory, so they are never bound.
     */
    static PageRange pagesToBind(long bufferAddress, long bufferLength, boolean owned, long offset, long length,
                                 long pageSize, Rounding rounding) {
        long start = bufferAddress + offset;
        PageRange wanted = rounding == Rounding.INWARD ? PageRange.inward(start, length, pageSize)
                : PageRange.outward(start, length, pageSize);
        PageRange own = owned ? PageRange.outward(bufferAddress, bufferLength, pageSize)
                : PageRange.inward(bufferAddress, bufferLength, pageSize);
        return wanted.intersect(own);
    }
}
