package io.numagen.bench.profile;

import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A ScalarResult that JMH does not pad with zeros. JMH fills a secondary metric missing from some iterations with
 * {@code getZeroResult()} (a 0 for ScalarResult), which would turn "not measurable in this iteration" (e.g. a local
 * share with no allocations, an event that was multiplexed out) into a fake 0. With no zero result, the missing
 * iterations are left out of the aggregate instead.
 */
public class SparseScalarResult extends ScalarResult {
    private static final long serialVersionUID = 1L;

    public SparseScalarResult(String label, double value, String unit) {
        super(label, value, unit, AggregationPolicy.AVG);
    }

    @Override
    protected ScalarResult getZeroResult() {
        return null;
    }
}
