package io.numagen.bench.run;

import io.numagen.topology.NumaNode;
import io.numagen.topology.Topology;
import io.numagen.topology.TopologyReader;

import java.util.Set;
import java.util.TreeSet;

/** This process's usable nodes for {@link Combinations}: allowed memory nodes, and allowed nodes with allowed CPUs. */
public final class MachineNodes {
    private MachineNodes() {
    }

    public static Combinations.Machine current() {
        Topology t = TopologyReader.read();
        Set<Integer> memory = new TreeSet<>();
        Set<Integer> cpu = new TreeSet<>();
        for (NumaNode n : t.nodes()) {
            if (t.allowedMemoryNodes().contains(n.id()) && n.hasMemory()) {
                memory.add(n.id());
            }
            for (int c : n.cpus()) {
                if (t.allowedCpus().contains(c)) {
                    cpu.add(n.id());
                    break;
                }
            }
        }
        return new Combinations.Machine(memory, cpu);
    }
}
