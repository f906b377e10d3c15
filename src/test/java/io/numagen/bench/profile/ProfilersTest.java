package io.numagen.bench.profile;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.numagen.bench.HarnessSelfTestBenchmark;
import io.numagen.testing.LiveMachine;
import io.numagen.topology.NumaNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.ProfilerException;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each profiler on this machine, in-process (-f 0) on the self-test benchmark: real numbers where the facility
 * exists, hardware events unavailable rather than 0.
 */
class ProfilersTest {

    private static Map<String, Result> run(String profiler, String options) throws RunnerException {
        ChainedOptionsBuilder b = new OptionsBuilder()
                .include(HarnessSelfTestBenchmark.class.getName() + ".touch")
                .param("size", "1MiB")
                .forks(0).warmupIterations(0).measurementIterations(2)
                .measurementTime(TimeValue.milliseconds(300))
                .shouldFailOnError(true);
        b = options == null ? b.addProfiler(profiler) : b.addProfiler(profiler, options);
        RunResult r = new Runner(b.build()).runSingle();
        assertTrue(r.getPrimaryResult().getScore() > 0);
        return r.getSecondaryResults();
    }

    @Test
    void perfCountersGiveRealSoftwareCountsAndNoFakeHardwareZeros() throws Exception {
        Map<String, Result> s = run(PerfCountersProfiler.class.getName(), null);
        assertTrue(s.get("perf.task-clock").getScore() > 100_000, "ns/op: " + s.get("perf.task-clock"));
        assertEquals("ns/op", s.get("perf.task-clock").getScoreUnit());
        // 1 MiB of fresh pages per op: at least ~256 faults per op (more without THP, fewer with).
        assertTrue(s.get("perf.page-faults").getScore() >= 100, "faults/op: " + s.get("perf.page-faults"));
        assertTrue(s.get("perf.page-faults.perByte").getScore() > 0);
        assertEquals(s.get("perf.task-clock").getScore() / (1 << 20), s.get("perf.task-clock.perByte").getScore(),
                s.get("perf.task-clock.perByte").getScore() * 0.5, "per byte is per op / size (mean of ratios)");
        for (String hw : List.of("cycles", "instructions", "cache-misses", "node-loads", "node-load-misses")) {
            Result r = s.get("perf." + hw);
            if (r != null) { // a machine with a PMU: then it counted something
                assertTrue(r.getScore() > 0, hw + " counted as " + r.getScore());
            } else {
                String note = s.get("note.perf").extendedInfo();
                assertTrue(note.contains(hw + ": perf_event_open(" + hw + ") failed"), note);
                assertFalse(s.containsKey("perf." + hw + ".perByte"));
            }
        }
    }

    @Test
    void perfCountersRejectUnknownEventsAndOptions() {
        ProfilerException e = assertThrows(ProfilerException.class, () -> new PerfCountersProfiler("events=bogus"));
        assertTrue(e.getMessage().contains("unknown perf event 'bogus'"), e.getMessage());
        e = assertThrows(ProfilerException.class, () -> new PerfCountersProfiler("event=cycles"));
        assertTrue(e.getMessage().contains("unknown option 'event'") && e.getMessage().contains("bytesPerOp"),
                e.getMessage());
    }

    @Test
    void numaProfilerReportsEveryNodeCounterAndThePublishedPlacement() throws Exception {
        Map<String, Result> s = run(NumaProfiler.class.getName(), null);
        double hits = 0;
        for (NumaNode node : LiveMachine.TOPOLOGY.nodes()) {
            for (String c : new String[] {"numa_hit", "numa_miss", "numa_foreign", "interleave_hit", "local_node",
                                          "other_node"}) {
                assertNotNull(s.get("numa.node" + node.id() + "." + c), node.id() + " " + c);
            }
            hits += s.get("numa.node" + node.id() + ".numa_hit").getScore();
        }
        // The benchmark maps and writes 1 MiB per op: machine-wide allocations cannot be fewer than ours.
        assertTrue(hits >= 256, "numa_hit over all nodes: " + hits);
        assertTrue(s.get("numa.localShare").getScore() > 0 && s.get("numa.localShare").getScore() <= 1);
        // Real placement (move_pages) of the 1 MiB buffer: 256 base pages, and the shares of all nodes sum to 1.
        assertEquals(256.0, s.get("numa.placement.pages").getScore(), 0.0);
        double share = 0;
        for (Map.Entry<String, Result> e : s.entrySet()) {
            if (e.getKey().startsWith("numa.placement.node")) {
                share += e.getValue().getScore();
            }
        }
        assertEquals(1.0, share, 1e-9);
        assertTrue(s.get("note.numa").extendedInfo().contains("node-wide"));
    }

    @Test
    void placementSharesCoverEveryNodeAndFailuresGiveNoNumbers(@TempDir Path sys) throws Exception {
        for (int node : new int[] {0, 1}) {
            Path dir = Files.createDirectories(sys.resolve("devices/system/node/node" + node));
            Files.writeString(dir.resolve("numastat"), "numa_hit 1\nlocal_node 1\nother_node 0\n");
        }
        NumaProfiler p = new NumaProfiler("root=" + sys);
        IterationParams it = new IterationParams(IterationType.MEASUREMENT, 2, TimeValue.seconds(1), 1);
        try {
            PlacementProbe.publish(() -> Map.of(0, 3L)); // a stub source: this tests the arithmetic only
            p.beforeIteration(null, it);
            Map<String, Double> r = scores(p.afterIteration(null, it, null));
            assertEquals(1.0, r.get("numa.placement.node0.share"));
            assertEquals(0.0, r.get("numa.placement.node1.share"), "a node with no pages is a measured 0");
            assertEquals(3.0, r.get("numa.placement.pages"));
            assertEquals(0.0, r.get("numa.node1.numa_hit"));
            assertFalse(r.containsKey("numa.localShare"), "no allocations: undefined, not 0");

            PlacementProbe.publish(() -> {
                throw new IllegalStateException("no move_pages here");
            });
            p.beforeIteration(null, it);
            Map<String, Double> failed = scores(p.afterIteration(null, it, null));
            assertFalse(failed.keySet().stream().anyMatch(k -> k.startsWith("numa.placement")), failed.toString());
        } finally {
            PlacementProbe.clear();
        }
    }

    private static Map<String, Double> scores(Collection<? extends Result> results) {
        Map<String, Double> m = new java.util.TreeMap<>();
        results.forEach(r -> m.put(r.getLabel(), r.getScore()));
        return m;
    }

    @Test
    void numaProfilerReadsACraftedRootAndRejectsAMissingOne(@TempDir Path sys) throws Exception {
        assertThrows(ProfilerException.class, () -> new NumaProfiler("root=" + sys));
        for (int node : new int[] {0, 1}) {
            Path dir = Files.createDirectories(sys.resolve("devices/system/node/node" + node));
            Files.writeString(dir.resolve("numastat"), "numa_hit 1\nlocal_node 1\nother_node 0\n");
        }
        new NumaProfiler("root=" + sys + ";placement=false");
        assertThrows(ProfilerException.class, () -> new NumaProfiler("placement=maybe"));
    }

    @Test
    void asyncProfilerWritesAFlameGraph(@TempDir Path dir) throws Exception {
        Map<String, Result> s = run(AsyncProfilerProfiler.class.getName(), "dir=" + dir + ";event=itimer");
        List<Path> html;
        try (Stream<Path> files = Files.list(dir)) {
            html = files.filter(p -> p.toString().endsWith(".html")).collect(Collectors.toList());
        }
        assertEquals(1, html.size(), "flame graphs: " + html + ", note: " + s.get("note.asyncprof"));
        assertTrue(html.get(0).getFileName().toString().contains("touch-size=1MiB-pid"), html.toString());
        assertTrue(Files.readString(html.get(0)).contains("<html"));
        assertTrue(s.get("asyncprof.samples").getScore() > 0);
    }

    @Test
    void asyncProfilerWithoutItsLibrarySaysSoAndTheBenchmarkStillRuns(@TempDir Path dir) throws Exception {
        Map<String, Result> s = run(AsyncProfilerProfiler.class.getName(),
                "dir=" + dir + ";libPath=" + dir.resolve("missing.so"));
        assertTrue(s.get("note.asyncprof").extendedInfo().contains("did not load"),
                s.get("note.asyncprof").extendedInfo());
        assertFalse(s.containsKey("asyncprof.samples"));
        assertEquals(0, new File(dir.toString()).list().length);
    }

    @Test
    void machineInfoGivesNumericFactsAndASidecar(@TempDir Path dir) throws Exception {
        Map<String, Result> s = run(MachineInfoProfiler.class.getName(), "dir=" + dir + ";seed=42");
        assertEquals(ProcessHandle.current().pid(), (long) s.get("machine.pid").getScore());
        assertEquals(LiveMachine.TOPOLOGY.nodes().size(), s.get("machine.nodes").getScore());
        assertEquals(Runtime.version().feature(), (int) s.get("machine.jvm.feature").getScore());
        assertEquals(42.0, s.get("machine.seed").getScore());
        assertTrue(s.get("machine.cpus.allowed").getScore() >= 1);
        Path sidecar;
        try (Stream<Path> files = Files.list(dir)) {
            sidecar = files.filter(p -> p.getFileName().toString().startsWith("machine-"
                    + ProcessHandle.current().pid() + "-")).findFirst().orElseThrow();
        }
        JsonObject j = JsonParser.parseString(Files.readString(sidecar)).getAsJsonObject();
        assertEquals("numagen.machine/1", j.get("schema").getAsString());
        assertEquals("1MiB", j.getAsJsonObject("params").get("size").getAsString());
        assertEquals("42", j.get("seed").getAsString());
        assertFalse(j.getAsJsonObject("machine").get("kernel").getAsString().isEmpty());
        assertTrue(j.getAsJsonObject("machine").get("cpuModel").getAsString().length() > 0);
        assertTrue(j.getAsJsonObject("jvm").has("UseNUMA"));
        assertTrue(j.getAsJsonObject("binding").get("mempolicy").getAsString().length() > 0);
        assertTrue(s.get("note.machine").extendedInfo().contains("sidecar: " + sidecar.toAbsolutePath()));
    }
}
