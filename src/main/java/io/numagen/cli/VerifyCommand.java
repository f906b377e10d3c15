package io.numagen.cli;

import io.numagen.exec.WorkerPool;
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
        return "usage: numagen verify FILE|- [--block-size SIZE] [--threads N] [--max-bytes SIZE] [--quiet]\n"
                + "  FILE          the data to measure ('-' reads stdin)\n"
                + "  --block-size  dedup and compression unit, a multiple of 4KiB (default 1MiB)\n"
                + "  --threads     worker threads hashing and compressing blocks (default: the CPUs this process\n"
                + "                may run on)\n"
                + "  --max-bytes   stop after this many bytes (default: the whole input)\n"
                + "  --quiet       no progress lines on stderr\n"
                + "Dedup ratio = blocks / distinct blocks (SHA-256); zstd level 3 and gzip level 6 compress each\n"
                + "distinct block on its own. The last block may be shorter. Memory is bounded by the distinct-block\n"
                + "table (72 MiB): up to 1.5 M distinct blocks the ratios are exact; past that they are estimated\n"
                + "from a sample of distinct contents, and the output says so with the relative standard error.\n";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("block-size", "threads", "max-bytes");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("quiet");
    }

    @Override
    public int run(Options o, PrintStream out, PrintStream err) throws Exception {
        String source = o.onePositional("input file (or - for stdin)");
        int blockSize = CliValues.blockSize(o.value("block-size", "1MiB"));
        int threads = CliValues.threads(o.value("threads", null));
        long maxBytes = maxBytes(o.value("max-bytes", null));
        String name = source.equals("-") ? "stdin" : source;
        DataRatios ratios = new DataRatios();
        checkMemory(blockSize, threads, ratios.tableBytesBound());
        BlockReader reader;
        try (ReadableByteChannel in = open(source)) {
            long knownSize = in instanceof FileChannel ? ((FileChannel) in).size() : -1;
            reader = new BlockReader(in, name, maxBytes, knownSize, o.has("quiet") ? null : err);
            try (WorkerPool pool = new WorkerPool(threads, "numagen-verify")) {
                pool.run(worker -> {
                    DataRatios.Measurer measurer = ratios.measurer();
                    ByteBuffer block = ByteBuffer.allocate(blockSize);   // heap: the measurer hashes it in place
                    while (reader.next(block)) {
                        measurer.add(block);
                    }
                });
            } catch (WorkerPool.WorkerException e) {
                throw e.getCause() instanceof IOException ? (IOException) e.getCause() : e;
            }
        }
        if (ratios.blocks() == 0) {
            throw new IOException(name + " is empty: nothing to measure");
        }
        double seconds = reader.seconds();
        out.printf(Locale.ROOT, "input:        %s, %s (%d bytes), %d blocks of %s%s%n", name,
                ByteSize.format(ratios.bytes()), ratios.bytes(), ratios.blocks(), ByteSize.format(blockSize),
                ratios.bytes() == maxBytes ? " (stopped at --max-bytes)" : "");
        out.printf(Locale.ROOT, "time:         %.1f s, %.2f GB/s, %d thread%s%n", seconds,
                ratios.bytes() / seconds / 1e9, threads, threads == 1 ? "" : "s");
        if (ratios.exact()) {
            out.printf(Locale.ROOT, "dedup ratio:  %.4f (%d distinct blocks)%n", ratios.dedupRatio(),
                    ratios.distinctBlocks());
        } else {
            out.printf(Locale.ROOT, "dedup ratio:  %.4f (estimated: more distinct blocks than the %s table holds;"
                    + " %d sampled, 1 in %.0f, relative standard error %.2f %%)%n", ratios.dedupRatio(),
                    ByteSize.format(ratios.tableBytesBound()), ratios.distinctBlocks(), 1 / ratios.sampledFraction(),
                    100 * ratios.relativeStandardError());
        }
        out.printf(Locale.ROOT, "zstd ratio:   %.4f (level %d, per block)%n", ratios.zstdRatio(),
                DataRatios.ZSTD_LEVEL);
        out.printf(Locale.ROOT, "gzip ratio:   %.4f (level 6, per block)%n", ratios.gzipRatio());
        out.printf(Locale.ROOT, "dedup+zstd:   %.4f (bytes / zstd bytes of distinct blocks)%n",
                ratios.combinedRatio());
        return 0;
    }

    /** Each thread holds a block and a compression buffer as large: refuse up front what the heap cannot hold. */
    private static void checkMemory(int blockSize, int threads, long tableBytes) {
        long needed = threads * (2L * blockSize + (64 << 10)) + tableBytes;
        long heap = Runtime.getRuntime().maxMemory();
        if (needed > heap / 10 * 9) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "--block-size %s with %d thread%s needs"
                    + " about %s of heap (a block and a compression buffer per thread, and the %s distinct-block"
                    + " table); this JVM may use %s: use fewer --threads, a smaller --block-size, or a larger -Xmx"
                    + " (NUMAGEN_JAVA_OPTS)", ByteSize.format(blockSize), threads, threads == 1 ? "" : "s",
                    ByteSize.format(needed), ByteSize.format(tableBytes), ByteSize.format(heap)));
        }
    }

    private static long maxBytes(String text) {
        if (text == null) {
            return Long.MAX_VALUE;
        }
        long n = ByteSize.parse(text);
        if (n < 1) {
            throw new IllegalArgumentException("--max-bytes must be at least 1 byte, got '" + text + "'");
        }
        return n;
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
}
