package dev.pertinence.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Off-policy estimates on simulated traffic where the truth is known. Two kinds of customers, six offers, each with
 * a known acceptance probability per kind. The logging strategy shows two offers: with probability 1 − ε the two it
 * believes best for the kind, with ε two drawn at random (each offer then in the pair with probability 1/3), so an
 * offer's propensity is exactly (1 − ε) · 1[usual pair] + ε / 3. The candidate shows two other offers per kind, one
 * of them never in the logging strategy's usual pair: its true rate per offer shown is known exactly.
 */
class OffPolicyEstimatorTest {

    private static final double[][] ACCEPTS = {
            {0.10, 0.05, 0.02, 0.08, 0.30, 0.01}, // kind 0
            {0.03, 0.12, 0.06, 0.20, 0.04, 0.15}, // kind 1
    };
    private static final int[][] LOGGING_PAIR = {{0, 1}, {2, 3}};
    private static final int[][] CANDIDATE_PAIR = {{1, 4}, {3, 5}};
    private static final double EPSILON = 0.3;
    private static final double TRUTH = 0.5 * (ACCEPTS[0][1] + ACCEPTS[0][4]) / 2 + 0.5 * (ACCEPTS[1][3] + ACCEPTS[1][5]) / 2;

    private static OffPolicyEstimate simulate(long seed, int decisions) {
        SplittableRandom random = new SplittableRandom(seed);
        OffPolicyEstimator estimator = new OffPolicyEstimator(100);
        for (int d = 0; d < decisions; d++) {
            int kind = random.nextInt(2);
            int[] shown = random.nextDouble() < EPSILON ? randomPair(random) : LOGGING_PAIR[kind];
            List<OffPolicyEstimator.Logged> logged = new ArrayList<>(2);
            for (int offer : shown) {
                boolean usual = offer == LOGGING_PAIR[kind][0] || offer == LOGGING_PAIR[kind][1];
                double propensity = (1 - EPSILON) * (usual ? 1 : 0) + EPSILON * (2.0 / 6);
                logged.add(new OffPolicyEstimator.Logged("o" + offer, propensity, random.nextDouble() < ACCEPTS[kind][offer]));
            }
            estimator.add(logged, Set.of("o" + CANDIDATE_PAIR[kind][0], "o" + CANDIDATE_PAIR[kind][1]));
        }
        return estimator.result();
    }

    private static int[] randomPair(SplittableRandom random) {
        int first = random.nextInt(6);
        int second = random.nextInt(5);
        return new int[] {first, second >= first ? second + 1 : second};
    }

    @Test
    void inTwoHundredSimulatedRunsTheIntervalsCoverTheTruthNineTimesInTen() {
        int runs = 200;
        int ipsCovers = 0;
        int snipsCovers = 0;
        for (int run = 0; run < runs; run++) {
            OffPolicyEstimate estimate = simulate(1000 + run, 3_000);
            if (estimate.ips().low() <= TRUTH && TRUTH <= estimate.ips().high()) {
                ipsCovers++;
            }
            if (estimate.snips().low() <= TRUTH && TRUTH <= estimate.snips().high()) {
                snipsCovers++;
            }
        }
        System.out.printf("true rate %.4f: IPS interval covers it in %d of %d runs, SNIPS in %d%n", TRUTH, ipsCovers, runs,
                snipsCovers);
        assertTrue(ipsCovers >= 180, "IPS covered the truth in " + ipsCovers + " of 200 runs");
        assertTrue(snipsCovers >= 180, "SNIPS covered the truth in " + snipsCovers + " of 200 runs");
    }

    @Test
    void oneRunSaysWhatItUsedAndWhatTheLoggingStrategyDidItself() {
        OffPolicyEstimate estimate = simulate(7, 3_000);
        assertEquals(3_000, estimate.decisions());
        assertEquals(6_000, estimate.candidatePlaces());
        assertEquals(6_000, estimate.loggedShown());
        assertTrue(estimate.matched() > 1_000 && estimate.matched() < 6_000);
        assertEquals(TRUTH, estimate.ips().value(), 0.03);
        assertEquals(TRUTH, estimate.snips().value(), 0.03);
        // the logging strategy's own rate: mostly its usual pairs, 0.075 for kind 0 and 0.13 for kind 1
        double usual = 0.5 * (0.10 + 0.05) / 2 + 0.5 * (0.06 + 0.20) / 2;
        assertEquals(usual, estimate.observed().value(), 0.02);
        assertTrue(estimate.effectiveSample() > 100 && estimate.effectiveSample() <= estimate.matched());
        assertTrue(estimate.warnings().isEmpty(), estimate.warnings().toString());
    }

    @Test
    void theCandidateThatIsTheLoggingStrategyEstimatesWhatWasObserved() {
        // deterministic logging (every propensity 1), the candidate shows the same: IPS = SNIPS = the observed rate
        OffPolicyEstimator estimator = new OffPolicyEstimator(1);
        estimator.add(List.of(new OffPolicyEstimator.Logged("a", 1, true), new OffPolicyEstimator.Logged("b", 1, false)), Set.of("a", "b"));
        estimator.add(List.of(new OffPolicyEstimator.Logged("a", 1, false), new OffPolicyEstimator.Logged("b", 1, false)), Set.of("a", "b"));
        estimator.add(List.of(new OffPolicyEstimator.Logged("a", 1, false), new OffPolicyEstimator.Logged("c", 1, true)), Set.of("a", "c"));
        OffPolicyEstimate estimate = estimator.result();
        assertEquals(2.0 / 6, estimate.ips().value(), 1e-12);
        assertEquals(2.0 / 6, estimate.snips().value(), 1e-12);
        assertEquals(2.0 / 6, estimate.observed().value(), 1e-12);
        assertEquals(6, estimate.effectiveSample(), 1e-12);
        // per-decision terms A − R n: 1 − 2/3, −2/3, 1 − 2/3; variance 1/3 over 2, n̄ = 2
        double half = 1.959963984540054 * Math.sqrt((1.0 / 9 + 4.0 / 9 + 1.0 / 9) / 2 / 3) / 2;
        assertEquals(2.0 / 6 - half, estimate.ips().low(), 1e-12);
        assertEquals(2.0 / 6 + half, estimate.ips().high(), 1e-12);
    }

    @Test
    void aRarelyShownOfferWeighingForManyIsWarnedOf() {
        OffPolicyEstimator estimator = new OffPolicyEstimator(100);
        estimator.add(List.of(new OffPolicyEstimator.Logged("rare", 0.01, true)), Set.of("rare"));
        for (int i = 0; i < 50; i++) {
            estimator.add(List.of(new OffPolicyEstimator.Logged("usual", 1, false)), Set.of("usual"));
        }
        OffPolicyEstimate estimate = estimator.result();
        assertTrue(estimate.effectiveSample() < 3, "one weight of 100 against 50 of 1: " + estimate.effectiveSample());
        assertEquals(1, estimate.warnings().size());
        assertTrue(estimate.warnings().get(0).startsWith("Effective sample size 2 is below 100"), estimate.warnings().get(0));
    }

    @Test
    void nothingToEstimateFromIsSaid() {
        OffPolicyEstimator estimator = new OffPolicyEstimator(100);
        estimator.add(List.of(new OffPolicyEstimator.Logged("a", 1, true)), Set.of("b"));
        OffPolicyEstimate estimate = estimator.result();
        assertEquals(0, estimate.matched());
        assertEquals(0, estimate.ips().value());
        assertNull(estimate.ips().low(), "one decision: no interval");
        assertNull(estimate.snips().low());
        assertEquals(0, estimate.effectiveSample());
        assertTrue(estimate.warnings().get(0).startsWith("No logged decision showed an offer the candidate would show"));
    }
}
