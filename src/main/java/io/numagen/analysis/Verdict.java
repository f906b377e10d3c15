package io.numagen.analysis;

/**
 * What a comparison lets a researcher say. A finding (better or worse) needs all of: at least
 * {@link Verdicts#MIN_FORKS} forks on each side, a 95 % CI that excludes 1, a Holm-adjusted p-value below 0.05 over
 * every comparison of the report, and a passed A/A control. Anything else is inconclusive, with the reason.
 *
 * @param outcome what holds
 * @param text    the sentence shown in the report
 * @param reason  why it is inconclusive (empty for a finding)
 */
public record Verdict(Outcome outcome, String text, String reason) {

    /** Direction-aware: BETTER means the treatment is better (more throughput or less time per op). */
    public enum Outcome {
        BETTER, WORSE, INCONCLUSIVE;

        /** Short word for tables. */
        public String word() {
            switch (this) {
                case BETTER:
                    return "better";
                case WORSE:
                    return "worse";
                default:
                    return "inconclusive";
            }
        }
    }

    public boolean isFinding() {
        return outcome != Outcome.INCONCLUSIVE;
    }
}
