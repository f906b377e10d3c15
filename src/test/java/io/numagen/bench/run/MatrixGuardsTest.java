package io.numagen.bench.run;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12 items 1, 2 and 9: scripts/numactl-matrix.sh with a stand-in for java that writes an empty JMH result
 * (after FAKE_SLEEP seconds), so locking, resume and signals are tested without running a benchmark.
 */
class MatrixGuardsTest {
    private static final Path SCRIPT = Path.of("scripts/numactl-matrix.sh").toAbsolutePath();

    @TempDir
    Path tmp;
    private Path fakeJava;
    private Path jar;

    record Result(int status, String output) {
    }

    @BeforeEach
    void fakes() throws IOException {
        fakeJava = tmp.resolve("java");
        Files.writeString(fakeJava, """
                #!/usr/bin/env bash
                out=
                for ((i = 1; i <= $#; i++)); do if [[ ${!i} == -rff ]]; then j=$((i + 1)); out=${!j}; fi; done
                [[ -n $out ]] || exit 0
                echo "fake cell pid $$"
                sleep "${FAKE_SLEEP:-0}"
                echo '[]' >"$out"
                """);
        Files.setPosixFilePermissions(fakeJava, PosixFilePermissions.fromString("rwxr-xr-x"));
        jar = Files.writeString(tmp.resolve("benchmarks.jar"), "");
        Files.createDirectories(tmp.resolve("sysfs/node0"));
        Files.writeString(tmp.resolve("sysfs/node0/cpulist"), "0-1\n");
        Files.writeString(tmp.resolve("sysfs/node0/meminfo"), "Node 0 MemTotal: 1000 kB\n");
    }

    private Process start(double sleepSeconds, Path log, String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("bash", SCRIPT.toString(), "--jar", jar.toString(), "--cli",
                tmp.resolve("none.jar").toString(), "--modes", "OFF", "--cells", "^none"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().put("JAVA", fakeJava.toString());
        pb.environment().put("FAKE_SLEEP", Double.toString(sleepSeconds));
        pb.environment().put("NUMAGEN_SYSFS_NODE", tmp.resolve("sysfs").toString());
        return pb.start();
    }

    private Result run(String... args) throws Exception {
        Path log = Files.createTempFile(tmp, "run", ".log");
        Process p = start(0, log, args);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return new Result(p.exitValue(), Files.readString(log));
    }

    private Path onlyRunDir() throws IOException {
        try (Stream<Path> dirs = Files.list(tmp.resolve("results/" + hostDir()))) {
            return dirs.findFirst().orElseThrow();
        }
    }

    private String hostDir() throws IOException {
        try (Stream<Path> dirs = Files.list(tmp.resolve("results"))) {
            return dirs.findFirst().orElseThrow().getFileName().toString();
        }
    }

    /** A finished run whose one cell is then marked failed, so a resume redoes it. */
    private Path runWithAFailedCell() throws Exception {
        assertEquals(0, run("--out", "results").status());
        Path dir = onlyRunDir();
        Path state = dir.resolve("state/none.OFF.json");
        Files.writeString(state, Files.readString(state).replace("\"status\":\"ok\"", "\"status\":\"failed\""));
        return dir;
    }

    @Test
    void badArgumentsExitTwo() throws Exception {
        Result missing = run("--out");
        assertEquals(2, missing.status(), missing.output());
        assertTrue(missing.output().contains("--out needs a value"), missing.output());
        Result regex = run("--cells", "(", "--dry-run");
        assertEquals(2, regex.status(), regex.output());
        assertTrue(regex.output().contains("--cells '(' is not a valid regular expression"), regex.output());
        Result none = run("--cells", "^nothing$", "--dry-run");
        assertEquals(2, none.status(), none.output());
        assertTrue(none.output().contains("matches none of the planned cells"), none.output());
        Result twice = run("--modes", "OFF,OFF", "--dry-run");
        assertEquals(2, twice.status(), twice.output());
        assertTrue(twice.output().contains("names OFF twice"), twice.output());
    }

    @Test
    void resumeWithOtherArgumentsIsRefusedUnlessForced() throws Exception {
        Path dir = runWithAFailedCell();
        Result changed = run("--resume", dir.toString(), "--", "-p", "size=64MiB");
        assertEquals(2, changed.status(), changed.output());
        // The A/A control cell repeats none.OFF and matches ^none too.
        assertTrue(changed.output().matches(
                "(?s).*cell\\(s\\) none\\.OFF( none\\.OFF\\.control)? ran with other arguments.*"), changed.output());
        Result forced = run("--resume", dir.toString(), "--force", "--", "-p", "size=64MiB");
        assertEquals(0, forced.status(), forced.output());
        assertTrue(Files.readString(dir.resolve("state/none.OFF.json")).contains("\"extraArgs\":[\"-p\",\"size=64MiB\"]"));
        assertTrue(Files.readString(dir.resolve("state/none.OFF.args")).endsWith("-- -p size=64MiB \n"));
    }

    @Test
    void aSecondRunRefusesNamingTheOwnerAndASignalStopsTheCellsProcessGroup() throws Exception {
        Path firstLog = tmp.resolve("first.log");
        Process first = start(60, firstLog, "--out", "results");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        String[] lock = {};
        while (lock.length < 2) { // the lock names the script and, while a cell runs, the cell's JVM
            assertTrue(first.isAlive() && System.nanoTime() < deadline, Files.readString(firstLog));
            Thread.sleep(50);
            lock = lockPids();
        }
        Path dir = onlyRunDir();
        Result second = run("--resume", dir.toString());
        assertEquals(2, second.status(), second.output());
        assertTrue(second.output().contains("is in use by another run: PID(s) " + first.pid()), second.output());

        long cellPid = Long.parseLong(lock[1]);
        first.destroy(); // SIGTERM to the script only
        assertTrue(first.waitFor(60, TimeUnit.SECONDS));
        assertEquals(143, first.exitValue(), Files.readString(firstLog));
        assertTrue(ProcessHandle.of(cellPid).map(h -> h.onExit().join()).isEmpty()
                || !ProcessHandle.of(cellPid).get().isAlive(), "the cell's process outlived the script");
        assertTrue(Files.readString(dir.resolve("state/none.OFF.json")).contains("\"reason\":\"interrupted by TERM\""));
        assertFalse(Files.exists(dir.resolve(".lock")));
    }

    /** The PIDs in the run folder's lock, none while the folder or the lock does not exist yet. */
    private String[] lockPids() throws IOException {
        try {
            String text = Files.readString(onlyRunDir().resolve(".lock")).trim();
            return text.isEmpty() ? new String[0] : text.split("\\s+");
        } catch (java.nio.file.NoSuchFileException | java.util.NoSuchElementException e) {
            return new String[0];
        }
    }

    @Test
    void aStaleLockIsTakenOverAndSaid() throws Exception {
        Path dir = runWithAFailedCell();
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve(".lock"), gone.pid() + "\n");
        Result resumed = run("--resume", dir.toString());
        assertEquals(0, resumed.status(), resumed.output());
        assertTrue(resumed.output().contains("taking over the stale lock " + dir.resolve(".lock") + " (its PID(s) "
                + gone.pid() + " no longer run)"), resumed.output());
    }

    @Test
    void matrixRunnerStopsWhenItsParentIsKilled() throws Exception {
        Path log = tmp.resolve("runner.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A parent shell that is then killed outright, leaving MatrixRunner (an in-process JMH run) orphaned.
        String runner = String.join(" ", java, "--enable-native-access=ALL-UNNAMED", "-Djmh.ignoreLock=true",
                "-Dnumagen.exitWithParent=true", "-cp", System.getProperty("java.class.path"),
                MatrixRunner.class.getName(), "HarnessSelfTestBenchmark", "-f", "0", "-wi", "0", "-i", "1000", "-r",
                "1s", "-rf", "json", "-rff", tmp.resolve("r.json").toString());
        Files.createFile(log);
        Process shell = new ProcessBuilder("bash", "-c", runner + " >" + log + " 2>&1 & echo $!; wait").start();
        long runnerPid = Long.parseLong(new java.io.BufferedReader(new java.io.InputStreamReader(
                shell.getInputStream(), StandardCharsets.UTF_8)).readLine().trim());
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (!Files.readString(log).contains("Iteration")) {
                assertTrue(System.nanoTime() < deadline, "MatrixRunner did not start");
                Thread.sleep(100);
            }
            shell.destroyForcibly(); // SIGKILL: no trap runs
            ProcessHandle orphan = ProcessHandle.of(runnerPid).orElse(null);
            if (orphan != null) {
                assertTrue(orphan.onExit().get(30, TimeUnit.SECONDS) != null);
            }
            String text = Files.readString(log);
            assertTrue(text.contains("parent process " + shell.pid() + " is gone"), text);
        } finally { // never leave a benchmark running when the test fails
            ProcessHandle.of(runnerPid).ifPresent(ProcessHandle::destroyForcibly);
            shell.destroyForcibly();
        }
    }
}
