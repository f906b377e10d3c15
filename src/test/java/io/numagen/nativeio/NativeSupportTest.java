package io.numagen.nativeio;

import io.numagen.testing.LiveMachine;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class NativeSupportTest {

    @Test
    void probeReportsEveryFeatureWithADetail() {
        NativeSupport support = NativeSupport.probe();
        assertEquals(NativeSupport.Feature.values().length, support.capabilities().size());
        String text = support.render();
        for (NativeSupport.Capability c : support.capabilities()) {
            assertTrue(c.detail() != null && !c.detail().isEmpty(), c.toString());
        }
        assertTrue(text.contains("memory policy: "), text);
    }

    @Test
    void everythingWorksOnThisLinuxMachine() {
        assumeTrue(Kernel.UNAVAILABLE == null, Kernel.UNAVAILABLE);
        NativeSupport support = NativeSupport.probe();
        for (NativeSupport.Feature f : NativeSupport.Feature.values()) {
            assertTrue(support.available(f), support.render());
        }
        assertTrue(support.render().contains("allowed nodes " + LiveMachine.TOPOLOGY.allowedMemoryNodes()
                + " of node ids 0.." + (LiveMachine.nodeIdLimit() - 1)), support.render());
    }

    @Test
    void hugePageAdviceAndPageSizeWork() {
        assumeTrue(Kernel.UNAVAILABLE == null, Kernel.UNAVAILABLE);
        long page = Mmap.pageSize().orThrow();
        assertEquals(0, page & (page - 1), "page size is a power of two: " + page);
        long address = Mmap.map(4 << 20);
        try {
            assertTrue(Mmap.adviseHugePages(address, 4 << 20, true).isOk());
            assertTrue(Mmap.adviseHugePages(address, 4 << 20, false).isOk());
            assertTrue(Mmap.adviseHugePages(address + 1, 4 << 20, true).failure().contains("EINVAL"));
        } finally {
            Mmap.unmap(address, 4 << 20);
        }
    }
}
