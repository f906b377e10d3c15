package io.numagen.metrics;

/**
 * One counter as {@code read()} returns it with PERF_FORMAT_TOTAL_TIME_ENABLED | PERF_FORMAT_TOTAL_TIME_RUNNING.
 *
 * @param value   the raw count
 * @param enabled ns the event was enabled
 * @param running ns it was actually on a counter (less than enabled when the PMU multiplexed it)
 */
public record PerfSample(long value, long enabled, long running) {
}
