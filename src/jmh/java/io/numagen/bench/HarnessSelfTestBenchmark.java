package io.numagen.bench;

import io.numagen.bench.profile.PlacementProbe;
import io.numagen.memory.NativeBuffer;
import io.numagen.generator.ByteSize;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

/**
 * Exercises the harness itself, independent of the generator: maps a fresh buffer per invocation and writes every
 * byte (so it page-faults and allocates on a node), and publishes the buffer's placement from
 * move_pages ({@link PlacementProbe#of}). Used by the profiler tests and the integration test; not a research benchmark.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HarnessSelfTestBenchmark {

    @Param("4MiB")
    public String size;

    private long bytes;
    private NativeBuffer buffer;

    @Setup(Level.Trial)
    public void setup() {
        bytes = ByteSize.parse(size);
        PlacementProbe.publish(PlacementProbe.of(() -> buffer));
    }

    @Setup(Level.Invocation)
    public void map() {
        if (buffer != null) {
            buffer.close();
        }
        buffer = NativeBuffer.allocate(bytes);
    }

    @Benchmark
    public long touch() {
        long sum = 0;
        for (long off = 0; off < bytes; off += NativeBuffer.MAX_SLICE) {
            int len = (int) Math.min(NativeBuffer.MAX_SLICE, bytes - off);
            ByteBuffer s = buffer.slice(off, len);
            for (int i = 0; i + 8 <= len; i += 8) {
                s.putLong(i, sum++);
            }
        }
        return sum;
    }

    @TearDown(Level.Iteration)
    public void capturePlacement() {
        PlacementProbe.capture();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        PlacementProbe.clear();
        if (buffer != null) {
            buffer.close();
            buffer = null;
        }
    }
}
