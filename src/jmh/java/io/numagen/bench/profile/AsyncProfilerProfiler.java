package io.numagen.bench.profile;

import one.profiler.AsyncProfiler;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.TextResult;
import org.openjdk.jmh.runner.IterationType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * async-profiler inside the benchmark JVM through its Java API: samples the measurement iterations of each fork and
 * writes one flame graph (HTML) per fork and parameter set into {@code dir}.
 *
 * <p>Options: {@code dir=} output folder (default runs/flamegraphs), {@code event=} (default cpu; in VMs without a
 * PMU cpu/itimer/wall/alloc/lock work, cycles does not), {@code interval=} sampling interval in the event's unit
 * (default: async-profiler's), {@code libPath=} a libasyncProfiler.so to load instead of the one bundled in the jar.
 *
 * <p>If the library cannot load or the event cannot start, the profiler says so (printed, and a {@code note.asyncprof}
 * text result) and the benchmark runs on unaffected. Secondary metric: {@code asyncprof.samples}, the samples taken
 * over the measurement iterations.
 */
public final class AsyncProfilerProfiler implements InternalProfiler {

    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();

    static {
        OPTIONS.put("dir", "folder for the flame graphs (default runs/flamegraphs)");
        OPTIONS.put("event", "async-profiler event: cpu (default), itimer, wall, alloc, lock, ...");
        OPTIONS.put("interval", "sampling interval in the event's unit (default: async-profiler's)");
        OPTIONS.put("libPath", "path to libasyncProfiler.so (default: the one bundled in the jar)");
    }

    private final Path dir;
    private final String event;
    private final String interval;
    private final String libPath;

    private AsyncProfiler profiler;
    private String failure;
    private boolean started;
    private int measured;
    private long samplesAtStart;

    /** For ServiceLoader discovery (-lprof); never throws. */
    public AsyncProfilerProfiler() {
        this.dir = Paths.get("runs/flamegraphs");
        this.event = "cpu";
        this.interval = null;
        this.libPath = null;
    }

    public AsyncProfilerProfiler(String initLine) throws ProfilerException {
        ProfilerOptions o = ProfilerOptions.parse(AsyncProfilerProfiler.class, initLine, OPTIONS);
        this.dir = Paths.get(o.get("dir", "runs/flamegraphs"));
        this.event = o.get("event", "cpu");
        this.interval = o.has("interval") ? o.get("interval", null) : null;
        this.libPath = o.has("libPath") ? o.get("libPath", null) : null;
        if (interval != null && !interval.matches("\\d+(ms|us|ns|s)?")) {
            throw new ProfilerException("interval must be a number (optionally with ms/us/ns/s), got '" + interval + "'");
        }
    }

    @Override
    public String getDescription() {
        return "async-profiler flame graph (HTML) per benchmark fork and param set, into dir= (default "
                + "runs/flamegraphs)";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (iterationParams.getType() != IterationType.MEASUREMENT || started || failure != null) {
            return;
        }
        try {
            profiler = libPath == null ? AsyncProfiler.getInstance() : AsyncProfiler.getInstance(libPath);
        } catch (Throwable t) {
            fail("async-profiler library did not load" + (libPath == null ? "" : " from " + libPath) + ": " + t);
            return;
        }
        String command = "start,event=" + event + (interval == null ? "" : ",interval=" + interval);
        try {
            profiler.execute(command);
            started = true;
            samplesAtStart = profiler.getSamples();
        } catch (Throwable t) {
            fail("async-profiler '" + command + "' failed: " + t.getMessage());
        }
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        List<Result<?>> out = new ArrayList<>();
        if (iterationParams.getType() != IterationType.MEASUREMENT) {
            return out;
        }
        measured++;
        if (failure != null) {
            if (measured == 1) {
                out.add(new TextResult("async-profiler unavailable, no flame graph: " + failure, "note.asyncprof"));
            }
            return out;
        }
        if (!started || measured < iterationParams.getCount()) {
            return out;
        }
        started = false;
        Path file = dir.resolve(fileName(benchmarkParams));
        try {
            long samples = profiler.getSamples() - samplesAtStart;
            Files.createDirectories(dir);
            profiler.execute("stop,flamegraph,file=" + file.toAbsolutePath());
            out.add(new SparseScalarResult("asyncprof.samples", samples, "samples"));
            out.add(new TextResult("flame graph (" + event + ", " + samples + " samples): " + file.toAbsolutePath(),
                    "note.asyncprof"));
            ProfilerLog.line(AsyncProfilerProfiler.class, "flame graph " + file.toAbsolutePath());
        } catch (Throwable t) {
            fail("async-profiler stop/dump to " + file + " failed: " + t.getMessage());
            out.add(new TextResult(failure, "note.asyncprof"));
        }
        return out;
    }

    private void fail(String why) {
        failure = why;
        ProfilerLog.line(AsyncProfilerProfiler.class, why + " (benchmark continues without profiling)");
    }

    /** {@code <benchmark>[-<param>=<value>...]-pid<pid>.html}, safe for a file system. */
    static String fileName(BenchmarkParams params) {
        StringBuilder sb = new StringBuilder(params.getBenchmark());
        for (String key : params.getParamsKeys()) {
            sb.append('-').append(key).append('=').append(params.getParam(key));
        }
        sb.append("-pid").append(ProcessHandle.current().pid()).append(".html");
        return sb.toString().replaceAll("[^A-Za-z0-9._=-]", "_");
    }
}
