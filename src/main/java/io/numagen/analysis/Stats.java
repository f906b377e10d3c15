package io.numagen.analysis;

import java.util.Arrays;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;
import org.apache.commons.math3.stat.inference.TTest;

/**
 * The statistics of the analysis, all on per-iteration samples (JMH rawData, every fork's iterations pooled).
 *
 * <p>Ratio of means with a 95 % confidence interval: the Welch (unequal variances) interval for the difference
 * of means {@code d = mean(t) - mean(b)}, {@code d ± t(0.975, ν) · sqrt(s_t²/n_t + s_b²/n_b)} with the
 * Welch–Satterthwaite degrees of freedom ν, expressed relative to the baseline mean:
 * {@code [1 + d_lo/mean(b), 1 + d_hi/mean(b)]}. The interval treats the baseline mean as a fixed scale, so it
 * excludes 1 exactly when the two-sided Welch t-test ({@link TTest#tTest(double[], double[])}) gives p &lt; 0.05:
 * the verdict and the p-value never disagree.
 */
public final class Stats {

    /** Two-sided confidence level of every interval. */
    public static final double LEVEL = 0.95;
    /** Significance level matching {@link #LEVEL}. */
    public static final double ALPHA = 1 - LEVEL;

    private Stats() {
    }

    public static double mean(double[] x) {
        if (x.length == 0) {
            return Double.NaN;
        }
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    /** Sample variance (n - 1); NaN below two samples. */
    public static double variance(double[] x) {
        if (x.length < 2) {
            return Double.NaN;
        }
        double m = mean(x);
        double s = 0;
        for (double v : x) {
            s += (v - m) * (v - m);
        }
        return s / (x.length - 1);
    }

    public static double sd(double[] x) {
        return Math.sqrt(variance(x));
    }

    /** Percentile {@code p} in (0, 100] with the R_7 estimator (as R's default and numpy's linear). */
    public static double percentile(double[] x, double p) {
        if (x.length == 0) {
            return Double.NaN;
        }
        return new Percentile().withEstimationType(Percentile.EstimationType.R_7).evaluate(x, p);
    }

    /** 95 % Student t interval of one mean; [NaN, NaN] below two samples. */
    public static double[] meanInterval(double[] x) {
        if (x.length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double m = mean(x);
        double se = sd(x) / Math.sqrt(x.length);
        if (se == 0) {
            return new double[] {m, m};
        }
        double t = new TDistribution(x.length - 1).inverseCumulativeProbability(1 - ALPHA / 2);
        return new double[] {m - t * se, m + t * se};
    }

    /** Result of {@link #ratio}: treatment mean / baseline mean with CI and Welch p-value. */
    public record Ratio(double ratio, double ciLow, double ciHigh, double pValue, double df, int nTreatment,
                        int nBaseline) {

        /** True when both sides had at least two samples, so the CI and p-value exist. */
        public boolean hasInterval() {
            return !Double.isNaN(ciLow) && !Double.isNaN(ciHigh);
        }

        /** The CI excludes 1 (equivalently p &lt; 0.05). */
        public boolean significant() {
            return hasInterval() && (ciLow > 1 || ciHigh < 1);
        }

        /** The same ratio divided by a constant (e.g. scaling efficiency = ratio / K). */
        public Ratio scaled(double divisor) {
            return new Ratio(ratio / divisor, ciLow / divisor, ciHigh / divisor, pValue, df, nTreatment, nBaseline);
        }
    }

    /**
     * Ratio of means {@code mean(treatment)/mean(baseline)} with the Welch interval described in the class
     * comment and the Welch t-test p-value. Below two samples on either side the CI and p are NaN.
     */
    public static Ratio ratio(double[] treatment, double[] baseline) {
        double mt = mean(treatment);
        double mb = mean(baseline);
        double r = mt / mb;
        int nt = treatment.length;
        int nb = baseline.length;
        if (nt < 2 || nb < 2 || mb == 0 || Double.isNaN(r)) {
            return new Ratio(r, Double.NaN, Double.NaN, Double.NaN, Double.NaN, nt, nb);
        }
        double vt = variance(treatment) / nt;
        double vb = variance(baseline) / nb;
        double se = Math.sqrt(vt + vb);
        double d = mt - mb;
        if (se == 0) {
            // Both samples constant: no spread to test against. Equal means: no difference at all.
            return new Ratio(r, r, r, d == 0 ? 1.0 : 0.0, Double.POSITIVE_INFINITY, nt, nb);
        }
        double df = (vt + vb) * (vt + vb)
                / (vt * vt / (nt - 1) + vb * vb / (nb - 1));
        double t = new TDistribution(df).inverseCumulativeProbability(1 - ALPHA / 2);
        double lo = 1 + (d - t * se) / mb;
        double hi = 1 + (d + t * se) / mb;
        double p = new TTest().tTest(treatment, baseline);
        return new Ratio(r, lo, hi, p, df, nt, nb);
    }

    /**
     * Holm step-down adjustment of p-values (family-wise error): NaN entries are left out of the family and stay NaN.
     */
    public static double[] holm(double[] p) {
        Integer[] order = new Integer[p.length];
        int m = 0;
        for (int i = 0; i < p.length; i++) {
            if (!Double.isNaN(p[i])) {
                order[m++] = i;
            }
        }
        Integer[] idx = Arrays.copyOf(order, m);
        Arrays.sort(idx, (a, b) -> Double.compare(p[a], p[b]));
        double[] out = new double[p.length];
        Arrays.fill(out, Double.NaN);
        double running = 0;
        for (int k = 0; k < m; k++) {
            running = Math.max(running, Math.min(1, (m - k) * p[idx[k]]));
            out[idx[k]] = running;
        }
        return out;
    }

    /** Samples multiplied by a constant (unit conversion ops/s → bytes/s). */
    public static double[] times(double[] x, double factor) {
        double[] y = Arrays.copyOf(x, x.length);
        for (int i = 0; i < y.length; i++) {
            y[i] *= factor;
        }
        return y;
    }
}
