package dev.pertinence.decision;

import dev.pertinence.decision.Fixtures.Learned;
import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.bought;
import static dev.pertinence.decision.Fixtures.customer;
import static dev.pertinence.decision.Fixtures.emptySession;
import static dev.pertinence.decision.Fixtures.neighbour;
import static dev.pertinence.decision.Fixtures.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.Neighbour;
import dev.pertinence.decision.Popularity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/** Experiment arms rank differently: control, variants, lever sets, exploration. */
class StrategyTest {

    private final DecisionEngine engine = new DecisionEngine(ScoringPolicy.DEFAULT);

    private static final Map<String, List<Neighbour>> CAMERA_NEIGHBOURS = Map.of(
            "sku-camera", List.of(neighbour("sku-prints", "photo", 0.6, 3.9)));
    private static final List<PastPurchase> CAMERA = List.of(bought("sku-camera", "Digital camera", "photo", 2));
    /** The complement of the camera, worth less than the generic offers. */
    private static final CandidateOffer PRINTS = offer("prints", "photo", Set.of("sku-prints"), Set.of(), 10);
    private static final CandidateOffer SOCKS = offer("socks", "clothing", Set.of("sku-socks"), Set.of(), 30);
    private static final CandidateOffer MUGS = offer("mugs", "kitchen", Set.of("sku-mugs"), Set.of(), 20);
    private static final List<CandidateOffer> OFFERS = List.of(PRINTS, SOCKS, MUGS);

    private Decision decide(Strategy strategy, LearnedResponses learned, List<CandidateOffer> offers, int limit,
                            RandomGenerator random) {
        CandidateSet candidates = CandidateSet.of(offers, Popularity.NONE, ScoringPolicy.DEFAULT, learned, "gold", strategy);
        return engine.decide(new Snapshot(NOW, customer("c1", List.of("gold")), CAMERA, emptySession(), CAMERA_NEIGHBOURS, true,
                candidates, limit, true, false, ContactHistory.NONE, learned, random));
    }

    private static List<String> ids(Decision decision) {
        return decision.offers().stream().map(o -> o.offer().id()).toList();
    }

    @Test
    void personalisedRanksTheComplementOfARecentPurchaseFirst() {
        Decision decision = decide(Strategy.PERSONALISED, LearnedResponses.NONE, OFFERS, 3, null);
        assertEquals("prints", ids(decision).get(0));
        assertFalse(decision.explored());
    }

    @Test
    void controlRanksByBusinessValueTimesLeverAloneAndSaysSo() {
        Strategy control = new Strategy(Strategy.Kind.CONTROL, Map.of(), 0);
        Decision decision = decide(control, LearnedResponses.NONE, OFFERS, 3, null);
        assertEquals(List.of("socks", "mugs", "prints"), ids(decision));
        RankedOffer prints = decision.offers().get(2);
        assertEquals(10.0, prints.score(), 1e-9);
        assertEquals(1.0, prints.propensity(), 1e-9);
        assertEquals(0.0, prints.affinity(), 1e-9);
        assertTrue(prints.reasons().contains("Control group: ranked by business value alone, not personalised"), prints.reasons().toString());
        assertTrue(prints.reasons().stream().noneMatch(r -> r.contains("baskets")), "no co-purchase reason in control");
        assertTrue(decision.notes().stream().anyMatch(n -> n.startsWith("Control group")));
    }

    @Test
    void controlStillAppliesEligibilityRules() {
        Strategy control = new Strategy(Strategy.Kind.CONTROL, Map.of(), 0);
        CandidateOffer ruledOut = Fixtures.withRule(SOCKS, variables -> RuleVerdict.NOT_ELIGIBLE);
        Decision decision = decide(control, LearnedResponses.NONE, List.of(PRINTS, ruledOut, MUGS), 3, null);
        assertEquals(List.of("mugs", "prints"), ids(decision));
        assertEquals(DroppedOffer.Reason.RULE_NOT_MET, decision.dropped().get(0).reason());
    }

    @Test
    void withoutTheCoPurchaseTermTheComplementIsNotPreferred() {
        Decision decision = decide(new Strategy(Strategy.Kind.NO_COPURCHASE, Map.of(), 0), LearnedResponses.NONE, OFFERS, 3, null);
        assertEquals(List.of("socks", "mugs", "prints"), ids(decision));
        assertTrue(decision.offers().stream().allMatch(o -> o.affinity() == 0.0));
    }

    @Test
    void withoutLearningWhatPeopleAnsweredIsIgnored() {
        // people accept socks far more often than assumed; mugs never
        Learned learned = new Learned(Map.of("socks", new LearnedResponses.Counts(100, 40),
                "mugs", new LearnedResponses.Counts(100, 0)));
        Decision learning = decide(new Strategy(Strategy.Kind.NO_COPURCHASE, Map.of(), 0), learned, List.of(SOCKS, MUGS), 2, null);
        assertTrue(learning.offers().get(0).learnedLift() > 1 && learning.offers().get(1).learnedLift() < 1);
        Decision notLearning = decide(new Strategy(Strategy.Kind.NO_LEARNING, Map.of(), 0), learned, List.of(SOCKS, MUGS), 2, null);
        assertTrue(notLearning.offers().stream().allMatch(o -> o.learnedLift() == 1.0));
    }

    @Test
    void aLeverSetReplacesTheCatalogueLeversOfItsOffers() {
        Strategy levers = new Strategy(Strategy.Kind.CONTROL, Map.of("prints", 4.0), 0);
        Decision decision = decide(levers, LearnedResponses.NONE, OFFERS, 3, null);
        assertEquals(List.of("prints", "socks", "mugs"), ids(decision));
        assertEquals(4.0, decision.offers().get(0).lever(), 1e-9);
        assertEquals(40.0, decision.offers().get(0).score(), 1e-9);
        assertTrue(decision.offers().get(0).reasons().contains("Business value 10 × lever 4"));
    }

    @Test
    void explorationGivesANewOfferAFairChanceAndMarksWhatItChose() {
        CandidateOffer proven = offer("proven", "a", Set.of("sku-a"), Set.of(), 10);
        CandidateOffer fresh = offer("fresh", "b", Set.of("sku-b"), Set.of(), 10);
        // the proven offer is accepted 10 % of the time over 1,000 impressions: its lift is about 2; the new one has none
        Learned learned = new Learned(Map.of("proven", new LearnedResponses.Counts(1000, 100)));
        List<CandidateOffer> offers = List.of(proven, fresh);
        assertEquals("proven", ids(decide(Strategy.PERSONALISED, learned, offers, 1, null)).get(0));

        Strategy exploring = new Strategy(Strategy.Kind.PERSONALISED, Map.of(), 1.0);
        RandomGenerator random = new SplittableRandom(42);
        int freshChosen = 0;
        int runs = 2000;
        for (int run = 0; run < runs; run++) {
            Decision decision = decide(exploring, learned, offers, 1, random);
            assertTrue(decision.explored());
            RankedOffer chosen = decision.offers().get(0);
            assertTrue(chosen.explored());
            assertTrue(chosen.reasons().get(0).startsWith("Exploring: acceptance drawn at "), chosen.reasons().get(0));
            if (chosen.offer().id().equals("fresh")) {
                freshChosen++;
            }
        }
        // P(Beta(1, 19) > Beta(101, 919)) is about 0.14: the new offer gets shown that often, no more
        double share = freshChosen / (double) runs;
        assertTrue(share > 0.10 && share < 0.18, "new offer chosen in " + share + " of exploring decisions");
    }

    @Test
    void anArmExploresForItsShareOfDecisionsOnly() {
        Strategy quarter = new Strategy(Strategy.Kind.PERSONALISED, Map.of(), 0.25);
        RandomGenerator random = new SplittableRandom(7);
        int explored = 0;
        for (int run = 0; run < 4000; run++) {
            Decision decision = decide(quarter, LearnedResponses.NONE, OFFERS, 2, random);
            if (decision.explored()) {
                explored++;
                assertTrue(decision.offers().stream().allMatch(RankedOffer::explored));
            } else {
                assertTrue(decision.offers().stream().noneMatch(RankedOffer::explored));
            }
        }
        assertEquals(0.25, explored / 4000.0, 0.03);
    }

    @Test
    void onlyAStrategyThatLearnsExplores() {
        assertThrows(IllegalArgumentException.class, () -> new Strategy(Strategy.Kind.CONTROL, Map.of(), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Strategy(Strategy.Kind.NO_LEARNING, Map.of(), 0.1));
        assertThrows(IllegalArgumentException.class, () -> new Strategy(Strategy.Kind.PERSONALISED, Map.of(), 1.5));
    }

    @Test
    void betaDrawsHaveTheBetaMeanAndVariance() {
        RandomGenerator random = new SplittableRandom(3);
        for (double[] shapes : new double[][] {{1, 19}, {0.5, 0.5}, {101, 919}, {3, 2}}) {
            double a = shapes[0];
            double b = shapes[1];
            int n = 200_000;
            double sum = 0;
            double squares = 0;
            for (int i = 0; i < n; i++) {
                double x = BetaDraw.sample(random, a, b);
                assertTrue(x >= 0 && x <= 1);
                sum += x;
                squares += x * x;
            }
            double mean = sum / n;
            double variance = squares / n - mean * mean;
            double expectedMean = a / (a + b);
            double expectedVariance = a * b / ((a + b) * (a + b) * (a + b + 1));
            assertEquals(expectedMean, mean, 0.005, "mean of Beta(" + a + ", " + b + ")");
            assertEquals(expectedVariance, variance, expectedVariance * 0.03, "variance of Beta(" + a + ", " + b + ")");
        }
    }
}
