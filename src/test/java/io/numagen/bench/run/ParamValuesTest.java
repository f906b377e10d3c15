package io.numagen.bench.run;

import io.numagen.bench.NumaMatrixBenchmark;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 12 item 3: parameter typos are refused before anything runs, under MatrixRunner and under plain JMH. */
class ParamValuesTest {

    @Test
    void typosAreRefusedNamingTheParamAndTheAllowedValues() {
        assertEquals("buffer=bogus: allowed: heap, offheap", ParamValues.invalid("buffer", "bogus"));
        assertEquals("allocation=bogus: allowed: bind, default", ParamValues.invalid("allocation", "bogus"));
        assertEquals("firstTouch=maybe: allowed: false, true", ParamValues.invalid("firstTouch", "maybe"));
        assertEquals("threads=0: allowed: 1..4096, half, all or max", ParamValues.invalid("threads", "0"));
        assertTrue(ParamValues.invalid("size", "abc").startsWith("size=abc: size 'abc' is not a byte count"));
        assertTrue(ParamValues.invalid("compress", "1000").startsWith("compress=1000: compress ratio must be a number "
                + "from 1 to"), ParamValues.invalid("compress", "1000"));
        assertTrue(ParamValues.invalid("dedup", "x").startsWith("dedup=x: allowed: a number"));
        assertTrue(ParamValues.invalid("jvm", "UseNuma").contains("allowed: default, UseNUMA"));
        assertTrue(ParamValues.invalid("numaMode", "SOMETIMES").contains("auto, force, off"));
        assertEquals("writerNode=-1: allowed: a node number 0, 1, ...", ParamValues.invalid("writerNode", "-1"));
    }

    @Test
    void theBenchmarksOwnValuesAndUnknownParamsPass() {
        assertEquals(List.of(), ParamValues.invalidValues(Map.ofEntries(Map.entry("threads", List.of("1", "half", "all", "max", "7")),
                Map.entry("numaMode", List.of("OFF", "AUTO", "FORCE")),
                Map.entry("pinning", List.of("none", "scatter", "compact", "0,2-3")),
                Map.entry("firstTouch", List.of("false", "true")), Map.entry("allocation", List.of("default", "bind")),
                Map.entry("buffer", List.of("offheap", "heap")), Map.entry("size", List.of("64MiB", "4096")),
                Map.entry("compress", List.of("1", "2.5", "4")), Map.entry("dedup", List.of("1", "2")),
                Map.entry("jvm", List.of("default", "UseNUMA+AlwaysPreTouch")),
                Map.entry("kernel", List.of("auto", "scalar", "vector")))));
        assertNull(ParamValues.invalid("somethingElse", "anything"));
    }

    @Test
    void matrixRunnerRefusesBadValuesBeforeItsDryRunListsThem() throws Exception {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream saved = System.err;
        int status;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            status = MatrixRunner.run(new String[] {"NumaMatrixBenchmark", "-p", "threads=0", "-p", "size=abc",
                "-p", "compress=1000", "-p", "numaMode=OFF"});
        } finally {
            System.setErr(saved);
        }
        String text = err.toString(StandardCharsets.UTF_8);
        assertEquals(2, status, text);
        assertTrue(text.contains("invalid parameter value threads=0: allowed: 1..4096"), text);
        assertTrue(text.contains("invalid parameter value size=abc"), text);
        assertTrue(text.contains("invalid parameter value compress=1000"), text);
        assertFalse(text.contains("\tat "), text);
    }

    @Test
    void plainJmhSetupFailsFastOnATypo() {
        NumaMatrixBenchmark b = new NumaMatrixBenchmark();
        b.threads = "1";
        b.numaMode = "OFF";
        b.pinning = "none";
        b.firstTouch = "false";
        b.allocation = "default";
        b.dedup = 1;
        b.compress = 1;
        b.size = "4MiB";
        b.buffer = "bogus";
        b.jvm = "default";
        b.kernel = "vector";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, b::setUp);
        assertEquals("invalid benchmark parameter buffer=bogus: allowed: heap, offheap", e.getMessage());
    }
}
