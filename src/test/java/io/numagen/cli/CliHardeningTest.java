package io.numagen.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One test per defect of issue 12's sweep that the CLI owns (items 5, 6 and 7). */
class CliHardeningTest {

    private static void assertUsage(CliTestSupport r, String... expected) {
        assertEquals(2, r.status, r.err);
        for (String e : expected) {
            assertTrue(r.err.contains(e), () -> "expected '" + e + "' in: " + r.err);
        }
        assertFalse(r.err.contains("\tat "), r.err);
    }

    @Test
    void repeatedOptionIsRefusedNamingBothValues() {
        assertUsage(CliTestSupport.run("generate", "--size", "4KiB", "--seed", "1", "--seed", "2"),
                "option --seed given twice ('1' and '2')");
    }

    @Test
    void explicitCpuListIsCheckedEvenWhereAutoAppliesNothing() {
        assertUsage(CliTestSupport.run("generate", "--size", "4KiB", "--numa", "auto", "--pinning", "999",
                "--out", "/dev/null"), "CPU 999 is not allowed");
    }

    @Test
    void sizesBeyondALongOrWithFractionalBytesAreRefused() {
        assertUsage(CliTestSupport.run("generate", "--size", "9223372036854775808"), "--size",
                "9223372036854775808");
        assertUsage(CliTestSupport.run("generate", "--size", "1.0000000000000001"), "--size", "1.0000000000000001");
        assertUsage(CliTestSupport.run("generate", "--size", "8EiB"), "--size", "8EiB");
    }

    @Test
    void zeroChunkAndBlockSizeNameTheirOption() {
        assertUsage(CliTestSupport.run("generate", "--size", "4KiB", "--chunk", "0"), "--chunk", "got '0'");
        assertUsage(CliTestSupport.run("generate", "--size", "4KiB", "--block-size", "0"), "--block-size",
                "got '0'");
    }

    @Test
    void fileSystemFailuresNameTheFileAndTheReason(@TempDir Path dir) throws IOException {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        CliTestSupport r = CliTestSupport.run("analyze", "notebooks/example-synthetic-2node/synth-2node/"
                + "20260101T000000Z", "--out", notADirectory.resolve("sub").toString());
        assertEquals(1, r.status, r.err);
        assertTrue(r.err.matches("(?s)numagen analyze: .*plain-file.*: .*\\S.*"), r.err);
        assertFalse(r.err.trim().endsWith(notADirectory.resolve("sub").toString()), r.err);
    }

    @Test
    void everyThrowableBecomesOneLineAndAnExitStatus() {
        Failures.Outcome oom = Failures.of(new IllegalStateException("worker 1 failed",
                new OutOfMemoryError("Cannot reserve 1073741824 bytes of direct buffer memory")));
        assertEquals(1, oom.status());
        assertTrue(oom.message().startsWith("out of memory: Cannot reserve 1073741824 bytes"), oom.message());
        assertTrue(oom.message().contains("--block-size"), oom.message());
        assertEquals(2, Failures.of(new IllegalArgumentException("bad")).status());
        Failures.Outcome io = Failures.of(new UncheckedIOException(new NoSuchFileException("/x/y")));
        assertEquals(new Failures.Outcome("/x/y: no such file or directory", 1), io);
        Failures.Outcome npe = Failures.of(new NullPointerException());
        assertEquals(new Failures.Outcome("NullPointerException", 1), npe);
        Failures.Outcome error = Failures.of(new StackOverflowError());
        assertEquals(1, error.status());
        assertTrue(error.message().startsWith("internal error"), error.message());
    }

    @Test
    void directBufferExhaustionIsAMessageNotAStackTrace(@TempDir Path dir) throws Exception {
        Process p = java(List.of("-XX:MaxDirectMemorySize=16m"), dir.resolve("err"), "generate", "--size", "64MiB", "--block-size",
                "32MiB", "--threads", "1", "--out", "/dev/null", "--quiet");
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        String err = Files.readString(dir.resolve("err"));
        assertEquals(1, p.exitValue(), err);
        assertTrue(err.contains("out of memory:"), err);
        assertFalse(err.contains("\tat "), err);
    }

    @Test
    void interruptedGenerateSaysHowFarItGotAndLeavesNoPartialFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("data.bin");
        Files.writeString(out, "previous content");
        Path errFile = Files.createTempFile("numagen-interrupted", ".err");
        Process p = java(List.of(), errFile, "generate", "--size", "1TiB", "--threads", "1", "--chunk", "1MiB", "--out",
                out.toString(), "--quiet");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (partials(dir).isEmpty() || Files.size(partials(dir).get(0)) == 0) {
            assertTrue(p.isAlive() && System.nanoTime() < deadline, "no partial file appeared");
            Thread.sleep(20);
        }
        p.destroy(); // SIGTERM
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        String err = Files.readString(errFile);
        Files.delete(errFile);
        assertTrue(err.matches("(?s).*interrupted after .* of 1099511627776 bytes\\); the partial output was "
                + "removed and .*data.bin left as it was.*"), err);
        assertEquals("previous content", Files.readString(out));
        assertEquals(List.of(), partials(dir));
    }

    @Test
    void completedGenerateLeavesOnlyTheTarget(@TempDir Path dir) throws IOException {
        Path out = dir.resolve("data.bin");
        assertEquals(0, CliTestSupport.run("generate", "--size", "1MiB", "--out", out.toString(), "--quiet").status);
        assertEquals(1L << 20, Files.size(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    private static List<Path> partials(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".partial")).toList();
        }
    }

    private static Process java(List<String> jvmArgs, Path stderr, String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("--enable-native-access=ALL-UNNAMED");
        cmd.addAll(jvmArgs);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(Main.class.getName());
        cmd.addAll(List.of(args));
        return new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(stderr.toFile()).start();
    }
}
