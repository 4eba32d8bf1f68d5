package dev.pertinence.decision;

import java.util.random.RandomGenerator;

/**
 * Draws from Beta(a, b) as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b), the gammas by
 * Marsaglia and Tsang's method (ACM TOMS 26(3), 2000), boosted for shapes below 1 by U^(1/a).
 */
public final class BetaDraw {

    private BetaDraw() {
    }

    public static double sample(RandomGenerator random, double a, double b) {
        if (!(a > 0 && b > 0)) {
            throw new IllegalArgumentException("Beta shapes must be positive: " + a + ", " + b);
        }
        double x = gamma(random, a);
        double y = gamma(random, b);
        return x + y > 0 ? x / (x + y) : a / (a + b); // both underflowed: only possible for tiny shapes
    }

    static double gamma(RandomGenerator random, double shape) {
        if (shape < 1.0) {
            return gamma(random, shape + 1.0) * Math.pow(random.nextDouble(), 1.0 / shape);
        }
        double d = shape - 1.0 / 3.0;
        double c = 1.0 / Math.sqrt(9.0 * d);
        while (true) {
            double z = random.nextGaussian();
            double v = 1.0 + c * z;
            if (v <= 0) {
                continue;
            }
            v = v * v * v;
            double u = random.nextDouble();
            if (u < 1.0 - 0.0331 * z * z * z * z || Math.log(u) < 0.5 * z * z + d * (1.0 - v + Math.log(v))) {
                return d * v;
            }
        }
    }
}
