package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The Beta sampler behind Thompson sampling. Its moments are checked in StrategyTest; here, the
 * Gamma draws it is built from, its bounds, and its mechanics with fixed draws.
 */
class BetaDrawTest {

    @ParameterizedTest(name = "Beta({0}, {1}) is refused")
    @CsvSource({"0, 1", "1, 0", "-1, 1", "1, -0.5", "NaN, 1", "1, NaN"})
    void shapesMustBePositive(double a, double b) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> BetaDraw.sample(new SplittableRandom(1), a, b));
        assertEquals("Beta shapes must be positive: " + a + ", " + b, refused.getMessage());
    }

    @ParameterizedTest(name = "Gamma({0}) has mean and variance {0}")
    @CsvSource({"0.3", "0.8", "1", "2.5", "20"})
    void gammaDrawsHaveTheGammaMeanAndVariance(double shape) {
        RandomGenerator random = new SplittableRandom(11);
        int n = 200_000;
        double sum = 0;
        double squares = 0;
        for (int i = 0; i < n; i++) {
            double x = BetaDraw.gamma(random, shape);
            sum += x;
            squares += x * x;
        }
        double mean = sum / n;
        assertEquals(shape, mean, shape * 0.02, "mean");
        assertEquals(shape, squares / n - mean * mean, shape * 0.05, "variance");
    }

    @Test
    void withAGaussianDrawOfZeroAGammaDrawIsItsShapeLessAThird() {
        // Marsaglia–Tsang: d = shape − 1/3, v = (1 + c z)³ = 1, accepted at once
        assertEquals(1.0 - 1.0 / 3, BetaDraw.gamma(Fixtures.sameDraws(0.5, 0), 1.0), 1e-12);
        assertEquals(5.0 - 1.0 / 3, BetaDraw.gamma(Fixtures.sameDraws(0.5, 0), 5.0), 1e-12);
        // below 1 the shape is raised by one and the draw scaled by U^(1/shape)
        assertEquals((1.5 - 1.0 / 3) * Math.pow(0.5, 2), BetaDraw.gamma(Fixtures.sameDraws(0.5, 0), 0.5), 1e-12);
    }

    @Test
    void aLargerGaussianDrawGivesALargerGammaDraw() {
        double d = 4.0 - 1.0 / 3;
        double c = 1 / Math.sqrt(9 * d);
        assertEquals(d * Math.pow(1 + c, 3), BetaDraw.gamma(Fixtures.sameDraws(0.5, 1), 4.0), 1e-12);
        assertEquals(d * Math.pow(1 - c, 3), BetaDraw.gamma(Fixtures.sameDraws(0.5, -1), 4.0), 1e-12);
    }

    @Test
    void whenBothGammaDrawsUnderflowTheBetaMeanIsReturned() {
        // shapes of 1e-5: U^(1/shape) = 0.5^100000 underflows to 0 on both sides
        assertEquals(0.25, BetaDraw.sample(Fixtures.sameDraws(0.5, 0), 1e-5, 3e-5), 1e-12);
    }

    @Test
    void aBetaDrawIsTheShareOfTheFirstGammaDraw() {
        // (1 − 1/3) / ((1 − 1/3) + (19 − 1/3)) = 1/29
        assertEquals(1.0 / 29, BetaDraw.sample(Fixtures.sameDraws(0.5, 0), 1, 19), 1e-12);
    }
}
