package io.numagen.memory;

import io.numagen.nativeio.Mmap;
import io.numagen.nativeio.NumaPlatform;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Native memory of any length (beyond 2 GiB too) with its address, seen through ByteBuffer slices of at most
 * {@link #MAX_SLICE} bytes. Either owned (mapped by {@link #allocate}, page-aligned, pages untouched until written,
 * unmapped by {@link #close}) or a view of a caller's direct ByteBuffer (zero copy, never freed here). It carries the
 * {@link NumaPlatform} that mapped it, which binds, touches and queries its pages.
 */
public final class NativeBuffer implements AutoCloseable {

    /** The largest slice one ByteBuffer can cover. */
    public static final int MAX_SLICE = Integer.MAX_VALUE - 7;

    /** For a wrapped buffer, found on first {@link #address()} call: only the NUMA layer needs it. */
    private long address;
    private final long length;
    private final ByteBuffer wrapped;
    private final NumaPlatform platform;
    private boolean closed;

    private NativeBuffer(long address, long length, ByteBuffer wrapped, NumaPlatform platform) {
        this.address = address;
        this.length = length;
        this.wrapped = wrapped;
        this.platform = platform;
    }

    /**
     * Maps {@code length} bytes of anonymous memory on the live machine. Its pages are placed by whichever thread
     * writes them first.
     *
     * @throws IllegalArgumentException if length is not positive
     */
    public static NativeBuffer allocate(long length) {
        NumaPlatform live = NumaPlatform.live();
        return allocate(live, length, live.pageSize());
    }

    /**
     * Maps {@code length} bytes through {@code platform}, starting at a multiple of {@code alignment} (a power of
     * two, e.g. the huge page size, so huge pages can back the buffer from its first byte).
     *
     * @throws IllegalArgumentException if length is not positive
     */
    public static NativeBuffer allocate(NumaPlatform platform, long length, long alignment) {
        checkLength(length);
        return new NativeBuffer(platform.map(length, alignment), length, null, platform);
    }

    private static void checkLength(long length) {
        if (length <= 0) {
            throw new IllegalArgumentException("buffer length must be > 0 bytes, got " + length);
        }
    }

    /**
     * A view of the caller's buffer from its position to its limit; generation writes there without a copy. A heap
     * buffer has no native address, so only a direct one can be bound or have its placement queried.
     *
     * @throws IllegalArgumentException if the buffer is read-only or has no bytes remaining
     */
    public static NativeBuffer wrap(ByteBuffer buffer) {
        if (buffer.isReadOnly()) {
            throw new IllegalArgumentException("buffer must be writable, got a read-only buffer");
        }
        if (!buffer.hasRemaining()) {
            throw new IllegalArgumentException("buffer must have at least 1 byte remaining, got 0 (position "
                    + buffer.position() + ", limit " + buffer.limit() + ")");
        }
        ByteBuffer view = buffer.slice();
        return new NativeBuffer(0, view.remaining(), view, NumaPlatform.live());
    }

    /**
     * @throws IllegalStateException for a wrapped heap buffer
     */
    public long address() {
        if (address == 0) {
            if (!wrapped.isDirect()) {
                throw new IllegalStateException("a heap buffer has no native address");
            }
            address = Mmap.addressOf(wrapped);
        }
        return address;
    }

    public long length() {
        return length;
    }

    /** The platform that mapped this buffer (the live one for a wrapped buffer). */
    public NumaPlatform platform() {
        return platform;
    }

    /** True when this buffer maps its own memory, false when it wraps a caller's buffer. */
    public boolean owned() {
        return wrapped == null;
    }

    /**
     * A little-endian ByteBuffer over {@code [offset, offset + size)}.
     *
     * @throws IndexOutOfBoundsException if the range is outside the buffer or size exceeds {@link #MAX_SLICE}
     */
    public ByteBuffer slice(long offset, int size) {
        checkOpen();
        if (offset < 0 || size < 0 || size > MAX_SLICE || offset + size > length) {
            throw new IndexOutOfBoundsException("slice [" + offset + ", " + offset + "+" + size
                    + ") outside buffer of " + length + " bytes");
        }
        ByteBuffer view = wrapped != null
                ? wrapped.slice((int) offset, size)
                : Mmap.view(address + offset, size);
        return view.order(ByteOrder.LITTLE_ENDIAN);
    }

    @Override
    public void close() {
        if (!closed && wrapped == null) {
            platform.unmap(address, length);
        }
        closed = true;
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("buffer is closed");
        }
    }
}
