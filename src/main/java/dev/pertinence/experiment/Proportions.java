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

    /**
     * People needed in each of two arms to detect an absolute difference {@code effect} from the
     * baseline rate {@code baseline} with probability {@code power}, at α 0.05 two-sided: the
     * standard two-proportion sample size without continuity correction (Fleiss, Statistical
     * Methods for Rates and Proportions, 3rd ed., 4.14),
     * <pre>n = (z(1−α/2) √(2 p̄ (1 − p̄)) + z(power) √(p₀(1 − p₀) + p₁(1 − p₁)))² / effect²</pre>
     * with p₁ = p₀ + effect (p₀ − effect when that would pass 1) and p̄ their mean; rounded up.
     */
    public static long peoplePerArm(double baseline, double effect, double power) {
        if (!(effect > 0 && effect < 1) || !(power > 0 && power < 1) || !(baseline >= 0 && baseline <= 1)) {
            throw new IllegalArgumentException("effect and power in (0, 1), baseline in [0, 1]");
        }
        double p0 = baseline;
        double p1 = p0 + effect <= 1 ? p0 + effect : p0 - effect;
        double mean = (p0 + p1) / 2;
        double root = Z95 * Math.sqrt(2 * mean * (1 - mean)) + quantile(power) * Math.sqrt(p0 * (1 - p0) + p1 * (1 - p1));
        return (long) Math.ceil(root * root / (effect * effect) - 1e-9);
    }

    /**
     * The standard normal quantile: Acklam's rational approximation (relative error below
     * 1.2e-9): ample for a sample size.
     */
    static double quantile(double p) {
        if (!(p > 0 && p < 1)) {
            throw new IllegalArgumentException("p in (0, 1)");
        }
        double[] a = {-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02, 1.383577518672690e+02,
            -3.066479806614716e+01, 2.506628277459239e+00};
        double[] b = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02, 6.680131188771972e+01,
            -1.328068155288572e+01};
        double[] c = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00, -2.549732539343734e+00,
            4.374664141464968e+00, 2.938163982698783e+00};
        double[] d = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00};
        double low = 0.02425;
        if (p < low || p > 1 - low) {
            double q = Math.sqrt(-2 * Math.log(p < low ? p : 1 - p));
            double x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
                    / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
            return p < low ? x : -x;
        }
        double q = p - 0.5;
        double r = q * q;
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
                / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
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
