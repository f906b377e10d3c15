package io.numagen.bench.profile;

import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.Aggregator;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ResultRole;
import org.openjdk.jmh.util.ListStatistics;
import org.openjdk.jmh.util.Statistics;

import java.util.Collection;

/**
 * A scalar secondary metric that JMH does not pad with zeros. JMH fills a secondary metric missing from some
 * iterations with {@code getZeroResult()} (a 0 for ScalarResult, whose aggregators also turn any subclass back into a
 * plain ScalarResult), which would turn "not measurable in this iteration" (an event multiplexed out, a local share
 * with no allocations, a placement only captured once) into a fake 0. This result has no zero result and aggregates
 * into itself, so the missing iterations are left out of the mean and of the JSON rawData instead.
 */
public final class SparseScalarResult extends Result<SparseScalarResult> {
    private static final long serialVersionUID = 1L;

    public SparseScalarResult(String label, double value, String unit) {
        this(label, of(value), unit);
    }

    private SparseScalarResult(String label, Statistics s, String unit) {
        super(ResultRole.SECONDARY, label, s, unit, AggregationPolicy.AVG);
    }

    @Override
    protected Aggregator<SparseScalarResult> getThreadAggregator() {
        return SparseScalarResult::merge;
    }

    @Override
    protected Aggregator<SparseScalarResult> getIterationAggregator() {
        return SparseScalarResult::merge;
    }

    @Override
    protected SparseScalarResult getZeroResult() {
        return null;
    }

    private static SparseScalarResult merge(Collection<SparseScalarResult> results) {
        ListStatistics stats = new ListStatistics();
        String label = null;
        String unit = null;
        for (SparseScalarResult r : results) {
            stats.addValue(r.getScore());
            label = label == null ? r.getLabel() : label;
            unit = unit == null ? r.getScoreUnit() : unit;
        }
        return new SparseScalarResult(label, stats, unit);
    }
}
