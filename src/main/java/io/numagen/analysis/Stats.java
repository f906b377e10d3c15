package io.numagen.analysis;

import java.util.Arrays;

import org.apache.commons.math3.distribution.TDistribution;
import org.apache.commons.math3.stat.descriptive.rank.Percentile;

/**
 * The statistics of the analysis. The unit is the fork: every statistic takes one value per fork (the mean of its
 * measurement iterations), because iterations of one JVM are not independent.
 *
 * <p>Ratio of two configurations with a 95 % confidence interval: Welch's unequal-variance t interval on the logs of
 * the per-fork means, {@code d = mean(ln t) - mean(ln b)}, {@code d ± t(0.975, ν) · sqrt(s_t²/n_t + s_b²/n_b)} with
 * the Welch–Satterthwaite degrees of freedom ν, back-transformed: ratio {@code exp(d)} (the ratio of the geometric
 * means of the forks) and CI {@code [exp(d_lo), exp(d_hi)]}. The bounds are always positive, the interval is
 * symmetric for a ratio and its inverse (a time-per-op result gives the reciprocal interval of its throughput twin),
 * and the p-value is the two-sided Welch t-test on the same logs, so the interval excludes 1 exactly when p &lt; 0.05.
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

    /**
     * 95 % interval of the geometric mean of positive values: the Student t interval of their logs, back-transformed,
     * so that a noisy throughput never gets a negative lower bound; [NaN, NaN] below two values.
     */
    public static double[] logMeanInterval(double[] x) {
        if (x.length < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] l = logs(x);
        double m = mean(l);
        double se = sd(l) / Math.sqrt(x.length);
        double t = se == 0 ? 0 : new TDistribution(x.length - 1).inverseCumulativeProbability(1 - ALPHA / 2);
        return new double[] {Math.exp(m - t * se), Math.exp(m + t * se)};
    }

    /** Geometric mean of positive values (NaN if one is not positive). */
    public static double geometricMean(double[] x) {
        return Math.exp(mean(logs(x)));
    }

    /** Result of {@link #ratio}: ratio of the fork means with CI, Welch p-value and the fork counts. */
    public record Ratio(double ratio, double ciLow, double ciHigh, double pValue, double df, int nTreatment,
                        int nBaseline) {

        /** True when both sides had at least two forks, so the CI and p-value exist. */
        public boolean hasInterval() {
            return !Double.isNaN(ciLow) && !Double.isNaN(ciHigh);
        }

        /** The CI excludes 1 (equivalently p &lt; 0.05 before any multiple-comparison correction). */
        public boolean significant() {
            return hasInterval() && (ciLow > 1 || ciHigh < 1);
        }

        /** The fewer forks of the two sides. */
        public int n() {
            return Math.min(nTreatment, nBaseline);
        }

        /** The same ratio divided by a constant (e.g. scaling efficiency = ratio / K). */
        public Ratio scaled(double divisor) {
            return new Ratio(ratio / divisor, ciLow / divisor, ciHigh / divisor, pValue, df, nTreatment, nBaseline);
        }
    }

    /**
     * Ratio {@code treatment / baseline} from per-fork means with the log-scale Welch interval and p-value of the
     * class comment. Below two forks on either side (or with a value that is not positive) the CI and p are NaN.
     */
    public static Ratio ratio(double[] treatment, double[] baseline) {
        int nt = treatment.length;
        int nb = baseline.length;
        double[] lt = logs(treatment);
        double[] lb = logs(baseline);
        double d = mean(lt) - mean(lb);
        double r = Math.exp(d);
        if (nt < 2 || nb < 2 || Double.isNaN(d)) {
            return new Ratio(r, Double.NaN, Double.NaN, Double.NaN, Double.NaN, nt, nb);
        }
        double vt = variance(lt) / nt;
        double vb = variance(lb) / nb;
        double se = Math.sqrt(vt + vb);
        if (se == 0) {
            // Every fork identical on both sides: no spread to test against. Equal values: no difference at all.
            return new Ratio(r, r, r, d == 0 ? 1.0 : 0.0, Double.POSITIVE_INFINITY, nt, nb);
        }
        double df = (vt + vb) * (vt + vb) / (vt * vt / (nt - 1) + vb * vb / (nb - 1));
        TDistribution dist = new TDistribution(df);
        double t = dist.inverseCumulativeProbability(1 - ALPHA / 2);
        double p = 2 * dist.cumulativeProbability(-Math.abs(d / se));
        return new Ratio(r, Math.exp(d - t * se), Math.exp(d + t * se), p, df, nt, nb);
    }

    /** Natural logs; NaN for a value that is not positive (no ratio of it exists). */
    static double[] logs(double[] x) {
        double[] y = new double[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = x[i] > 0 ? Math.log(x[i]) : Double.NaN;
        }
        return y;
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
