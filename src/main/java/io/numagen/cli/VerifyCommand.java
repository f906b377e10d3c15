package io.numagen.cli;

import io.numagen.generator.ByteSize;
import io.numagen.metrics.DataRatios;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

/** `numagen verify`: what a dedup engine and zstd/gzip make of any data, block by block. */
public final class VerifyCommand implements Command {

    @Override
    public String name() {
        return "verify";
    }

    @Override
    public String summary() {
        return "measure the dedup ratio and zstd/gzip compression ratios of a file or stdin";
    }

    @Override
    public String usage() {
        return "usage: numagen verify FILE|- [--block-size SIZE]\n"
                + "  FILE          the data to measure ('-' reads stdin)\n"
                + "  --block-size  dedup and compression unit, a multiple of 4KiB (default 1MiB)\n"
                + "Dedup ratio = blocks / distinct blocks (SHA-256); zstd level 3 and gzip level 6 compress each\n"
                + "block on its own. The last block may be shorter.\n";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("block-size");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of();
    }

    @Override
    public int run(Options o, PrintStream out, PrintStream err) throws Exception {
        String source = o.onePositional("input file (or - for stdin)");
        int blockSize = CliValues.blockSize(o.value("block-size", "1MiB"));
        String name = source.equals("-") ? "stdin" : source;
        DataRatios ratios = new DataRatios();
        try (ReadableByteChannel in = open(source)) {
            ByteBuffer block = ByteBuffer.allocateDirect(blockSize);
            while (readBlock(in, block, name)) {
                ratios.add(block.flip());
                block.clear();
            }
        }
        if (ratios.blocks() == 0) {
            throw new IOException(name + " is empty: nothing to measure");
        }
        out.printf(Locale.ROOT, "input:        %s, %s (%d bytes), %d blocks of %s%n", name,
                ByteSize.format(ratios.bytes()), ratios.bytes(), ratios.blocks(), ByteSize.format(blockSize));
        out.printf(Locale.ROOT, "dedup ratio:  %.4f (%d distinct blocks)%n", ratios.dedupRatio(),
                ratios.distinctBlocks());
        out.printf(Locale.ROOT, "zstd ratio:   %.4f (level %d, per block)%n", ratios.zstdRatio(),
                DataRatios.ZSTD_LEVEL);
        out.printf(Locale.ROOT, "gzip ratio:   %.4f (level 6, per block)%n", ratios.gzipRatio());
        out.printf(Locale.ROOT, "dedup+zstd:   %.4f (bytes / zstd bytes of distinct blocks)%n",
                ratios.combinedRatio());
        return 0;
    }

    private static ReadableByteChannel open(String source) throws IOException {
        if (source.equals("-")) {
            return new FileInputStream(FileDescriptor.in).getChannel();
        }
        try {
            return FileChannel.open(Path.of(source));
        } catch (IOException e) {
            throw new IOException("cannot read " + source + ": " + CliValues.describe(e), e);
        }
    }

    /** Reads until the block is full or the input ends; false when nothing was read. */
    private static boolean readBlock(ReadableByteChannel in, ByteBuffer block, String name) throws IOException {
        try {
            while (block.hasRemaining()) {
                if (in.read(block) < 0) {
                    break;
                }
            }
        } catch (IOException e) {
            throw new IOException("reading " + name + " failed: " + CliValues.describe(e), e);
        }
        return block.position() > 0;
    }
}
