package io.numagen.bench.profile;

import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hand-off from a benchmark to {@link NumaProfiler}: the benchmark publishes where its buffer's pages are, the profiler
 * queries it after each iteration and reports {@code numa.placement.node<N>.share}. Benchmarks and profiler run in the
 * same forked JVM, so a static holder is enough.
 *
 * <pre>{@code
 * @Setup(Level.Trial) public void setup() { ...; PlacementProbe.publish(() -> pagesPerNode(buffer)); }
 * @TearDown(Level.Trial) public void tearDown() { PlacementProbe.clear(); ... }
 * }</pre>
 *
 * The query is implemented by the benchmark with {@code io.numagen.memory.PagePlacement} (move_pages); nothing here
 * invents numbers: without a published source the profiler reports no placement metrics.
 */
public final class PlacementProbe {

    /** Where a benchmark's buffer lives now. */
    @FunctionalInterface
    public interface Source {
        /**
         * Resident pages per node id (pages not yet touched are simply not counted). Called after each iteration on
         * the profiler's thread.
         */
        Map<Integer, Long> pagesPerNode() throws Exception;
    }

    private static final AtomicReference<Source> CURRENT = new AtomicReference<>();

    private PlacementProbe() {
    }

    public static void publish(Source source) {
        CURRENT.set(source);
    }

    public static void clear() {
        CURRENT.set(null);
    }

    /** The published source, or null. */
    public static Source current() {
        return CURRENT.get();
    }
}
