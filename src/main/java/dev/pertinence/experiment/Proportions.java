package dev.pertinence.experiment;

/**
 * The statistics experiment results are read with, pure: Wilson score intervals for a rate,
 * Newcombe's hybrid score interval for the difference of two rates (an arm's uplift over control),
 * and Pearson's chi-square test of the traffic split (sample-ratio mismatch).
 */
public final class Proportions {

    /** z for a two-sided 95 % interval. */
    public static final double Z95 = 1.959963984540054;

    private Proportions() {
    }

    /** A rate and its interval. */
    public record Interval(double rate, double low, double high) {
    }

    /** The difference of two rates and its interval; significant when the interval leaves out 0. */
    public record Difference(double difference, double low, double high) {
        public boolean significant() {
            return low > 0 || high < 0;
        }
    }

    /** Wilson score interval (Wilson 1927): well behaved at 0, 1 and small counts, unlike the normal approximation. */
    public static Interval wilson(long successes, long trials, double z) {
        if (trials <= 0) {
            return new Interval(0, 0, 1);
        }
        if (successes < 0 || successes > trials) {
            throw new IllegalArgumentException("successes must be between 0 and trials");
        }
        double n = trials;
        double p = successes / n;
        double z2 = z * z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = z / (1 + z2 / n) * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n));
        return new Interval(p, Math.max(0, centre - half), Math.min(1, centre + half));
    }

    /** Newcombe (1998, method 10): the difference p1 - p0 with an interval built from both Wilson intervals. */
    public static Difference difference(long successes1, long trials1, long successes0, long trials0, double z) {
        Interval one = wilson(successes1, trials1, z);
        Interval zero = wilson(successes0, trials0, z);
        double d = one.rate() - zero.rate();
        double low = d - Math.sqrt(square(one.rate() - one.low()) + square(zero.high() - zero.rate()));
        double high = d + Math.sqrt(square(one.high() - one.rate()) + square(zero.rate() - zero.low()));
        return new Difference(d, low, high);
    }

    /**
     * The p-value of Pearson's chi-square test that {@code observed} counts follow {@code shares}
     * (which sum to 1): a tiny one (below 0.001, say) means the traffic split is broken.
     */
    public static double sampleRatioPValue(long[] observed, double[] shares) {
        if (observed.length != shares.length || observed.length < 2) {
            throw new IllegalArgumentException("one share per arm, at least two arms");
        }
        long total = 0;
        for (long count : observed) {
            total += count;
        }
        if (total == 0) {
            return 1;
        }
        double chi2 = 0;
        for (int i = 0; i < observed.length; i++) {
            double expected = total * shares[i];
            chi2 += square(observed[i] - expected) / expected;
        }
        return chiSquareSurvival(chi2, observed.length - 1);
    }

    /** P(X >= x) for a chi-square variable with {@code k} degrees of freedom: Q(k/2, x/2). */
    static double chiSquareSurvival(double x, int k) {
        return x <= 0 ? 1 : upperRegularizedGamma(k / 2.0, x / 2.0);
    }

    /** Q(a, x) by the series (x < a + 1) or Lentz's continued fraction (Numerical Recipes, 6.2). */
    static double upperRegularizedGamma(double a, double x) {
        double logPrefix = -x + a * Math.log(x) - logGamma(a);
        if (x < a + 1) {
            double term = 1 / a;
            double sum = term;
            for (int n = 1; n < 500 && Math.abs(term) > Math.abs(sum) * 1e-15; n++) {
                term *= x / (a + n);
                sum += term;
            }
            return 1 - sum * Math.exp(logPrefix);
        }
        double tiny = 1e-300;
        double b = x + 1 - a;
        double c = 1 / tiny;
        double d = 1 / b;
        double h = d;
        for (int i = 1; i < 500; i++) {
            double an = -i * (i - a);
            b += 2;
            d = an * d + b;
            d = Math.abs(d) < tiny ? tiny : d;
            c = b + an / c;
            c = Math.abs(c) < tiny ? tiny : c;
            d = 1 / d;
            double delta = d * c;
            h *= delta;
            if (Math.abs(delta - 1) < 1e-15) {
                break;
            }
        }
        return Math.exp(logPrefix) * h;
    }

    /** Lanczos approximation (g = 7, n = 9). */
    static double logGamma(double x) {
        double[] c = {0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
            12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7};
        if (x < 0.5) {
            return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
        }
        x -= 1;
        double a = c[0];
        double t = x + 7.5;
        for (int i = 1; i < 9; i++) {
            a += c[i] / (x + i);
        }
        return 0.5 * Math.log(2 * Math.PI) + (x + 0.5) * Math.log(t) - t + Math.log(a);
    }

    private static double square(double value) {
        return value * value;
    }
}
