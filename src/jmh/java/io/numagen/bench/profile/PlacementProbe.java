package io.numagen.bench.profile;

import io.numagen.memory.NativeBuffer;
import io.numagen.memory.PagePlacement;
import io.numagen.memory.PlacementReport;
import io.numagen.nativeio.NativeResult;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Hand-off from a benchmark to {@link NumaProfiler}: the benchmark publishes where its buffer's pages are, the profiler
 * queries it after each iteration and reports {@code numa.placement.node<N>.share}. Benchmarks and profiler run in the
 * same forked JVM, so a static holder is enough.
 *
 * <pre>{@code
 * @Setup(Level.Trial) public void setup() { ...; PlacementProbe.publish(() -> pagesPerNode(buffer)); }
 * @TearDown(Level.Iteration) public void capture() { PlacementProbe.capture(); }
 * @TearDown(Level.Trial) public void tearDown() { PlacementProbe.clear(); ... }
 * }</pre>
 *
 * {@link #capture} matters because JMH runs {@code @TearDown(Level.Trial)} <em>before</em> the profilers'
 * {@code afterIteration} of the last iteration: a trial-scoped buffer is gone by then. Iteration teardown runs outside
 * the measured time, so the query does not disturb the score. Without a capture the profiler queries the live source.
 *
 * {@link #of} builds the usual source from {@code io.numagen.memory.PagePlacement} (move_pages); nothing here
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

    /** A query's outcome: pages per node, or the failure. */
    public record Placement(Map<Integer, Long> pagesPerNode, Throwable failure) {
    }

    /**
     * A source that asks move_pages ({@link PagePlacement}, never faulting a page in) where the resident base pages
     * of the buffer the supplier returns now are. A null buffer (freed) gives no pages; a failed query throws with
     * the kernel's reason, so the profiler reports no numbers rather than wrong ones.
     */
    public static Source of(Supplier<NativeBuffer> buffer) {
        return () -> {
            NativeBuffer b = buffer.get();
            if (b == null) {
                return Map.of();
            }
            return pagesPerNode(PagePlacement.query(b, PAGE, List.of()));
        };
    }

    /**
     * Pages per node of a placement query's report.
     *
     * @throws IllegalStateException with the kernel's reason if the query failed
     */
    public static Map<Integer, Long> pagesPerNode(NativeResult<PlacementReport> result) {
        if (!(result instanceof NativeResult.Ok<PlacementReport> ok)) {
            throw new IllegalStateException("page placement query failed: " + result.failure());
        }
        Map<Integer, Long> pages = new TreeMap<>();
        for (PlacementReport.NodeShare n : ok.value().nodes()) {
            pages.merge(n.node(), n.pages(), Long::sum);
        }
        return pages;
    }

    private static final long PAGE = 4096;
    private static final AtomicReference<Source> CURRENT = new AtomicReference<>();
    private static final AtomicReference<Placement> CAPTURED = new AtomicReference<>();

    private PlacementProbe() {
    }

    public static void publish(Source source) {
        CURRENT.set(source);
    }

    /** Queries the published source now and keeps the answer for the profiler's next afterIteration. */
    public static void capture() {
        Source s = CURRENT.get();
        if (s != null) {
            CAPTURED.set(query(s));
        }
    }

    /** Forgets the source (a captured answer stays until the profiler takes it). */
    public static void clear() {
        CURRENT.set(null);
    }

    /** The captured placement if any (consumed), else a fresh query of the live source, else null. */
    public static Placement take() {
        Placement p = CAPTURED.getAndSet(null);
        if (p != null) {
            return p;
        }
        Source s = CURRENT.get();
        return s == null ? null : query(s);
    }

    private static Placement query(Source s) {
        try {
            return new Placement(Map.copyOf(s.pagesPerNode()), null);
        } catch (Exception | LinkageError e) {
            return new Placement(Map.of(), e);
        }
    }

    /** The published source, or null. */
    public static Source current() {
        return CURRENT.get();
    }
}
