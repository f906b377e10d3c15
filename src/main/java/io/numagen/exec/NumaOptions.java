package io.numagen.exec;

/**
 * The NUMA placement a user asks for; {@link NumaPlan#resolve} decides what is applied on a given machine. Each
 * feature can be switched on its own so a benchmark matrix can isolate it.
 *
 * @param mode       when to apply the features
 * @param pinning    {@code none}, {@code scatter}, {@code compact} or a CPU list such as {@code 0,2,4-7}
 * @param firstTouch each worker writes one byte of every page of its share before generating it
 * @param bind       each worker's share is mbind-ed to the worker's node before it is written (needs pinning, so
 *                   the node is known)
 */
public record NumaOptions(NumaMode mode, String pinning, boolean firstTouch, boolean bind) {

    public NumaOptions {
        if (mode == null) {
            throw new IllegalArgumentException("NUMA mode must be one of auto, force, off, got null");
        }
        CpuPlan.Strategy strategy = CpuPlan.Strategy.parse(pinning);
        if (mode == NumaMode.OFF && (strategy != CpuPlan.Strategy.NONE || firstTouch || bind)) {
            throw new IllegalArgumentException("NUMA mode off applies no placement, so pinning must be none and "
                    + "first-touch and bind off; got pinning=" + pinning + ", first-touch=" + firstTouch + ", bind="
                    + bind);
        }
        if (bind && strategy == CpuPlan.Strategy.NONE) {
            throw new IllegalArgumentException("bind needs pinning (scatter, compact or a CPU list) so each "
                    + "worker's node is known; got pinning=none");
        }
    }

    /** Nothing applied: what a plain Java program gets. */
    public static NumaOptions off() {
        return new NumaOptions(NumaMode.OFF, "none", false, false);
    }

    /** The default: scatter pinning and first-touch where there are 2+ usable nodes. */
    public static NumaOptions auto() {
        return new NumaOptions(NumaMode.AUTO, "scatter", true, false);
    }

    /** The default features applied even on one node. */
    public static NumaOptions force() {
        return new NumaOptions(NumaMode.FORCE, "scatter", true, false);
    }
}
