package io.numagen.metrics;

/**
 * A counted event over an interval, or the reason it could not be counted. An unavailable event has no value: callers
 * must not report it as 0.
 *
 * @param event            the perf name
 * @param value            the (scaled) count; NaN when unavailable
 * @param scaled           true when the count was extrapolated because the PMU multiplexed the event
 * @param unavailableReason null when counted
 */
public record PerfCount(String event, double value, boolean scaled, String unavailableReason) {

    public static PerfCount counted(String event, double value, boolean scaled) {
        return new PerfCount(event, value, scaled, null);
    }

    public static PerfCount unavailable(String event, String reason) {
        return new PerfCount(event, Double.NaN, false, reason);
    }

    public boolean available() {
        return unavailableReason == null;
    }
}
