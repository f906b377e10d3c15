package io.numagen.bench;

import io.numagen.bench.profile.PlacementProbe;
import io.numagen.bench.run.Combinations;
import io.numagen.bench.run.MachineNodes;
import io.numagen.bench.run.ParamValues;
import io.numagen.exec.NumaMode;
import io.numagen.exec.NumaOptions;
import io.numagen.generator.DataGenerator;
import io.numagen.generator.GeneratorConfig;
import io.numagen.memory.NativeBuffer;
import io.numagen.memory.NodeBinding;
import io.numagen.nativeio.NativeResult;
import io.numagen.topology.NumaNode;
import io.numagen.topology.Topology;
import io.numagen.topology.TopologyReader;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The local/remote matrix: the generator's writers pinned to the CPUs of {@code writerNode} (NumaMode.FORCE with an
 * explicit CPU list), writing a buffer bound
 * (mbind) to {@code memoryNode}. writerNode = memoryNode is local, anything else remote; the ratio of the two scores
 * is what NUMA placement is worth on this machine. A node that does not exist here (or has no CPUs / no memory this
 * process may use) is an invalid combination: {@link io.numagen.bench.run.MatrixRunner} skips it, a plain JMH run
 * fails it in setup with the reason. On a one-node machine only 0 → 0 is valid.
 *
 * <p>Secondary metric {@code bytes} is bytes/s; with {@code NumaProfiler}, {@code numa.placement.node<N>.share}
 * shows the binding held.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector"})
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
public class RemoteAccessBenchmark {
    private static final long PAGE = 4096;

    @Param({"0", "1"})
    public String writerNode;

    @Param({"0", "1"})
    public String memoryNode;

    @Param("256MiB")
    public String size;

    private DataGenerator generator;
    private NativeBuffer buffer;
    private long length;

    @Setup(Level.Trial)
    public void setUp() {
        Map<String, String> params = Combinations.params("writerNode", writerNode, "memoryNode", memoryNode,
                "size", size);
        ParamValues.check(params);
        Combinations.check(params, MachineNodes.current());
        int writer = Integer.parseInt(writerNode.trim());
        int memory = Integer.parseInt(memoryNode.trim());
        length = BenchSupport.size(size);

        List<Integer> cpus = writerCpus(TopologyReader.read(), writer);
        // FORCE with an explicit CPU list: one worker pinned to each CPU of writerNode, also on one node. No
        // first-touch or per-worker bind: the whole buffer is bound to memoryNode below.
        StringBuilder cpuList = new StringBuilder();
        cpus.forEach(c -> cpuList.append(cpuList.length() == 0 ? "" : ",").append(c));
        generator = DataGenerator.create(GeneratorConfig.of(42), cpus.size(),
                new NumaOptions(NumaMode.FORCE, cpuList.toString(), false, false));
        buffer = NativeBuffer.allocate(length);
        NativeResult<NodeBinding.Binding> bound =
                NodeBinding.bind(buffer, 0, length, memory, PAGE, NodeBinding.Rounding.OUTWARD);
        if (bound.failure() != null) {
            throw new IllegalStateException("cannot bind the buffer to node " + memory + ": " + bound.failure());
        }
        generator.fill(buffer, 0); // fault every page in now (on memoryNode), so iterations measure writes
        PlacementProbe.publish(PlacementProbe.of(() -> buffer));
    }

    @Benchmark
    public void write(BytesCounter counter) {
        generator.fill(buffer, 0);
        counter.bytes += length;
    }

    @TearDown(Level.Iteration)
    public void capturePlacement() {
        PlacementProbe.capture();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        PlacementProbe.clear();
        if (generator != null) {
            generator.close();
        }
        if (buffer != null) {
            buffer.close();
        }
    }

    /** The CPUs of {@code node} this process may run on, one writer each. */
    static List<Integer> writerCpus(Topology topology, int node) {
        List<Integer> cpus = new ArrayList<>();
        for (NumaNode n : topology.nodes()) {
            if (n.id() == node) {
                for (int c : n.cpus()) {
                    if (topology.allowedCpus().contains(c)) {
                        cpus.add(c);
                    }
                }
            }
        }
        if (cpus.isEmpty()) {
            throw new IllegalArgumentException("node " + node + " has no CPU this process may run on");
        }
        return cpus;
    }
}
