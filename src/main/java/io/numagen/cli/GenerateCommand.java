package io.numagen.cli;

import io.numagen.exec.NumaMode;
import io.numagen.exec.NumaOptions;
import io.numagen.generator.ByteSize;
import io.numagen.generator.DataGenerator;
import io.numagen.generator.DataStream;
import io.numagen.generator.GeneratorConfig;
import io.numagen.generator.Kernel;
import io.numagen.memory.NativeBuffer;
import io.numagen.nativeio.NumaPlatform;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.nio.channels.WritableByteChannel;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/** `numagen generate`: streams generated data to a file, a device or stdout with constant memory. */
public final class GenerateCommand implements Command {
    /**
     * Before its clock starts, generate rehearses into its chunk buffers (never written) until the JIT has compiled the
     * stream path: the kernel's own warm-up compiles its loops, but the path around them (the pipe's loops and
     * hand-off, partial blocks) was still being compiled, and the chunk buffers' pages faulted in, during the first
     * tenth of a second, which cost a 4 GiB run 10-20 %. Rounds of 64 MiB per thread, until two rounds in a row finish
     * no compilation, at least 256 MiB and at most 1 GiB per thread: a fixed 256 MiB left C2 still compiling into the
     * run (2 threads, dedup 2 compress 3, medians of 5 alternating 4 GiB runs: 23.7 against 28.0 GB/s when the
     * rehearsal waits for the JIT; incompressible 34.2 against 35.5).
     */
    private static final long REHEARSAL_ROUND_PER_THREAD = 64L << 20;
    private static final long REHEARSAL_MIN_PER_THREAD = 256L << 20;
    private static final long REHEARSAL_MAX_PER_THREAD = 1L << 30;
    private static final int REHEARSAL_QUIET_ROUNDS = 2;
    private static final long PROGRESS_NANOS = 2_000_000_000L;
    private static final int MAX_CHUNK = 1 << 30;

    private final NumaPlatform platform;

    public GenerateCommand() {
        this(NumaPlatform.live());
    }

    /** On the machine {@code platform} stands for: tests inject kernel failures through a simulated one. */
    GenerateCommand(NumaPlatform platform) {
        this.platform = platform;
    }

    @Override
    public String name() {
        return "generate";
    }

    @Override
    public String summary() {
        return "write synthetic data with a given dedup and compression ratio to a file or stdout";
    }

    @Override
    public String usage() {
        return "usage: numagen generate --size SIZE [--dedup D] [--compress C] [--seed N] [--threads N]\n"
                + "                        [--block-size SIZE] [--chunk SIZE] [--out FILE|-] [--quiet]\n"
                + "                        [--numa auto|force|off] [--pinning none|scatter|compact|CPUS]\n"
                + "                        [--first-touch on|off] [--bind] [--part K/N]\n"
                + "  --size        bytes to write: 4096, 64MiB, 10GiB, 10GB (required)\n"
                + "  --dedup       dedup ratio D:1 at block granularity, >= 1, fractions allowed (default 1)\n"
                + "  --compress    zstd compression ratio C:1 per block, >= 1, fractions allowed (default 1)\n"
                + "  --seed        64-bit seed; without it one is drawn from entropy and reported\n"
                + "  --threads     worker threads (default: the CPUs this process may run on)\n"
                + "  --block-size  dedup/work unit, a multiple of 4KiB (default 1MiB)\n"
                + "  --chunk       bytes generated per write, rounded up to whole blocks; three chunks are in\n"
                + "                memory (default 4MiB per thread)\n"
                + "  --out         output file or device, '-' for stdout (default -). A file is written under a\n"
                + "                hidden temporary name beside it and renamed when whole: if the run fails or is\n"
                + "                interrupted (SIGINT/SIGTERM), that is removed and FILE is left as it was\n"
                + "  --quiet       no progress lines on stderr\n"
                + "  --numa        auto: place threads and memory only with 2+ usable nodes; force: always;\n"
                + "                off: never (default auto)\n"
                + "  --pinning     worker CPUs: scatter over nodes, compact node by node, a CPU list like 0,2,4-7,\n"
                + "                or none (default scatter; none with --numa off)\n"
                + "  --first-touch each worker touches every page of its chunk share first (default on; off with\n"
                + "                --numa off)\n"
                + "  --bind        mbind each worker's chunk share to its node (needs pinning)\n"
                + "  --part        write only part K (0..N-1) of N of the --size dataset, cut at block boundaries;\n"
                + "                parts 0..N-1 concatenated equal the whole output byte for byte (needs --seed)\n"
                + "The summary goes to stderr when writing to stdout, else to stdout.\n";
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("size", "dedup", "compress", "seed", "threads", "block-size", "chunk", "out", "numa", "pinning",
                "first-touch", "part");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("quiet", "bind");
    }

    @Override
    public int run(Options o, PrintStream out, PrintStream err) throws Exception {
        o.noPositional();
        if (!o.has("size")) {
            throw new UsageException("--size is required");
        }
        long size = CliValues.size("size", o.value("size", null));
        boolean seeded = o.has("seed");
        long seed = seeded ? CliValues.parseLong("seed", o.value("seed", null)) : GeneratorConfig.entropySeed();
        GeneratorConfig config = new GeneratorConfig(
                CliValues.blockSize(o.value("block-size", "1MiB")),
                CliValues.parseDouble("dedup", o.value("dedup", "1")),
                CliValues.parseDouble("compress", o.value("compress", "1")),
                seed);
        Part part = o.has("part") ? Part.parse(o.value("part", null)) : Part.WHOLE;
        if (!part.isWhole() && !seeded) {
            throw new UsageException("--part needs --seed: every part must come from the same dataset");
        }
        long partStart = part.start(size, config.blockSize());
        long partEnd = part.end(size, config.blockSize());
        int threads = CliValues.threads(o.value("threads", null));
        long defaultChunk = Math.min(MAX_CHUNK, DataGenerator.RING_CHUNK_PER_THREAD * threads);
        long chunkOption = CliValues.size("chunk", o.value("chunk", Long.toString(defaultChunk)));
        if (chunkOption > MAX_CHUNK) {
            throw new IllegalArgumentException("--chunk must be from 1 byte to " + MAX_CHUNK + " bytes, got "
                    + chunkOption);
        }
        // Whole blocks, so every chunk is split among the workers exactly as the first one, whose pages they touched.
        long blocks = (Math.min(Math.max(1, partEnd - partStart), chunkOption) + config.blockSize() - 1)
                / config.blockSize();
        int chunk = (int) Math.min(MAX_CHUNK, blocks * config.blockSize());
        NumaOptions numa = numaOptions(o);
        String target = o.value("out", "-");
        boolean toStdout = target.equals("-");
        PrintStream report = toStdout ? err : out;

        long start;
        AtomicLong written = new AtomicLong();
        String kernel;
        try (DataGenerator generator = DataGenerator.create(config, threads, numa, Kernel.best(), platform);
             OutputTarget output = OutputTarget.open(target);
             ChunkBuffers ring = new ChunkBuffers(generator.allocateRing(chunk))) {
            kernel = generator.kernel().describe();
            if (!o.has("quiet")) {
                err.println("numagen: " + generator.numaPlan().describe());
                err.println("numagen: kernel " + kernel + warmup(generator.kernelWarmupNanos()));
            }
            // SIGINT/SIGTERM run the shutdown hooks: say how far it got and drop the partial file.
            Thread onSignal = new Thread(() -> err.printf(Locale.ROOT, "numagen generate: interrupted after %s (%d "
                    + "of %d bytes); %s%n", ByteSize.format(written.get()), written.get(), partEnd - partStart,
                    output.abandon()),
                    "numagen-interrupted");
            Runtime.getRuntime().addShutdownHook(onSignal);
            try {
                // The clock runs from the first byte generated for the output to the last: start-up, the kernel's
                // warm-up and the rehearsal are not the generator's speed. An empty part (fewer blocks than parts)
                // still leaves an empty file, so every part exists. The stream is over the whole dataset from the
                // part's start (bytes are a function of the offset); the rehearsal reads it, then it starts again.
                if (partStart < partEnd) {
                    DataStream stream = generator.stream(partEnd);
                    long rehearsalStart = System.nanoTime();
                    long rehearsed = rehearse(stream.position(partStart), ring.buffers(), threads);
                    start = System.nanoTime();
                    if (!o.has("quiet")) {
                        err.printf(Locale.ROOT, "numagen: stream path rehearsed over %s in %.2f s (not written, not "
                                + "timed)%n", ByteSize.format(rehearsed), (start - rehearsalStart) / 1e9);
                    }
                    Progress progress = new Progress(o.has("quiet") ? null : err, start, partEnd - partStart);
                    WritableByteChannel channel = output.channel();
                    stream.position(partStart).pipe(ring.buffers(), partEnd - partStart, chunkBytes -> {
                        try {
                            while (chunkBytes.hasRemaining()) {
                                written.addAndGet(channel.write(chunkBytes));
                            }
                        } catch (IOException e) {
                            throw new IOException("writing to " + output.name() + " failed after " + written.get()
                                    + " bytes: " + CliValues.describe(e), e);
                        }
                        progress.report(written.get());
                    });
                } else {
                    start = System.nanoTime();
                }
                output.commit();
            } catch (IOException e) {
                throw new IOException(e.getMessage() + "; " + output.abandon(), e);
            } finally {
                removeHook(onSignal);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        report.printf(Locale.ROOT, "numagen: wrote %s (%d bytes) to %s in %.2f s, %.2f GB/s; seed %d%s, dedup %s, "
                        + "compress %s, block %s, threads %d, kernel %s, format %d%n",
                ByteSize.format(written.get()), written.get(), toStdout ? "stdout" : target, seconds,
                written.get() / seconds / 1e9,
                seed, seeded ? "" : " (from entropy)", CliValues.ratio(config.dedupRatio()),
                CliValues.ratio(config.compressRatio()), ByteSize.format(config.blockSize()), threads, kernel,
                GeneratorConfig.FORMAT_VERSION);
        if (!part.isWhole()) {
            report.printf(Locale.ROOT, "numagen: part %s: bytes %d to %d of a %d-byte dataset%n", part, partStart,
                    partEnd, size);
        }
        return 0;
    }

    private static String warmup(long nanos) {
        if (nanos == -1) {
            return "";
        }
        return nanos > 0 ? String.format(Locale.ROOT, ", warmed up in %.2f s of CPU", nanos / 1e9)
                : String.format(Locale.ROOT, ", not at compiled speed after %.2f s of warm-up", -nanos / 1e9);
    }

    /** --numa, --pinning, --first-touch, --bind; the feature defaults follow the mode (all off with off). */
    private static NumaOptions numaOptions(Options o) {
        NumaMode mode = NumaMode.parse(o.value("numa", "auto"));
        boolean off = mode == NumaMode.OFF;
        String pinning = o.value("pinning", off ? "none" : "scatter");
        String touch = o.value("first-touch", off ? "off" : "on");
        if (!touch.equals("on") && !touch.equals("off")) {
            throw new IllegalArgumentException("--first-touch must be on or off, got '" + touch + "'");
        }
        return new NumaOptions(mode, pinning, touch.equals("on"), o.has("bind"));
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running
        }
    }

    /**
     * Generates from the stream's position into the ring, never written, until the JIT has compiled the path (see
     * {@link #REHEARSAL_ROUND_PER_THREAD}); where the JVM does not report compilation time, the minimum.
     *
     * @return the bytes generated
     */
    private static long rehearse(DataStream stream, List<NativeBuffer> ring, int threads) throws IOException {
        CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        boolean watched = jit != null && jit.isCompilationTimeMonitoringSupported();
        long compiled = watched ? jit.getTotalCompilationTime() : 0;
        int quietRounds = 0;
        long done = 0;
        while (stream.hasRemaining() && done < REHEARSAL_MAX_PER_THREAD * threads
                && (done < REHEARSAL_MIN_PER_THREAD * threads || (watched && quietRounds < REHEARSAL_QUIET_ROUNDS))) {
            done += stream.pipe(ring, REHEARSAL_ROUND_PER_THREAD * threads, rehearsed -> { });
            long now = watched ? jit.getTotalCompilationTime() : 0;
            quietRounds = now == compiled ? quietRounds + 1 : 0;
            compiled = now;
        }
        return done;
    }

    /** The chunk buffers a run cycles through, closed together. */
    private record ChunkBuffers(List<NativeBuffer> buffers) implements AutoCloseable {
        @Override
        public void close() {
            buffers.forEach(NativeBuffer::close);
        }
    }

    /** A progress line on stderr every {@value #PROGRESS_NANOS} ns, or none. */
    private static final class Progress {
        private final PrintStream err;
        private final long start;
        private final long total;
        private long lastReport;

        Progress(PrintStream err, long start, long total) {
            this.err = err;
            this.start = start;
            this.total = total;
            this.lastReport = start;
        }

        void report(long done) {
            long now = System.nanoTime();
            if (err != null && now - lastReport >= PROGRESS_NANOS) {
                lastReport = now;
                err.printf(Locale.ROOT, "numagen: %s of %s (%.0f %%), %.2f GB/s%n", ByteSize.format(done),
                        ByteSize.format(total), 100.0 * done / total, done / ((now - start) / 1e9) / 1e9);
            }
        }
    }
}
