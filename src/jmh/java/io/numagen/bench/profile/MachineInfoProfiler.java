package io.numagen.bench.profile;

import com.google.gson.GsonBuilder;
import io.numagen.analysis.AtomicFiles;
import io.numagen.cli.TopologyJson;
import com.google.gson.JsonParser;
import io.numagen.generator.GeneratorConfig;
import io.numagen.generator.Kernel;
import io.numagen.metrics.FaultCostFacts;
import io.numagen.metrics.MachineInfo;
import io.numagen.nativeio.Affinity;
import io.numagen.nativeio.MemoryPolicy;
import io.numagen.nativeio.NativeResult;
import io.numagen.nativeio.Numa;
import io.numagen.topology.TopologyReader;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.TextResult;
import org.openjdk.jmh.runner.IterationType;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Records what each benchmark fork ran on. JMH 1.37's JSON keeps only numbers for secondary metrics (a TextResult
 * becomes score "NaN" with its text dropped), so the facts go two ways:
 *
 * <ul>
 *   <li>a sidecar {@code <dir>/machine-<pid>-<n>.json} per fork (n counts benchmarks within one JVM, for -f 0) with
 *       everything: CPU model, nodes/CPUs/distances, the full {@code io.numagen.topology} JSON, allowed CPUs and nodes, kernel, numa_balancing, THP, the JVM's
 *       version/flags/GC, the numactl binding (Cpus/Mems_allowed_list, get_mempolicy, $NUMAGEN_BINDING), the seed,
 *       the benchmark and its params;</li>
 *   <li>numeric facts as secondary metrics that survive in the JMH JSON ({@code machine.pid} joins a fork's rawData
 *       entry to its sidecar): machine.pid, machine.nodes, machine.cpus.online, machine.cpus.allowed,
 *       machine.mems.allowed, machine.numaBalancing, machine.thp.enabled (0 never, 1 madvise, 2 always),
 *       machine.jvm.feature, machine.jvm.useNUMA, machine.jvm.alwaysPreTouch (0/1), machine.seed, and what moves
 *       fault costs ({@link FaultCostFacts}, also in the sidecar's {@code faultCosts} with the reasons for what is
 *       missing): machine.virtualised (0/1), machine.pageReportingOrder, machine.damonRunning (0/1), each absent
 *       when it cannot be told.</li>
 * </ul>
 * A {@code note.machine} text result (human-readable output only) summarises the facts and names the sidecar.
 *
 * <p>Options: {@code dir=} sidecar folder (default runs/machine), {@code seed=} the seed when the benchmark has no
 * {@code seed} param (else system property numagen.seed, else $NUMAGEN_SEED).
 */
public final class MachineInfoProfiler implements InternalProfiler {

    private static final Map<String, String> OPTIONS = new LinkedHashMap<>();
    private static final AtomicInteger BENCHMARKS_IN_THIS_JVM = new AtomicInteger();

    static {
        OPTIONS.put("dir", "folder for machine-<pid>-<n>.json sidecars (default runs/machine)");
        OPTIONS.put("seed", "the run's seed if the benchmark has no seed param");
    }

    private final Path dir;
    private final String seedOption;

    private Map<String, Object> facts;
    private List<Result<?>> numeric;
    private Path sidecar;
    private String sidecarFailure;
    private boolean noteGiven;

    /** For ServiceLoader discovery (-lprof); never throws. */
    public MachineInfoProfiler() {
        this.dir = Paths.get("runs/machine");
        this.seedOption = null;
    }

    public MachineInfoProfiler(String initLine) throws ProfilerException {
        ProfilerOptions o = ProfilerOptions.parse(MachineInfoProfiler.class, initLine, OPTIONS);
        this.dir = Paths.get(o.get("dir", "runs/machine"));
        this.seedOption = o.has("seed") ? o.get("seed", null) : null;
    }

    @Override
    public String getDescription() {
        return "machine/JVM/binding metadata per fork: numeric machine.* metrics plus a machine-<pid>-<n>.json sidecar";
    }

    @Override
    public void beforeIteration(BenchmarkParams benchmarkParams, IterationParams iterationParams) {
        if (facts == null) {
            facts = collect(benchmarkParams);
            numeric = numeric(facts);
            writeSidecar();
        }
    }

    @Override
    public Collection<? extends Result<?>> afterIteration(BenchmarkParams benchmarkParams,
                                                       IterationParams iterationParams, IterationResult result) {
        List<Result<?>> out = new ArrayList<>(numeric);
        if (iterationParams.getType() == IterationType.MEASUREMENT && !noteGiven) {
            noteGiven = true;
            out.add(new TextResult(summary(), "note.machine"));
        }
        return out;
    }

    Map<String, Object> collect(BenchmarkParams params) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "numagen.machine/1");
        m.put("pid", ProcessHandle.current().pid());
        m.put("collectedAt", Instant.now().toString());
        m.put("benchmark", params.getBenchmark());
        Map<String, String> p = new LinkedHashMap<>();
        for (String k : params.getParamsKeys()) {
            p.put(k, params.getParam(k));
        }
        m.put("params", p);
        m.put("mode", params.getMode().shortLabel());
        m.put("threads", params.getThreads());
        m.put("machine", MachineInfo.collect(Paths.get("/")));
        NativeResult<List<Integer>> affinity = Affinity.current();
        m.put("faultCosts", FaultCostFacts.collect(Paths.get("/"), affinity.orElse(null), affinity.failure()).toMap());
        try {
            m.put("topology", JsonParser.parseString(TopologyJson.json(TopologyReader.read())));
        } catch (RuntimeException e) {
            m.put("topology", "unavailable: " + e);
        }
        m.put("jvm", MachineInfo.jvm());
        m.put("generator", generatorInfo());
        Map<String, Object> binding = new LinkedHashMap<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> machine = (Map<String, Object>) m.get("machine");
        binding.put("cpusAllowed", machine.get("cpusAllowed"));
        binding.put("memsAllowed", machine.get("memsAllowed"));
        NativeResult<MemoryPolicy> policy = Numa.threadPolicy();
        binding.put("mempolicy", policy instanceof NativeResult.Ok<MemoryPolicy> ok ? String.valueOf(ok.value())
                : "unavailable: " + policy.failure());
        binding.put("NUMAGEN_BINDING", System.getenv("NUMAGEN_BINDING"));
        m.put("binding", binding);
        m.put("seed", seed(params));
        return m;
    }

    private String seed(BenchmarkParams params) {
        if (params.getParamsKeys().contains("seed")) {
            return params.getParam("seed");
        }
        if (seedOption != null) {
            return seedOption;
        }
        String prop = System.getProperty("numagen.seed");
        return prop != null ? prop : System.getenv("NUMAGEN_SEED");
    }

    @SuppressWarnings("unchecked")
    static List<Result<?>> numeric(Map<String, Object> facts) {
        Map<String, Object> machine = (Map<String, Object>) facts.get("machine");
        Map<String, Object> jvm = (Map<String, Object>) facts.get("jvm");
        Map<String, Double> n = new LinkedHashMap<>();
        n.put("machine.pid", ((Number) facts.get("pid")).doubleValue());
        Object nodes = machine.get("nodes");
        if (nodes instanceof List) {
            n.put("machine.nodes", (double) ((List<?>) nodes).size());
        }
        if (machine.get("logicalCpus") instanceof Number) {
            n.put("machine.cpus.online", ((Number) machine.get("logicalCpus")).doubleValue());
        }
        putCount(n, "machine.cpus.allowed", machine.get("cpusAllowed"));
        putCount(n, "machine.mems.allowed", machine.get("memsAllowed"));
        putNumber(n, "machine.numaBalancing", machine.get("numaBalancing"));
        Object thp = machine.get("thpEnabled");
        if ("never".equals(thp)) {
            n.put("machine.thp.enabled", 0.0);
        } else if ("madvise".equals(thp)) {
            n.put("machine.thp.enabled", 1.0);
        } else if ("always".equals(thp)) {
            n.put("machine.thp.enabled", 2.0);
        }
        n.put("machine.jvm.feature", ((Number) jvm.get("feature")).doubleValue());
        putBoolean(n, "machine.jvm.useNUMA", jvm.get("UseNUMA"));
        Map<String, Object> faults = (Map<String, Object>) facts.get("faultCosts");
        putBoolean(n, "machine.virtualised", String.valueOf(faults.get("virtualised")));
        if (faults.get("pageReportingOrder") instanceof Number order) {
            n.put("machine.pageReportingOrder", order.doubleValue());
        }
        putBoolean(n, "machine.damonRunning", String.valueOf(faults.get("damonRunning")));
        putBoolean(n, "machine.jvm.alwaysPreTouch", jvm.get("AlwaysPreTouch"));
        Object seed = facts.get("seed");
        if (seed != null) {
            try {
                long s = Long.parseLong(seed.toString().trim());
                if (Math.abs(s) <= (1L << 53)) { // exact in a double; bigger seeds are only in the sidecar
                    n.put("machine.seed", (double) s);
                }
            } catch (NumberFormatException ignored) {
                // a non-numeric seed lives in the sidecar only
            }
        }
        List<Result<?>> out = new ArrayList<>();
        n.forEach((k, v) -> out.add(new SparseScalarResult(k, v, "value")));
        return out;
    }

    private static void putCount(Map<String, Double> n, String key, Object list) {
        if (list instanceof String) {
            try {
                n.put(key, (double) MachineInfo.countList((String) list));
            } catch (IllegalArgumentException ignored) {
                // left to the sidecar
            }
        }
    }

    private static void putNumber(Map<String, Double> n, String key, Object value) {
        if (value instanceof String) {
            try {
                n.put(key, Double.parseDouble((String) value));
            } catch (NumberFormatException ignored) {
                // left to the sidecar
            }
        }
    }

    private static void putBoolean(Map<String, Double> n, String key, Object value) {
        if ("true".equals(value)) {
            n.put(key, 1.0);
        } else if ("false".equals(value)) {
            n.put(key, 0.0);
        }
    }

    private void writeSidecar() {
        Path file = dir.resolve("machine-" + ProcessHandle.current().pid() + "-"
                + BENCHMARKS_IN_THIS_JVM.incrementAndGet() + ".json");
        try {
            AtomicFiles.write(file, new GsonBuilder().setPrettyPrinting().serializeNulls().disableHtmlEscaping()
                    .create().toJson(facts) + "\n");
            sidecar = file.toAbsolutePath();
        } catch (IOException | RuntimeException e) {
            sidecarFailure = "cannot write " + file + ": " + e;
            ProfilerLog.line(MachineInfoProfiler.class, sidecarFailure);
        }
    }

    @SuppressWarnings("unchecked")
    private String summary() {
        Map<String, Object> machine = (Map<String, Object>) facts.get("machine");
        Map<String, Object> jvm = (Map<String, Object>) facts.get("jvm");
        Map<String, Object> binding = (Map<String, Object>) facts.get("binding");
        return "cpu: " + machine.get("cpuModel") + ", " + machine.get("logicalCpus") + " CPUs, nodes "
                + machine.get("onlineNodes") + "; kernel " + machine.get("kernel") + "; numa_balancing "
                + machine.get("numaBalancing") + "; THP " + machine.get("thpEnabled") + "\n"
                + "jvm: " + jvm.get("version") + " " + jvm.get("vmName") + ", UseNUMA=" + jvm.get("UseNUMA")
                + ", AlwaysPreTouch=" + jvm.get("AlwaysPreTouch") + ", GC " + jvm.get("garbageCollectors")
                + ", args " + jvm.get("inputArguments") + "\n"
                + "binding: cpus " + binding.get("cpusAllowed") + ", mems " + binding.get("memsAllowed")
                + ", mempolicy " + binding.get("mempolicy") + ", NUMAGEN_BINDING=" + binding.get("NUMAGEN_BINDING")
                + "; seed " + facts.get("seed") + "\n"
                + "fault costs: " + facts.get("faultCosts") + "\n"
                + "sidecar: " + (sidecar != null ? sidecar : sidecarFailure);
    }

    /** The byte format and what the kernel parameter's default ("vector") or auto would get in this fork. */
    private static Map<String, Object> generatorInfo() {
        Map<String, Object> g = new LinkedHashMap<>();
        g.put("formatVersion", GeneratorConfig.FORMAT_VERSION);
        g.put("bestKernel", Kernel.best().describe());
        return g;
    }
}
