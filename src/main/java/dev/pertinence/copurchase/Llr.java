package dev.pertinence.copurchase;

/**
 * Dunning's log-likelihood ratio (G²) of a 2×2 contingency table, computed as Mahout does with
 * unnormalised entropies. For items A and B over N baskets: k11 = baskets with both, k12 = A
 * without B, k21 = B without A, k22 = neither.
 */
public final class Llr {

    private Llr() {
    }

    public static double of(long k11, long k12, long k21, long k22) {
        double rowEntropy = entropy(k11 + k12, k21 + k22);
        double columnEntropy = entropy(k11 + k21, k12 + k22);
        double matrixEntropy = entropy(k11, k12, k21, k22);
        if (rowEntropy + columnEntropy < matrixEntropy) {
            return 0.0; // rounding error on an independent table
        }
        return 2.0 * (rowEntropy + columnEntropy - matrixEntropy);
    }

    private static double entropy(long... counts) {
        long sum = 0;
        double result = 0.0;
        for (long count : counts) {
            result += xLogX(count);
            sum += count;
        }
        return xLogX(sum) - result;
    }

    private static double xLogX(long x) {
        return x == 0 ? 0.0 : x * Math.log(x);
    }
}
