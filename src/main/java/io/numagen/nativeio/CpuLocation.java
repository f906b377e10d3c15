package io.numagen.nativeio;

/** Where a thread was running when asked: a CPU id and the NUMA node of that CPU. */
public record CpuLocation(int cpu, int node) {
}
