package io.numagen.metrics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PerfSnapshotTest {

    @Test
    void sumsThreadsAndScalesMultiplexedCounters() {
        PerfSnapshot before = new PerfSnapshot(Map.of(
                "cycles", Map.of(1, new PerfSample(100, 1000, 1000), 2, new PerfSample(0, 0, 0))), Map.of());
        PerfSnapshot after = new PerfSnapshot(Map.of(
                "cycles", Map.of(1, new PerfSample(1100, 2000, 2000), // ran all the time: +1000
                        2, new PerfSample(500, 1000, 250),           // ran a quarter: 500 * 4
                        3, new PerfSample(999, 10, 10))), Map.of());  // new thread: not in the interval
        PerfCount c = after.since(before).get("cycles");
        assertTrue(c.available());
        assertTrue(c.scaled());
        assertEquals(3000.0, c.value(), 1e-9);
    }

    @Test
    void neverScheduledIsUnavailableNotZero() {
        PerfSnapshot before = new PerfSnapshot(Map.of("cycles", Map.of(1, new PerfSample(0, 0, 0))), Map.of());
        PerfSnapshot after = new PerfSnapshot(Map.of("cycles", Map.of(1, new PerfSample(0, 500, 0))), Map.of());
        PerfCount c = after.since(before).get("cycles");
        assertFalse(c.available());
        assertTrue(Double.isNaN(c.value()));
    }

    @Test
    void unopenedEventsStayUnavailableWithTheirReason() {
        PerfSnapshot s = new PerfSnapshot(Map.of("task-clock", Map.of(1, new PerfSample(5, 5, 5))),
                Map.of("cycles", "ENOENT (2): No such file or directory"));
        Map<String, PerfCount> counts = s.since(s);
        assertEquals(0.0, counts.get("task-clock").value());
        assertTrue(counts.get("task-clock").available());
        assertEquals("ENOENT (2): No such file or directory", counts.get("cycles").unavailableReason());
    }

    @Test
    void eventDefinitionsMatchThePerfAbi() {
        PerfEventDef tc = PerfEventDef.byName("task-clock");
        assertEquals(PerfEventDef.TYPE_SOFTWARE, tc.type());
        assertEquals(1, tc.config());
        assertEquals("ns", tc.unit());
        assertEquals(0, PerfEventDef.byName("cycles").config());
        assertEquals(PerfEventDef.TYPE_HARDWARE, PerfEventDef.byName("instructions").type());
        PerfEventDef nodeMiss = PerfEventDef.byName("node-load-misses");
        assertEquals(PerfEventDef.TYPE_HW_CACHE, nodeMiss.type());
        assertEquals(6 | 1 << 16, nodeMiss.config());
        assertEquals(6, PerfEventDef.byName("node-loads").config());
        assertEquals(List.of("task-clock", "page-faults"),
                PerfEventDef.parseList(" task-clock,page-faults,task-clock,").stream().map(PerfEventDef::name).toList());
        assertThrows(IllegalArgumentException.class, () -> PerfEventDef.parseList(","));
    }
}
