package io.numagen.cli;

import io.numagen.generator.ByteSize;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.util.Locale;

/**
 * Hands out an input's consecutive blocks to several threads, one at a time, up to a byte limit, and reports progress
 * every two seconds. Reading is serialised (it is a copy, far cheaper than hashing and compressing a block), so
 * stdin and pipes work as well as files.
 */
final class BlockReader {
    private static final long PROGRESS_NANOS = 2_000_000_000L;

    private final ReadableByteChannel in;
    private final String name;
    private final long maxBytes;
    /** The input's size when known (a regular file), else -1: progress then shows no percentage. */
    private final long knownSize;
    private final PrintStream progress;
    private final long start = System.nanoTime();
    private long lastReport = start;
    private long read;

    BlockReader(ReadableByteChannel in, String name, long maxBytes, long knownSize, PrintStream progress) {
        this.in = in;
        this.name = name;
        this.maxBytes = maxBytes;
        this.knownSize = knownSize;
        this.progress = progress;
    }

    /** Fills {@code block} (cleared first) with the next block; false when the input or the limit is reached. */
    synchronized boolean next(ByteBuffer block) throws IOException {
        block.clear();
        if (maxBytes - read < block.capacity()) {
            block.limit((int) (maxBytes - read));
        }
        try {
            while (block.hasRemaining() && in.read(block) >= 0) {
                // a pipe may return fewer bytes than asked: read on until the block is full or the input ends
            }
        } catch (IOException e) {
            throw new IOException("reading " + name + " failed after " + read + " bytes: " + CliValues.describe(e), e);
        }
        read += block.position();
        block.flip();
        report();
        return block.hasRemaining();
    }

    private void report() {
        long now = System.nanoTime();
        if (progress == null || now - lastReport < PROGRESS_NANOS) {
            return;
        }
        lastReport = now;
        String percent = knownSize > 0 ? String.format(Locale.ROOT, " of %s (%.0f %%)", ByteSize.format(knownSize),
                100.0 * read / knownSize) : "";
        progress.printf(Locale.ROOT, "numagen: verify: %s%s read in %.0f s, %.2f GB/s%n", ByteSize.format(read),
                percent, seconds(), read / seconds() / 1e9);
    }

    synchronized long bytesRead() {
        return read;
    }

    double seconds() {
        return (System.nanoTime() - start) / 1e9;
    }
}
