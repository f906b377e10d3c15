package io.numagen.nativeio;

import java.util.List;

/**
 * Makes every public native call once and prints each outcome's kind and reason, then the support summary: run in a
 * JVM that believes it is on another OS or architecture by {@link NonLinuxTest}.
 */
public final class EveryCallOnce {
    private EveryCallOnce() {
    }

    public static void main(String[] args) {
        List<NativeResult<?>> results = List.of(Affinity.current(), Affinity.pin(0), Affinity.location(),
                Affinity.cpuIdLimit(), Numa.nodeIdLimit(), Numa.allowedNodes(), Numa.threadPolicy(),
                Numa.rangePolicy(0), Numa.nodeOf(0), Numa.setThreadPolicy(MemoryPolicy.systemDefault()),
                Numa.mbind(0, 4096, MemoryPolicy.bind(0), Numa.MF_STRICT), PageStatusQuery.open(1), Mmap.pageSize(),
                Mmap.adviseHugePages(0, 4096, true), LibNuma.maxNode(), CpuTimes.thread(),
                CpuTimes.process());
        for (NativeResult<?> result : results) {
            System.out.println(result.getClass().getSimpleName() + ": " + result.failure());
        }
        System.out.print(NativeSupport.probe().render());
    }
}
