package io.numagen.cli;

import io.numagen.topology.Topology;
import io.numagen.topology.TopologyPrinter;
import io.numagen.topology.TopologyReader;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Set;

/** {@code numagen topology}: prints the NUMA topology and what this process may use of it. */
public final class TopologyCommand implements Command {

    @Override
    public String name() {
        return "topology";
    }

    @Override
    public String summary() {
        return "print NUMA nodes, CPUs, distances and what this process may use";
    }

    @Override
    public String usage() {
        return """
                usage: numagen topology [--sysfs-root DIR] [--json]

                  --sysfs-root DIR  read sys/ and proc/ under DIR instead of / (a dump of another machine)
                  --json            print the numagen.topology/1 JSON form (docs/topology-json.md)
                """;
    }

    @Override
    public Set<String> valuedOptions() {
        return Set.of("sysfs-root");
    }

    @Override
    public Set<String> flagOptions() {
        return Set.of("json");
    }

    @Override
    public int run(Options options, PrintStream out, PrintStream err) {
        options.noPositional();
        Topology topology = TopologyReader.read(Path.of(options.value("sysfs-root", "/")));
        out.print(options.has("json") ? TopologyJson.json(topology) : TopologyPrinter.text(topology));
        return 0;
    }
}
