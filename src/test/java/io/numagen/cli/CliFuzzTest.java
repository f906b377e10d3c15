package io.numagen.cli;

import io.numagen.topology.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Random argument vectors (seeded, so a failure repeats) through {@link Main#run}: every one ends with exit status
 * 0, 1 or 2 and says why in a line, never with a stack trace or an exception's class name. The vocabulary keeps each
 * run small: sizes up to 1 MiB, no endless inputs (stdin, /dev/zero), no stdout output, the analysis commands on
 * paths that hold no results.
 */
class CliFuzzTest {
    private static final long SEED = 12L;
    private static final int VECTORS = 250;
    private static final Pattern EXCEPTION_NAME = Pattern.compile("\\b(java|javax|com|io)\\.[\\w.$]+"
            + "(Exception|Error)\\b");

    @TempDir
    Path tmp;

    @Test
    void randomArgumentVectorsExitZeroOneOrTwoWithoutAStackTrace() throws IOException {
        Path input = Files.write(tmp.resolve("input.bin"), new byte[10_000]);
        Path outFile = tmp.resolve("out.bin");
        List<String> commands = List.of("generate", "verify", "topology", "analyze", "compare", "merge", "help",
                "--help", "bogus", "");
        List<String> options = List.of("--size", "--dedup", "--compress", "--seed", "--threads", "--block-size",
                "--chunk", "--out", "--quiet", "--numa", "--pinning", "--first-touch", "--bind", "--json",
                "--sysfs-root", "--help", "--bogus", "--size=4KiB", "--seed=", "--");
        List<String> values = List.of("0", "-1", "1", "3", "1.5", "abc", "", " ", "4KiB", "64KiB", "1MiB", "4097",
                "9223372036854775807", "9223372036854775808", "1.0000000000000001", "1e3", "NaN", "Infinity", "auto",
                "force", "off", "on", "none", "scatter", "compact", "0", "0-1", "999", "0,,1", "/dev/null",
                "/dev/full", "/nonexistent/dir/file", tmp.toString(), outFile.toString(), input.toString(),
                Fixtures.root("2arm-2c").toString(), "\0", "☃", "--size");
        SplittableRandom random = new SplittableRandom(SEED);
        for (int v = 0; v < VECTORS; v++) {
            List<String> args = new ArrayList<>();
            args.add(commands.get(random.nextInt(commands.size())));
            if (args.get(0).equals("generate")) {
                // Never stdout: the test JVM's stdout is the test runner's channel (a second --out is a usage error).
                args.addAll(List.of("--out", outFile.toString()));
            }
            for (int n = random.nextInt(7); n > 0; n--) {
                List<String> from = random.nextInt(3) == 0 ? values : options;
                args.add(from.get(random.nextInt(from.size())));
            }
            if (args.get(0).equals("generate") && random.nextBoolean()) {
                args.addAll(List.of("--size", "64KiB")); // often valid, so the run itself is reached
            }
            CliTestSupport r = CliTestSupport.run(args.toArray(new String[0]));
            String what = "vector " + v + " (seed " + SEED + "): " + args + " -> " + r.status + "\n" + r.err;
            assertTrue(r.status == 0 || r.status == 1 || r.status == 2, what);
            assertFalse(r.err.contains("\tat ") || r.err.contains("internal error"), what);
            assertFalse(EXCEPTION_NAME.matcher(r.err).find(), what);
            if (r.status != 0) {
                assertFalse(r.err.isBlank(), what);
            }
        }
    }
}
