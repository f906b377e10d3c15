package io.numagen.analysis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plans of scripts/numactl-matrix.sh (--dry-run, nothing runs) on fake sysfs node trees. */
class MatrixScriptTest {

    @TempDir
    Path tmp;

    static final Path SCRIPT = Paths.get("scripts/numactl-matrix.sh");

    Path sysfs(int nodes) throws IOException {
        Path root = tmp.resolve("node" + nodes);
        for (int n = 0; n < nodes; n++) {
            Path d = Files.createDirectories(root.resolve("node" + n));
            Files.writeString(d.resolve("cpulist"), (2 * n) + "-" + (2 * n + 1) + "\n");
            Files.writeString(d.resolve("meminfo"), "Node " + n + " MemTotal:       1000 kB\n");
            Files.writeString(d.resolve("distance"), "10\n");
        }
        return root;
    }

    record Plan(List<String> ids, String output) {
    }

    Plan plan(Path sysfs, String... args) throws Exception {
        assumeTrue(Files.isExecutable(Paths.get("/bin/bash")), "bash needed");
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString(), "--dry-run"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("NUMAGEN_SYSFS_NODE", sysfs.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        List<String> ids = new ArrayList<>();
        Matcher m = Pattern.compile("(?m)^  ([a-z0-9-]+\\.[A-Z]+): ").matcher(out);
        while (m.find()) {
            ids.add(m.group(1));
        }
        return new Plan(ids, out);
    }

    @Test
    void oneNodePlansOnlySensibleCellsAndSaysWhy() throws Exception {
        Plan p = plan(sysfs(1), "--modes", "OFF,AUTO");
        assertEquals(List.of("none.OFF", "none.AUTO", "local-0.OFF", "local-0.AUTO"), p.ids());
        assertTrue(p.output().contains("not planned: remote-A-B: only one NUMA node"), p.output());
        assertTrue(p.output().contains("not planned: interleave: one node"), p.output());
        assertTrue(p.output().contains("not planned: nodes-2: only 1 node(s) with CPUs"), p.output());
    }

    @Test
    void fourNodesPlanEveryBinding() throws Exception {
        Plan p = plan(sysfs(4), "--modes", "FORCE");
        List<String> expected = new ArrayList<>(List.of("none.FORCE", "local-0.FORCE", "local-1.FORCE",
                "local-2.FORCE", "local-3.FORCE"));
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 4; b++) {
                if (a != b) {
                    expected.add("remote-" + a + "-" + b + ".FORCE");
                }
            }
        }
        expected.addAll(List.of("interleave.FORCE", "nodes-2.FORCE", "nodes-4.FORCE"));
        assertEquals(expected, p.ids());
        assertTrue(p.output().contains("--cpunodebind=0\\,1\\,2\\,3 --membind=0\\,1\\,2\\,3"), p.output()); // %q
        assertTrue(p.output().contains("--cpunodebind=2 --membind=1"), p.output());
        assertTrue(p.output().contains("-p numaMode=FORCE"));
        assertTrue(p.output().contains("-foe true -rf json -rff"));
    }

    @Test
    void baselinesOnlyInFirstModeAndPresetOutputOptionsReplaced() throws Exception {
        Path preset = tmp.resolve("p.args");
        Files.writeString(preset, "# comment\nBaselineBenchmark -f 1 # trailing\n-foe false -rf text -rff ${RUN_DIR}/r.json\n"
                + "-prof x.Y:dir=${RUN_DIR}/machine\n");
        Plan p = plan(sysfs(2), "--modes", "OFF,AUTO", "--preset", preset.toString(), "--cells", "^local-1\\.",
                "--", "-p", "size=1MiB");
        String local1Auto = p.output().lines().filter(l -> l.startsWith("  local-1.AUTO: ")).findFirst().orElseThrow();
        assertTrue(local1Auto.contains("-e BaselineBenchmark\\|RemoteAccessBenchmark"), local1Auto);
        assertTrue(local1Auto.endsWith("local-1.AUTO.json -p size=1MiB "), local1Auto);
        assertTrue(local1Auto.contains("-prof x.Y:dir=results/"), local1Auto);
        assertTrue(local1Auto.contains("/cells/local-1.AUTO/machine"), local1Auto);
        assertFalse(local1Auto.contains("-foe false") || local1Auto.contains("-rf text"), local1Auto);
        String local1Off = p.output().lines().filter(l -> l.startsWith("  local-1.OFF: ")).findFirst().orElseThrow();
        assertFalse(local1Off.contains(" -e "), local1Off);
        assertTrue(p.output().contains("  none.OFF: skipped (not selected by --cells"), p.output());
    }

    @Test
    void badArgumentsExitTwo() throws Exception {
        ProcessBuilder pb = new ProcessBuilder("bash", SCRIPT.toString(), "--modes", "SOMETIMES", "--dry-run")
                .redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(2, p.exitValue(), out);
        assertTrue(out.contains("unknown NUMA mode 'SOMETIMES'"), out);
    }
}
