package io.numagen.nativeio;

import io.numagen.testing.FreshThread;
import io.numagen.testing.LiveMachine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class AffinityTest {

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Kernel.UNAVAILABLE == null, Kernel.UNAVAILABLE);
    }

    @Test
    void allowedCpusMatchTheJvmsView() {
        List<Integer> cpus = Affinity.current().orThrow();
        assertEquals(Runtime.getRuntime().availableProcessors(), cpus.size(), "allowed CPUs " + cpus);
        assertTrue(Affinity.cpuIdLimit().orThrow() > cpus.get(cpus.size() - 1));
    }

    @Test
    void pinningToEachAllowedCpuIsWhereGetcpuThenFindsTheThread() throws Exception {
        List<Integer> allowed = Affinity.current().orThrow();
        FreshThread.run(() -> {
            for (int cpu : allowed) {
                assertEquals(List.of(cpu), Affinity.pin(cpu).orThrow());
                CpuLocation at = Affinity.location().orThrow();
                assertEquals(cpu, at.cpu());
                assertEquals(LiveMachine.nodeOfCpu(cpu), at.node(), "node of CPU " + cpu);
            }
        });
    }

    @Test
    void pinningToASetRoundTripsThroughGetaffinity() throws Exception {
        List<Integer> allowed = Affinity.current().orThrow();
        FreshThread.run(() -> {
            assertEquals(List.of(allowed.get(0)), Affinity.pin(allowed.get(0)).orThrow());
            assertEquals(allowed, Affinity.pin(allowed).orThrow());
            assertEquals(allowed, Affinity.current().orThrow());
        });
    }

    @Test
    void cpuIdsOutsideTheKernelsRangeAreRejectedByValue() {
        int limit = Affinity.cpuIdLimit().orThrow();
        for (int bad : new int[] {99999, -1, limit}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Affinity.pin(bad));
            assertTrue(e.getMessage().startsWith("cpu " + bad + " is outside")
                    && e.getMessage().contains("0.." + (limit - 1)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> Affinity.pin(List.of()));
    }

    @Test
    void aCpuTheKernelCouldHaveButThisMachineLacksFailsWithErrno() throws Exception {
        int absent = Affinity.current().orThrow().get(Affinity.current().orThrow().size() - 1) + 1;
        assumeTrue(absent < Affinity.cpuIdLimit().orThrow());
        FreshThread.run(() -> {
            NativeResult<List<Integer>> result = Affinity.pin(absent);
            assertFalse(result.isOk());
            assertTrue(result.failure().contains("cpus " + absent) && result.failure().contains("EINVAL"),
                    result.failure());
        });
    }
}
