package io.numagen.nativeio;

import io.numagen.testing.FreshThread;
import io.numagen.testing.LiveMachine;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The policy system calls on the live machine, expecting what its topology (sysfs, /proc) says: 1, 2, 4 nodes. */
class NumaTest {
    private static final long PAGE = 4096;
    private static final List<Integer> MEMORY_NODES = LiveMachine.MEMORY_NODES;
    private static final int FIRST = MEMORY_NODES.get(0);

    @BeforeAll
    static void linuxOnly() {
        assumeTrue(Kernel.UNAVAILABLE == null, Kernel.UNAVAILABLE);
    }

    @Test
    void theKernelsNodeIdsAndAllowedNodesAreWhatSysfsSays() {
        assertEquals(LiveMachine.nodeIdLimit(), Numa.nodeIdLimit().orThrow());
        assertEquals(LiveMachine.TOPOLOGY.allowedMemoryNodes().stream().boxed().toList(), Numa.allowedNodes().orThrow());
    }

    @Test
    void nodeIdsOutsideTheKernelsRangeAreRejectedByValue() {
        int limit = LiveMachine.nodeIdLimit();
        for (int bad : new int[] {limit + 998, -1, limit}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Numa.mbind(0, PAGE, MemoryPolicy.bind(bad), 0));
            assertTrue(e.getMessage().startsWith("node " + bad + " is outside")
                    && e.getMessage().contains("0.." + (limit - 1)), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class,
                () -> Numa.setThreadPolicy(MemoryPolicy.preferred(limit + 998)));
    }

    @Test
    void mbindToEachMemoryNodePlacesPagesThere() {
        for (int node : MEMORY_NODES) {
            long address = Mmap.map(4 * PAGE);
            try {
                assertNull(Numa.mbind(address, 4 * PAGE, MemoryPolicy.bind(node), Numa.MF_STRICT | Numa.MF_MOVE)
                        .failure());
                Mmap.view(address, (int) (4 * PAGE)).put(0, (byte) 1);
                assertEquals(node, Numa.nodeOf(address).orThrow());
            } finally {
                Mmap.unmap(address, 4 * PAGE);
            }
        }
    }

    @Test
    void everyPolicyModeMbindSetsIsWhatTheRangeReportsAfterwards() {
        long address = Mmap.map(8 * PAGE);
        try {
            assertEquals(MemoryPolicy.systemDefault(), Numa.rangePolicy(address).orThrow());
            for (MemoryPolicy policy : List.of(MemoryPolicy.bind(FIRST), MemoryPolicy.preferred(FIRST),
                    MemoryPolicy.interleave(MEMORY_NODES), MemoryPolicy.systemDefault())) {
                assertNull(Numa.mbind(address, 8 * PAGE, policy, Numa.MF_MOVE).failure(), policy.toString());
                assertEquals(policy, Numa.rangePolicy(address + PAGE).orThrow());
            }
        } finally {
            Mmap.unmap(address, 8 * PAGE);
        }
    }

    @Test
    void mbindOfAnUnalignedAddressFailsWithEinval() {
        long address = Mmap.map(2 * PAGE);
        try {
            NativeResult<Void> result = Numa.mbind(address + 1, PAGE, MemoryPolicy.bind(FIRST), 0);
            assertFalse(result.isOk());
            assertTrue(result.failure().startsWith("mbind(BIND " + FIRST + ", 4096 bytes at 0x")
                    && result.failure().contains("EINVAL (22): Invalid argument"), result.failure());
        } finally {
            Mmap.unmap(address, 2 * PAGE);
        }
    }

    @Test
    void threadPolicyReadsBackWhatWasSet() throws Exception {
        FreshThread.run(() -> {
            assertEquals(MemoryPolicy.systemDefault(), Numa.threadPolicy().orThrow());
            assertTrue(Numa.setThreadPolicy(MemoryPolicy.bind(FIRST)).isOk());
            assertEquals(MemoryPolicy.bind(FIRST), Numa.threadPolicy().orThrow());
            assertTrue(Numa.setThreadPolicy(MemoryPolicy.interleave(MEMORY_NODES)).isOk());
            assertEquals(MemoryPolicy.interleave(MEMORY_NODES), Numa.threadPolicy().orThrow());
            assertTrue(Numa.setThreadPolicy(MemoryPolicy.systemDefault()).isOk());
            assertEquals(MemoryPolicy.Mode.DEFAULT, Numa.threadPolicy().orThrow().mode());
        });
    }

    @Test
    void policiesRejectNodeListsTheirModeCannotTake() {
        assertThrows(IllegalArgumentException.class, () -> new MemoryPolicy(MemoryPolicy.Mode.BIND, List.of()));
        assertThrows(IllegalArgumentException.class,
                () -> new MemoryPolicy(MemoryPolicy.Mode.DEFAULT, List.of(0)));
        assertEquals("INTERLEAVE 0-2", MemoryPolicy.interleave(List.of(2, 0, 1)).toString());
    }
}
