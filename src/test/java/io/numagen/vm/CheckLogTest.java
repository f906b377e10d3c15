package io.numagen.vm;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CheckLogTest {

    @Test
    void linesAndSummaryInTheFormatCiReads() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CheckLog log = new CheckLog(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        log.run("good", () -> "all\nfine");
        log.run("wrong", () -> {
            CheckLog.requireNone(List.of("a", "b"));
            return "unreachable";
        });
        log.run("missing", () -> {
            throw new CheckLog.Skip("no numastat");
        });
        log.run("broken", () -> {
            throw new IllegalStateException("boom");
        });
        log.info("report line 1\nline 2");
        assertEquals("PASS good: all | fine\nFAIL wrong: a; b\nSKIP missing: no numastat\n"
                + "FAIL broken: threw java.lang.IllegalStateException: boom\n  | report line 1\n  | line 2\n",
                bytes.toString(StandardCharsets.UTF_8));
        assertEquals("1 passed, 2 failed", log.summary());
        assertEquals(List.of("wrong", "broken"), log.failedNames());
        assertEquals(1, log.skipped());
    }

    @Test
    void optionsPickTheGroupsThatApply() {
        NumaVmChecks.Options two = NumaVmChecks.Options.parse(new String[] {"--expect-nodes", "2"});
        assertEquals(Set.of("topology", "pinning", "placement", "contrast", "bind", "numastat"), two.groups);
        assertEquals(64, two.sizeMiB);
        NumaVmChecks.Options ml = NumaVmChecks.Options.parse(new String[] {"--expect-nodes", "2",
                "--expect-memoryless", "--checks", "topology,memoryless", "--size-mib", "32"});
        assertEquals(List.of("topology", "memoryless"), List.copyOf(ml.groups));
        assertEquals(2, ml.expected.memorylessNode());
        NumaVmChecks.Options bound = NumaVmChecks.Options.parse(new String[] {"--expect-nodes", "2",
                "--bound-node", "1"});
        assertEquals(Set.of("numactl"), bound.groups);
        assertThrows(IllegalArgumentException.class, () -> NumaVmChecks.Options.parse(new String[0]));
        assertThrows(IllegalArgumentException.class, () -> NumaVmChecks.Options.parse(
                new String[] {"--expect-nodes", "2", "--checks", "speed"}));
        assertThrows(IllegalArgumentException.class, () -> NumaVmChecks.Options.parse(
                new String[] {"--expect-nodes"}));
    }
}
