package io.numagen.metrics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FaultCostFactsTest {

    private static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    @Test
    void readsAVmWithAReportingBalloonAndDamon(@TempDir Path root) throws IOException {
        // As read off this project's CI VM (2026-12-02).
        write(root, "proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu vme sse2 hypervisor avx512f\n");
        write(root, "sys/module/page_reporting/parameters/page_reporting_order", "9\n");
        write(root, "sys/bus/virtio/drivers/virtio_balloon/virtio0/features",
                "0110010100000000000000000000000010000000000000000000000000000000\n");
        write(root, "sys/kernel/mm/damon/admin/kdamonds/0/state", "on\n");
        write(root, "sys/kernel/mm/damon/admin/kdamonds/0/contexts/0/operations", "paddr\n");
        FaultCostFacts f = FaultCostFacts.collect(root, List.of(0, 1), null);
        Map<String, Object> facts = f.facts();
        assertEquals(true, f.virtualised());
        assertEquals("cpuinfo flag 'hypervisor'", facts.get("virtualisedEvidence"));
        assertEquals(9, facts.get("pageReportingOrder"));
        assertEquals(List.of("virtio0: STATS_VQ,DEFLATE_ON_OOM,REPORTING,bit7,VERSION_1"),
                facts.get("balloonFeatures"));
        assertEquals(List.of("kdamond 0: on (paddr)"), facts.get("damon"));
        assertEquals(true, facts.get("damonRunning"));
        assertEquals(List.of(0, 1), facts.get("effectiveAffinity"));
        assertEquals(Set.of("dmiSystem"), f.unavailable().keySet(), "only DMI is missing here");
    }

    @Test
    void bareMetalSaysNotVirtualisedAndNamesWhatItCouldNotRead(@TempDir Path root) throws IOException {
        write(root, "proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu vme sse2 avx2\n");
        write(root, "sys/class/dmi/id/sys_vendor", "Dell Inc.\n");
        write(root, "sys/class/dmi/id/product_name", "PowerEdge R750\n");
        FaultCostFacts f = FaultCostFacts.collect(root, null, "sched_getaffinity failed: EPERM");
        assertEquals(false, f.virtualised());
        assertEquals("Dell Inc. PowerEdge R750", f.facts().get("dmiSystem"));
        for (String absent : List.of("pageReportingOrder", "balloonFeatures", "damon", "effectiveAffinity")) {
            assertFalse(f.facts().containsKey(absent), absent + " is absent, not 0 or false");
            assertFalse(f.unavailable().get(absent).isBlank(), absent + " has a reason");
        }
        assertEquals("sched_getaffinity failed: EPERM", f.unavailable().get("effectiveAffinity"));
        assertFalse(f.facts().containsKey("damonRunning"));
    }

    @Test
    void aMachineWithoutCpuinfoFlagsCannotTellVirtualisation(@TempDir Path root) throws IOException {
        write(root, "proc/cpuinfo", "processor\t: 0\nFeatures\t: fp asimd\n");
        FaultCostFacts f = FaultCostFacts.collect(root, List.of(0), null);
        assertNull(f.virtualised());
        assertTrue(f.unavailable().get("virtualised").contains("no flags line"));
        assertTrue(f.toMap().containsKey("unavailable"));
    }

    @Test
    void xenSaysSoWithoutTheCpuFlag(@TempDir Path root) throws IOException {
        write(root, "proc/cpuinfo", "processor\t: 0\nflags\t\t: fpu\n");
        write(root, "sys/hypervisor/type", "xen\n");
        FaultCostFacts f = FaultCostFacts.collect(root, List.of(0), null);
        assertEquals(true, f.virtualised());
        assertEquals("xen", f.facts().get("hypervisorType"));
    }
}
