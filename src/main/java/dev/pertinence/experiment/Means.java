package dev.pertinence.experiment;

/**
 * Intervals for a mean (value per person) and for the difference of two means (Welch's unequal
 * variances), by the normal approximation: sound when each arm has a few hundred people, as the
 * per-person value is skewed (mostly zeros, a few large baskets). Null with fewer than two people.
 */
public final class Means {

    private Means() {
    }

    public record Interval(double mean, double low, double high) {
    }

    public static Interval of(double sum, double squares, long n, double z) {
        if (n < 2) {
            return null;
        }
        double mean = sum / n;
        double half = z * Math.sqrt(variance(sum, squares, n) / n);
        return new Interval(mean, mean - half, mean + half);
    }

    public static Proportions.Difference difference(double sum1, double squares1, long n1, double sum0, double squares0, long n0,
                                                    double z) {
        if (n1 < 2 || n0 < 2) {
            return null;
        }
        double d = sum1 / n1 - sum0 / n0;
        double half = z * Math.sqrt(variance(sum1, squares1, n1) / n1 + variance(sum0, squares0, n0) / n0);
        return new Proportions.Difference(d, d - half, d + half);
    }

    /** The sample variance; never negative (rounding can make the textbook formula so). */
    static double variance(double sum, double squares, long n) {
        double mean = sum / n;
        return Math.max(0, (squares - n * mean * mean) / (n - 1));
    }
}
