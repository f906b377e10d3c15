package io.numagen.metrics;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VmStatTest {

    @Test
    void keepsOnlyFaultAndNumaCountersAndGivesDeltas() {
        VmStat a = VmStat.parse("nr_free_pages 100\nnuma_hit 10\nthp_fault_alloc 3\nthp_fault_fallback 0\n"
                + "numa_local x\n");
        VmStat b = VmStat.parse("nr_free_pages 90\nnuma_hit 25\nthp_fault_alloc 35\nthp_fault_fallback 0\n"
                + "numa_other 4\n");
        assertEquals(Map.of("numa_hit", 10L, "thp_fault_alloc", 3L, "thp_fault_fallback", 0L), a.counters(),
                "a malformed line is left out, not read as 0");
        assertEquals(Map.of("numa_hit", 15L, "thp_fault_alloc", 32L, "thp_fault_fallback", 0L), b.since(a),
                "a counter only one side has gives no delta");
    }

    @Test
    void readsThisMachinesCounters() throws Exception {
        VmStat v = VmStat.read(Path.of("/proc"));
        assertTrue(v.counters().containsKey("numa_hit"), v.counters().toString());
    }
}
