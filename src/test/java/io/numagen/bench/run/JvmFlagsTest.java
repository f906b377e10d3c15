package io.numagen.bench.run;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JvmFlagsTest {
    private static final List<String> BASE = List.of("--enable-native-access=ALL-UNNAMED", "-Xmx1g");

    @Test
    void eachValueMapsToItsFlags() {
        assertEquals(List.of(), JvmFlags.flags("default"));
        assertEquals(List.of("-XX:+UseNUMA"), JvmFlags.flags("UseNUMA"));
        assertEquals(List.of("-XX:+AlwaysPreTouch"), JvmFlags.flags(" AlwaysPreTouch "));
        assertEquals(List.of("-XX:+UseNUMA", "-XX:+AlwaysPreTouch"), JvmFlags.flags("UseNUMA+AlwaysPreTouch"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> JvmFlags.flags("usenuma"));
        assertTrue(e.getMessage().contains("'usenuma'"), e.getMessage());
        assertTrue(e.getMessage().contains("default, UseNUMA, AlwaysPreTouch, UseNUMA+AlwaysPreTouch"), e.getMessage());
    }

    @Test
    void matrixRunnerAppendsTheRunsFlagsAndRejectsUnknownValues() {
        assertEquals(List.of(), MatrixRunner.jvmFlags(new MatrixRunner.Run("B.x", Map.of("size", "1MiB"))));
        assertEquals(List.of("-XX:+UseNUMA"),
                MatrixRunner.jvmFlags(new MatrixRunner.Run("B.x", Map.of("jvm", "UseNUMA"))));
        assertThrows(IllegalArgumentException.class,
                () -> MatrixRunner.jvmFlags(new MatrixRunner.Run("B.x", Map.of("jvm", "ZGC"))));
    }

    @Test
    void matchingJvmsPass() {
        assertNull(JvmFlags.mismatch("default", BASE, Map.of("UseNUMA", false, "AlwaysPreTouch", false)));
        assertNull(JvmFlags.mismatch("AlwaysPreTouch", plus("-XX:+AlwaysPreTouch"),
                Map.of("UseNUMA", false, "AlwaysPreTouch", true)));
        // HotSpot turns a requested UseNUMA off on one node: asked for, so this is the JVM the value names.
        assertNull(JvmFlags.mismatch("UseNUMA", plus("-XX:+UseNUMA"), Map.of("UseNUMA", false)));
        assertNull(JvmFlags.mismatch("UseNUMA+AlwaysPreTouch", plus("-XX:+AlwaysPreTouch", "-XX:+UseNUMA"),
                Map.of()));
        // The last -XX:±Name wins, as in HotSpot.
        assertNull(JvmFlags.mismatch("default", plus("-XX:+UseNUMA", "-XX:-UseNUMA"), Map.of()));
    }

    @Test
    void mismatchesNameTheFlag() {
        // Plain JMH: jvm=UseNUMA but nobody added the flag.
        String r = JvmFlags.mismatch("UseNUMA", BASE, Map.of("UseNUMA", false, "AlwaysPreTouch", false));
        assertEquals("jvm=UseNUMA names UseNUMA but the JVM arguments lack -XX:+UseNUMA", r);
        // Inherited from the host JVM (NUMAGEN_JAVA_OPTS) into a jvm=default fork.
        r = JvmFlags.mismatch("default", plus("-XX:+UseNUMA"), Map.of("UseNUMA", false));
        assertTrue(r.contains("UseNUMA is on (-XX:+UseNUMA among the JVM arguments) but jvm=default"), r);
        // On without a command-line flag (e.g. an options file): the effective value counts.
        r = JvmFlags.mismatch("UseNUMA", plus("-XX:+UseNUMA"), Map.of("UseNUMA", true, "AlwaysPreTouch", true));
        assertTrue(r.contains("AlwaysPreTouch is on (effective value true) but jvm=UseNUMA does not name it"), r);
        r = JvmFlags.mismatch("UseNUMA+AlwaysPreTouch", plus("-XX:+UseNUMA", "-XX:-AlwaysPreTouch"), Map.of());
        assertTrue(r.contains("lack -XX:+AlwaysPreTouch"), r);
        assertThrows(IllegalArgumentException.class, () -> JvmFlags.mismatch("numa", BASE, Map.of()));
    }

    @Test
    void thisJvmIsDefaultAndCheckSaysWhatIsWrong() {
        // The test JVM runs without the flags (surefire's argLine does not set them).
        assertEquals(Boolean.FALSE, JvmFlags.effective().get("AlwaysPreTouch"));
        JvmFlags.check("default");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> JvmFlags.check("UseNUMA+AlwaysPreTouch"));
        assertTrue(e.getMessage().contains("lack -XX:+UseNUMA"), e.getMessage());
        assertTrue(e.getMessage().contains("MatrixRunner"), e.getMessage());
        assertTrue(e.getMessage().contains("-jvmArgsAppend \"-XX:+UseNUMA -XX:+AlwaysPreTouch\""), e.getMessage());
    }

    private static List<String> plus(String... more) {
        List<String> l = new java.util.ArrayList<>(BASE);
        l.addAll(List.of(more));
        return l;
    }
}
