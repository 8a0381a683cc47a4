package dev.tailbench.report.stats;

import java.util.Arrays;
import java.util.Locale;

import org.hipparchus.distribution.continuous.TDistribution;

/**
 * The one-sided paired t-test that decides a relative budget over seeds. With d_i = error_i -
 * reference_i on the same seed, the budget holds when the data reject H0: mean(d) >= margin in
 * favour of mean(d) < margin at level alpha: t = (mean(d) - margin) / (sd(d) / sqrt(n)), p = P(T_{n-1}
 * <= t). A margin of +1 asks "not worse by more than a point", -2 "better by at least two points".
 * When every difference is the same (sd 0) the test is decided by the sign of mean(d) - margin.
 *
 * @param differences    d_i, in points
 * @param margin         the budget's margin
 * @param meanDifference mean(d)
 * @param t              the statistic (infinite when sd(d) is 0)
 * @param degreesOfFreedom n - 1
 * @param pValue         P(T <= t) under H0
 * @param alpha          the level
 */
public record PairedTest(double[] differences, double margin, double meanDifference, double t, int degreesOfFreedom,
        double pValue, double alpha) {

    public PairedTest {
        differences = differences.clone();
    }

    @Override
    public double[] differences() {
        return differences.clone();
    }

    /**
     * Tests {@code errors} against {@code reference}, seed by seed.
     *
     * @throws IllegalArgumentException unless both hold the same number (at least 2) of errors
     */
    public static PairedTest of(double[] errors, double[] reference, double margin, double alpha) {
        if (errors.length != reference.length || errors.length < 2) {
            throw new IllegalArgumentException("a paired test needs the same number (at least 2) of errors and"
                    + " reference errors, got " + errors.length + " and " + reference.length);
        }
        if (!(alpha > 0 && alpha < 1)) {
            throw new IllegalArgumentException("alpha must lie in (0, 1), got " + alpha);
        }
        int n = errors.length;
        double[] d = new double[n];
        Arrays.setAll(d, i -> errors[i] - reference[i]);
        double mean = Arrays.stream(d).sum() / n;
        double sd = Math.sqrt(Arrays.stream(d).map(v -> (v - mean) * (v - mean)).sum() / (n - 1));
        double t;
        double p;
        if (sd == 0) {
            t = mean < margin ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            p = mean < margin ? 0 : 1;
        } else {
            t = (mean - margin) / (sd / Math.sqrt(n));
            p = new TDistribution(n - 1).cumulativeProbability(t);
        }
        return new PairedTest(d, margin, mean, t, n - 1, p, alpha);
    }

    /** Whether the budget holds: H0 rejected at alpha. */
    public boolean passed() {
        return pValue < alpha;
    }

    /** One line for messages, e.g. {@code mean difference -6.10 points over 3 seeds; ... p = 0.017 < 0.05}. */
    public String describe() {
        return String.format(Locale.ROOT, "mean difference %+.2f points over %d seeds (%s); one-sided paired t-test"
                + " of difference < %+.2f: t = %.3f, df = %d, p = %.4f %s %s", meanDifference, differences.length,
                Arrays.stream(differences).mapToObj(v -> String.format(Locale.ROOT, "%+.2f", v))
                        .reduce((a, b) -> a + ", " + b).orElse(""),
                margin, t, degreesOfFreedom, pValue, passed() ? "<" : ">=", alpha);
    }
}
