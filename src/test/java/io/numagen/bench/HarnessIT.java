package io.numagen.bench;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import io.numagen.testing.LiveMachine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A real, short JMH run of target/benchmarks.jar (built by `package` before failsafe runs) in a forked JVM, with our
 * profilers beside JMH's gc profiler, checking what lands in the JSON result and the sidecar.
 */
class HarnessIT {

    static List<String> javaCommand() {
        List<String> cmd = new ArrayList<>();
        cmd.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        // Another JMH run on this machine holds /tmp/jmh.lock; this test checks results, not speed.
        cmd.add("-Djmh.ignoreLock=true");
        if (Runtime.version().feature() >= 23) {
            cmd.add("--sun-misc-unsafe-memory-access=allow"); // JMH uses sun.misc.Unsafe
        }
        cmd.add("-jar");
        cmd.add(Paths.get("target", "benchmarks.jar").toAbsolutePath().toString());
        return cmd;
    }

    @Test
    void profilersAndMetadataSurviveInTheJsonResult(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("result.json");
        Path machineDir = dir.resolve("machine");
        Path flameDir = dir.resolve("flamegraphs");
        List<String> cmd = javaCommand();
        cmd.addAll(List.of("HarnessSelfTestBenchmark.touch", "-p", "size=2MiB",
                "-f", "1", "-wi", "0", "-i", "1", "-r", "1s", "-foe", "true", "-rf", "json", "-rff", json.toString(),
                "-prof", "gc",
                "-prof", "io.numagen.bench.profile.NumaProfiler",
                "-prof", "io.numagen.bench.profile.PerfCountersProfiler",
                "-prof", "io.numagen.bench.profile.MachineInfoProfiler:dir=" + machineDir + ";seed=7",
                "-prof", "io.numagen.bench.profile.AsyncProfilerProfiler:dir=" + flameDir + ";event=itimer"));
        Path log = dir.resolve("jmh.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("NUMAGEN_BINDING", "it-test");
        Process p = pb.start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "JMH run timed out");
        String output = Files.readString(log, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), output);

        JsonArray runs = JsonParser.parseString(Files.readString(json)).getAsJsonArray();
        assertEquals(1, runs.size());
        JsonObject run = runs.get(0).getAsJsonObject();
        assertEquals("io.numagen.bench.HarnessSelfTestBenchmark.touch", run.get("benchmark").getAsString());
        JsonObject sm = run.getAsJsonObject("secondaryMetrics");

        for (String metric : List.of("numa.node0.numa_hit", "numa.node0.numa_miss", "numa.node0.numa_foreign",
                "numa.node0.interleave_hit", "numa.node0.local_node", "numa.node0.other_node", "numa.localShare",
                "perf.task-clock", "perf.task-clock.perByte", "perf.page-faults", "perf.page-faults.perByte",
                "perf.context-switches", "perf.cpu-migrations",
                "machine.pid", "machine.nodes", "machine.cpus.allowed", "machine.jvm.feature", "machine.seed",
                "asyncprof.samples", "gc.alloc.rate")) {
            assertTrue(sm.has(metric), metric + " missing; have " + sm.keySet());
            JsonElement score = sm.getAsJsonObject(metric).get("score");
            assertTrue(score.getAsJsonPrimitive().isNumber(), metric + " score " + score);
        }
        assertTrue(score(sm, "perf.task-clock") > 0);
        assertTrue(score(sm, "perf.page-faults") > 0);
        assertTrue(LiveMachine.TOPOLOGY.nodes().stream()
                .mapToDouble(n -> score(sm, "numa.node" + n.id() + ".numa_hit")).sum() > 0);
        assertEquals(7.0, score(sm, "machine.seed"));
        // Hardware events: a number only where the machine counts them, never a zero stand-in.
        for (String hw : List.of("cycles", "instructions", "cache-misses")) {
            if (sm.has("perf." + hw)) {
                assertTrue(score(sm, "perf." + hw) > 0, hw);
            } else {
                assertTrue(output.contains(hw + " unavailable: perf_event_open(" + hw + ") failed"), output);
            }
        }
        // The placement published by the self-test benchmark (move_pages): 2 MiB = 512 base pages, all on nodes with
        // memory (the only one, where there is one).
        assertEquals(512.0, score(sm, "numa.placement.pages"));
        double shares = 0;
        for (int node : LiveMachine.MEMORY_NODES) {
            String metric = "numa.placement.node" + node + ".share";
            shares += sm.has(metric) ? score(sm, metric) : 0;
        }
        assertEquals(1.0, shares, 1e-9);

        long pid = (long) score(sm, "machine.pid");
        List<Path> sidecars;
        try (Stream<Path> s = Files.list(machineDir)) {
            sidecars = s.collect(Collectors.toList());
        }
        assertEquals(1, sidecars.size(), sidecars.toString());
        assertTrue(sidecars.get(0).getFileName().toString().startsWith("machine-" + pid + "-"), sidecars.toString());
        JsonObject facts = JsonParser.parseString(Files.readString(sidecars.get(0))).getAsJsonObject();
        assertEquals(run.get("benchmark").getAsString(), facts.get("benchmark").getAsString());
        assertEquals("2MiB", facts.getAsJsonObject("params").get("size").getAsString());
        assertEquals("it-test", facts.getAsJsonObject("binding").get("NUMAGEN_BINDING").getAsString());
        assertEquals("7", facts.get("seed").getAsString());
        assertFalse(facts.getAsJsonObject("machine").get("kernel").getAsString().isEmpty());
        assertTrue(facts.getAsJsonObject("jvm").getAsJsonArray("inputArguments").size() > 0);
        assertEquals("numagen.topology/1", facts.getAsJsonObject("topology").get("schema").getAsString());

        assertTrue(hasHtml(flameDir), "no flame graph in " + flameDir + "\n" + output);
    }

    @Test
    void matrixRunnerSkipsCombinationsThisMachineCannotRunAndRunsTheRest(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("result.json");
        List<String> cmd = javaCommand();
        int jar = cmd.indexOf("-jar");
        cmd.set(jar, "-cp");
        cmd.add("io.numagen.bench.run.MatrixRunner");
        cmd.addAll(List.of("RemoteAccessBenchmark.write", "-p", "size=4MiB", "-p", "writerNode=0,7",
                "-p", "memoryNode=0,7", "-f", "1", "-wi", "0", "-i", "1", "-r", "1s", "-foe", "true",
                "-rf", "json", "-rff", json.toString()));
        Path log = dir.resolve("jmh.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out");
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), output);
        // Node 7 exists on no machine this runs on: 3 of the 4 combinations are skipped with a reason, 0 -> 0 runs.
        JsonArray skipped = JsonParser.parseString(Files.readString(dir.resolve("result.skipped.json"))).getAsJsonArray();
        assertEquals(3, skipped.size(), skipped.toString());
        for (JsonElement s : skipped) {
            assertTrue(s.getAsJsonObject().get("reason").getAsString().contains("node 7"), s.toString());
        }
        JsonArray runs = JsonParser.parseString(Files.readString(json)).getAsJsonArray();
        assertEquals(1, runs.size());
        JsonObject params = runs.get(0).getAsJsonObject().getAsJsonObject("params");
        assertEquals("0", params.get("writerNode").getAsString());
        assertEquals("0", params.get("memoryNode").getAsString());
        assertTrue(runs.get(0).getAsJsonObject().getAsJsonObject("secondaryMetrics").has("bytes"));
    }

    @Test
    void matrixRunnerForksWithAndWithoutTheJvmFlagsAndPlainJmhRefusesAMissingFlag(@TempDir Path dir) throws Exception {
        Path json = dir.resolve("result.json");
        Path machineDir = dir.resolve("machine");
        List<String> cmd = javaCommand();
        cmd.set(cmd.indexOf("-jar"), "-cp");
        cmd.add("io.numagen.bench.run.MatrixRunner");
        List<String> tiny = List.of("NumaMatrixBenchmark.stream", "-p", "size=1MiB", "-p", "threads=1",
                "-p", "numaMode=OFF", "-p", "pinning=none", "-p", "firstTouch=false", "-p", "allocation=default",
                "-p", "buffer=offheap", "-f", "1", "-wi", "0", "-i", "1", "-r", "100ms", "-foe", "true");
        cmd.addAll(tiny);
        cmd.addAll(List.of("-p", "jvm=default,UseNUMA", "-rf", "json", "-rff", json.toString(),
                "-prof", "io.numagen.bench.profile.MachineInfoProfiler:dir=" + machineDir));
        Path log = dir.resolve("jmh.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out");
        String output = Files.readString(log);
        assertEquals(0, p.exitValue(), output);
        JsonArray runs = JsonParser.parseString(Files.readString(json)).getAsJsonArray();
        assertEquals(2, runs.size(), output);
        for (JsonElement e : runs) {
            JsonObject run = e.getAsJsonObject();
            String jvm = run.getAsJsonObject("params").get("jvm").getAsString();
            JsonObject sm = run.getAsJsonObject("secondaryMetrics");
            // The sidecar of this fork (joined by pid) lists its JVM arguments.
            long pid = (long) score(sm, "machine.pid");
            Path sidecar;
            try (Stream<Path> s = Files.list(machineDir)) {
                sidecar = s.filter(f -> f.getFileName().toString().startsWith("machine-" + pid + "-")).findFirst()
                        .orElseThrow();
            }
            String args = JsonParser.parseString(Files.readString(sidecar)).getAsJsonObject().getAsJsonObject("jvm")
                    .getAsJsonArray("inputArguments").toString();
            assertTrue(args.contains("--enable-native-access=ALL-UNNAMED"), args); // @Fork's append kept
            double useNuma = score(sm, "machine.jvm.useNUMA");
            if (jvm.equals("default")) {
                assertFalse(args.contains("UseNUMA"), args);
                assertEquals(0.0, useNuma);
            } else {
                assertEquals("UseNUMA", jvm);
                assertTrue(args.contains("-XX:+UseNUMA"), args);
                // HotSpot (JDK 17, G1) turns a requested UseNUMA off on a single NUMA node: effective value 0 there.
                if (score(sm, "machine.nodes") == 1) {
                    assertEquals(0.0, useNuma, "effective UseNUMA on one node");
                    assertTrue(output.contains("# jvm=UseNUMA: -XX:+UseNUMA given, effective UseNUMA=false"), output);
                }
            }
        }

        // Plain JMH adds no flags: the jvm=UseNUMA fork must fail, not measure a default JVM.
        List<String> plain = javaCommand();
        plain.addAll(tiny);
        plain.addAll(List.of("-p", "jvm=UseNUMA"));
        Process q = new ProcessBuilder(plain).redirectErrorStream(true).start();
        String out = new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(q.waitFor(5, TimeUnit.MINUTES), "timed out");
        assertTrue(q.exitValue() != 0, out);
        assertTrue(out.contains("jvm=UseNUMA names UseNUMA but the JVM arguments lack -XX:+UseNUMA"), out);
    }

    @Test
    void profilersAreDiscoveredForLprof() throws Exception {
        List<String> cmd = javaCommand();
        cmd.add("-lprof");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES));
        for (String name : List.of("NumaProfiler", "PerfCountersProfiler", "AsyncProfilerProfiler",
                "MachineInfoProfiler")) {
            assertTrue(out.contains("io.numagen.bench.profile." + name + ": "), name + " not listed:\n" + out);
        }
    }

    private static double score(JsonObject sm, String metric) {
        return sm.getAsJsonObject(metric).get("score").getAsDouble();
    }

    private static boolean hasHtml(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(f -> f.toString().endsWith(".html"));
        }
    }
}
