package io.numagen.cli;

import io.numagen.testing.SimulatedPlatform;
import io.numagen.topology.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Kernel failures injected through a simulated two-node machine reach the user of {@code generate} as one line naming
 * the call and errno, exit status 1, no stack trace and no output file.
 */
class InjectedFaultsTest {
    private static final int EPERM = 1;
    private static final int ENOMEM = 12;
    private static final int EINVAL = 22;

    private final SimulatedPlatform platform = new SimulatedPlatform(Fixtures.read("32em64t-2n8c+dax+nvme+mic+dimms"));

    private CliTestSupport generate(Path out, String... extra) {
        List<String> args = new java.util.ArrayList<>(List.of("generate", "--size", "4MiB", "--seed", "1",
                "--threads", "2", "--block-size", "64KiB", "--quiet", "--out", out.toString()));
        args.addAll(List.of(extra));
        return CliTestSupport.run(List.of(new GenerateCommand(platform)), args.toArray(String[]::new));
    }

    private static void assertCleanFailure(CliTestSupport r, String message, Path out) {
        assertEquals(1, r.status, r.err);
        assertTrue(r.err.startsWith("numagen generate: ") && r.err.contains(message), r.err);
        assertEquals(1, r.err.lines().count(), "one line, no stack trace: " + r.err);
        assertFalse(Files.exists(out), "no output file when nothing was generated");
    }

    @Test
    void theSimulatedMachineGeneratesWhenNothingFails(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("data");
        CliTestSupport r = generate(out, "--bind");
        assertEquals(0, r.status, r.err);
        assertEquals(4L << 20, Files.size(out));
    }

    @Test
    void mmapOutOfMemory(@TempDir Path dir) {
        platform.failMap(ENOMEM);
        Path out = dir.resolve("data");
        assertCleanFailure(generate(out), "mmap of 4194304 bytes failed: ENOMEM (12): Cannot allocate memory", out);
    }

    @Test
    void mbindRefused(@TempDir Path dir) {
        for (int errno : new int[] {EINVAL, EPERM}) {
            platform.failMbind(errno);
            Path out = dir.resolve("data" + errno);
            assertCleanFailure(generate(out, "--bind"), errno == EINVAL
                    ? "failed: EINVAL (22): Invalid argument" : "failed: EPERM (1): Operation not permitted", out);
            assertTrue(generate(out, "--bind").err.matches("numagen generate: mbind\\(BIND [01], \\d+ bytes at 0x"
                    + "[0-9a-f]+\\) failed: .*\\R"), "names the call, its node and range");
        }
    }

    @Test
    void pinningRefused(@TempDir Path dir) {
        platform.failPin(EINVAL);
        Path out = dir.resolve("data");
        assertCleanFailure(generate(out), "worker 0 failed to start: sched_setaffinity(cpus [0]) failed: EINVAL", out);
    }

    @Test
    void aCpuOutsideTheAllowedSetIsAUsageError(@TempDir Path dir) {
        CliTestSupport r = generate(dir.resolve("data"), "--pinning", "0,99");
        assertEquals(2, r.status, r.err);
        assertEquals(1, r.err.lines().count(), r.err);
    }
}
