package io.numagen.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerateVerifyCommandTest {

    @Test
    void generatedFileVerifiesToTheRequestedRatios(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("data.bin");
        CliTestSupport gen = CliTestSupport.run("generate", "--size", "64MiB", "--dedup", "2", "--compress", "3",
                "--seed", "42", "--threads", "2", "--chunk", "5MiB", "--out", file.toString(), "--quiet");
        assertEquals(0, gen.status, gen.err);
        assertEquals(64L << 20, Files.size(file));
        assertTrue(gen.out.contains("seed 42, dedup 2, compress 3"), gen.out);

        CliTestSupport verify = CliTestSupport.run("verify", file.toString());
        assertEquals(0, verify.status, verify.err);
        assertTrue(verify.out.contains("64 blocks of 1.00 MiB"), verify.out);
        assertTrue(verify.out.contains("dedup ratio:  2.0000 (32 distinct blocks)"), verify.out);
        double zstd = Double.parseDouble(verify.out.replaceAll("(?s).*zstd ratio:\\s+([0-9.]+).*", "$1"));
        assertEquals(3, zstd, 0.3);
    }

    @Test
    void verifyUsesTheThreadsStopsAtMaxBytesAndSaysItsSpeed() {
        // /dev/zero never ends: --max-bytes does; 2.5 blocks give two full ones and a half one.
        CliTestSupport r = CliTestSupport.run("verify", "/dev/zero", "--max-bytes", "160KiB", "--block-size",
                "64KiB", "--threads", "3", "--quiet");
        assertEquals(0, r.status, r.err);
        assertTrue(r.out.contains("/dev/zero, 160.00 KiB (163840 bytes), 3 blocks of 64.00 KiB (stopped at"
                + " --max-bytes)"), r.out);
        assertTrue(r.out.matches("(?s).*time: +[0-9.]+ s, [0-9.]+ GB/s, 3 threads\n.*"), r.out);
        assertTrue(r.out.contains("dedup ratio:  1.5000 (2 distinct blocks)"), r.out);
        assertTrue(r.err.isEmpty(), r.err);

        r = CliTestSupport.run("verify", "/dev/zero", "--max-bytes", "0");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("got '0'"), r.err);
        // 64 threads x (a 1 GiB block + its compression buffer) cannot fit this JVM's heap: said before reading.
        r = CliTestSupport.run("verify", "/dev/zero", "--block-size", "1GiB", "--threads", "64");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("--block-size 1.00 GiB with 64 threads needs about 128."), r.err);
    }

    @Test
    void sameSeedSameFileWhateverTheThreadsAndChunks(@TempDir Path dir) throws Exception {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, CliTestSupport.run("generate", "--size", "3000000", "--seed", "9", "--threads", "1",
                "--out", a.toString(), "--quiet").status);
        assertEquals(0, CliTestSupport.run("generate", "--size", "3000000", "--seed", "9", "--threads", "3",
                "--chunk", "77777", "--out", b.toString(), "--quiet").status);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
    }

    @Test
    void partsConcatenateToTheOneShotOutput(@TempDir Path dir) throws Exception {
        // Dedup and compress make blocks depend on other blocks; a size that is no whole number of blocks and more
        // parts than blocks (empty parts) are the edge cases.
        String[][] cases = {{"3000000", "1", "1", "3", "64KiB"}, {"9000000", "3", "2.5", "4", "1MiB"},
                {"5000", "2", "2", "3", "4KiB"}};
        for (String[] c : cases) {
            Path whole = dir.resolve("whole");
            String[] common = {"--size", c[0], "--dedup", c[1], "--compress", c[2], "--block-size", c[4],
                    "--seed", "77", "--threads", "2", "--quiet"};
            assertEquals(0, CliTestSupport.run(concat(new String[] {"generate", "--out", whole.toString()}, common))
                    .status);
            int n = Integer.parseInt(c[3]);
            java.io.ByteArrayOutputStream joined = new java.io.ByteArrayOutputStream();
            for (int k = 0; k < n; k++) {
                Path part = dir.resolve("part" + k);
                CliTestSupport r = CliTestSupport.run(concat(new String[] {"generate", "--out", part.toString(),
                        "--part", k + "/" + n, "--chunk", "100000"}, common));
                assertEquals(0, r.status, r.err);
                assertTrue(r.out.contains("part " + k + "/" + n + ": bytes "), r.out);
                joined.write(Files.readAllBytes(part));
            }
            assertArrayEquals(Files.readAllBytes(whole), joined.toByteArray(), String.join(" ", c));
        }
    }

    private static String[] concat(String[] a, String[] b) {
        String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }

    @Test
    void badPartsExitTwo() {
        CliTestSupport r = CliTestSupport.run("generate", "--size", "1MiB", "--seed", "1", "--part", "2/2",
                "--out", "/dev/null");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("--part must be K/N with N from 1 to 1048576 and K from 0 to N-1, got '2/2'"),
                r.err);
        r = CliTestSupport.run("generate", "--size", "1MiB", "--part", "0/2", "--out", "/dev/null");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("--part needs --seed"), r.err);
    }

    @Test
    void seedFromEntropyIsReported(@TempDir Path dir) {
        CliTestSupport gen = CliTestSupport.run("generate", "--size", "8KiB", "--out", dir.resolve("x").toString());
        assertEquals(0, gen.status, gen.err);
        assertTrue(gen.out.matches("(?s).*seed -?\\d+ \\(from entropy\\).*"), gen.out);
    }

    @Test
    void badValuesExitTwoNamingTheValue() {
        CliTestSupport r = CliTestSupport.run("generate", "--size", "10GiB", "--compress", "0.9", "--out", "/dev/null");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("compress ratio must be a number from 1 to 44.2 for 1048576-byte blocks "
                + "(N:1; fractions allowed; "
                + "the most zstd level 3 makes of this data at that block size, 44.4 for 4 MiB and larger), got 0.9"),
                r.err);
        r = CliTestSupport.run("generate", "--size", "1MiB", "--threads", "0");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("threads must be in 1..4096, got 0"), r.err);
        r = CliTestSupport.run("generate", "--size", "1MiB", "--block-size", "1000");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("block size must be a multiple of 4 KiB from 4096 to 1073741824 bytes, got 1000"),
                r.err);
        r = CliTestSupport.run("generate", "--siz", "1MiB");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("unknown option --siz"), r.err);
        r = CliTestSupport.run("generate");
        assertEquals(2, r.status);
        assertTrue(r.err.contains("--size is required"), r.err);
    }

    @Test
    void unwritableOutputAndUnreadableInputFailCleanly(@TempDir Path dir) throws Exception {
        CliTestSupport r = CliTestSupport.run("generate", "--size", "1MiB", "--out",
                dir.resolve("missing/dir/file").toString());
        assertEquals(1, r.status);
        assertTrue(r.err.contains("cannot open " + dir.resolve("missing/dir/file") + " for writing: no such file"),
                r.err);
        r = CliTestSupport.run("verify", dir.resolve("nope").toString());
        assertEquals(1, r.status);
        assertTrue(r.err.contains("cannot read " + dir.resolve("nope") + ": no such file"), r.err);
        Path empty = Files.createFile(dir.resolve("empty"));
        r = CliTestSupport.run("verify", empty.toString());
        assertEquals(1, r.status);
        assertTrue(r.err.contains(empty + " is empty: nothing to measure"), r.err);
    }

    @Test
    void fullDiskStopsWithAMessage() {
        // /dev/full accepts the open and fails every write with ENOSPC.
        CliTestSupport r = CliTestSupport.run("generate", "--size", "4MiB", "--out", "/dev/full", "--quiet");
        assertEquals(1, r.status);
        assertTrue(r.err.contains("writing to /dev/full failed after 0 bytes: No space left on device"), r.err);
    }
}
