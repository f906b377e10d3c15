package io.numagen.testing;

import io.numagen.topology.CpuSet;
import io.numagen.topology.Topology;
import io.numagen.topology.TopologyReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What tests on the live machine expect, read from its sysfs and /proc by the topology reader, so they pass on one
 * node, two, four, and with memoryless nodes (the emulated guests of scripts/numa-vm-tests.sh run them).
 */
public final class LiveMachine {
    public static final Topology TOPOLOGY = TopologyReader.read();
    /** Nodes this process may take pages from: allowed and holding memory, ascending. */
    public static final List<Integer> MEMORY_NODES = TOPOLOGY.memoryNodes().stream().boxed().toList();

    private LiveMachine() {
    }

    /** The kernel's nr_node_ids: one past the highest possible node (node/possible, else the online nodes). */
    public static int nodeIdLimit() {
        Path possible = Path.of("/sys/devices/system/node/possible");
        try {
            CpuSet ids = Files.exists(possible) ? CpuSet.parseList(Files.readString(possible).trim())
                    : TOPOLOGY.nodeIds();
            return ids.stream().max().orElse(0) + 1;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The first CPU this process may run on whose node has memory it may use: a thread there touches locally. */
    public static int cpuOnAMemoryNode() {
        return TOPOLOGY.allowedCpus().stream().filter(cpu -> MEMORY_NODES.contains(TOPOLOGY.nodeOfCpu(cpu)))
                .findFirst().orElseThrow(() -> new IllegalStateException("no allowed CPU on a node with memory"));
    }

    /** The node of a CPU this process may run on. */
    public static int nodeOfCpu(int cpu) {
        return TOPOLOGY.nodeOfCpu(cpu);
    }
}
