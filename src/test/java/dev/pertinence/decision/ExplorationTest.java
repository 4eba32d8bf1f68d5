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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.Neighbour;
import dev.pertinence.decision.Popularity;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * An exploring decision (Thompson sampling) with a generator whose every draw is the same: each
 * Gamma draw is then exactly {@code shape − 1/3} (Marsaglia–Tsang with z = 0, u = 0.5), so a
 * Beta(α, β) draw is {@code (α − 1/3) / (α + β − 2/3)} and every figure can be checked exactly.
 * With no answer yet (Beta(1, 19)) the drawn rate is 1/29, the lift (1/29) / 0.05.
 */
class ExplorationTest {

    private static final Strategy ALWAYS_EXPLORES = new Strategy(Strategy.Kind.PERSONALISED, Map.of(), 1.0);
    private static final double DRAWN_WITHOUT_ANSWERS = 1.0 / 29;

    private final DecisionEngine engine = new DecisionEngine(ScoringPolicy.DEFAULT);

    /** A generator a decision must not touch. */
    private static final RandomGenerator UNTOUCHABLE = new RandomGenerator() {
        @Override
        public long nextLong() {
            throw new AssertionError("a decision that does not explore drew a random number");
        }

        @Override
        public double nextDouble() {
            throw new AssertionError("a decision that does not explore drew a random number");
        }
    };

    private Decision decide(Strategy strategy, List<CandidateOffer> offers, LearnedResponses learned, List<PastPurchase> history,
                            Map<String, List<Neighbour>> neighbours, int limit, RandomGenerator random) {
        CandidateSet candidates = CandidateSet.of(offers, Popularity.NONE, ScoringPolicy.DEFAULT, learned, "gold", strategy);
        return engine.decide(new Snapshot(NOW, customer("c1", List.of("gold")), history, emptySession(), neighbours, true,
                candidates, limit, false, true, ContactHistory.NONE, learned, random));
    }

    private static List<String> ids(Decision decision) {
        return decision.offers().stream().map(o -> o.offer().id()).toList();
    }

    @Test
    void everyFigureOfAnExploredOfferComesFromItsDraw() {
        CandidateOffer offer = Fixtures.withLever(offer("o", "c", Set.of("sku-o"), Set.of(), 10), 2);
        Decision decision = decide(ALWAYS_EXPLORES, List.of(offer), LearnedResponses.NONE, List.of(), Map.of(), 1, Fixtures.sameDraws(0.5, 0.0));
        assertTrue(decision.explored());
        RankedOffer ranked = decision.offers().get(0);
        assertTrue(ranked.explored());
        double lift = DRAWN_WITHOUT_ANSWERS / 0.05;
        assertEquals(lift, ranked.learnedLift(), 1e-12);
        assertEquals(0.01 * lift, ranked.propensity(), 1e-12); // the base propensity (no popularity) × the drawn lift
        assertEquals(0.01 * lift * 10 * 2, ranked.score(), 1e-12);
        assertEquals("Exploring: acceptance drawn at 3.4 % from what 0 impressions taught (mean 5.0 %)", ranked.reasons().get(0));
        assertEquals(List.of("No recent purchase and an empty session: ranked by popularity and value",
                "Exploring: offers ranked by acceptance rates drawn from what their responses taught (Thompson sampling)"),
                decision.notes());
    }

    @Test
    void anOfferTheEvidenceReachesIsScoredWithItsDrawToo() {
        // the camera bought today reaches the prints: affinity 0.6, lift drawn from Beta(6, 24) = 17/88
        CandidateOffer prints = offer("prints", "photo", Set.of("sku-prints"), Set.of(), 10);
        Learned learned = new Learned(Map.of("prints", new LearnedResponses.Counts(10, 5)));
        Decision decision = decide(ALWAYS_EXPLORES, List.of(prints), learned, List.of(bought("sku-camera", "Camera", "photo", 0)),
                Map.of("sku-camera", List.of(neighbour("sku-prints", "photo", 0.6, 3))), 1, Fixtures.sameDraws(0.5, 0.0));
        RankedOffer ranked = decision.offers().get(0);
        double lift = (17.0 / 88) / 0.05;
        assertEquals(0.6, ranked.affinity(), 1e-12);
        assertEquals(lift, ranked.learnedLift(), 1e-12);
        assertEquals(0.6 * lift, ranked.propensity(), 1e-12);
        assertEquals(0.6 * lift * 10, ranked.score(), 1e-12);
        assertEquals("Exploring: acceptance drawn at 19 % from what 10 impressions taught (mean 20 %)", ranked.reasons().get(0));
        assertTrue(ranked.reasons().stream().noneMatch(r -> r.startsWith("Accepted in")), "the drawn rate replaces the learned mean");
    }

    @Test
    void oneImpressionIsSaidInTheSingular() {
        Learned learned = new Learned(Map.of("o", new LearnedResponses.Counts(1, 0)));
        Decision decision = decide(ALWAYS_EXPLORES, List.of(offer("o", "c", Set.of(), Set.of(), 10)), learned, List.of(), Map.of(), 1,
                Fixtures.sameDraws(0.5, 0.0));
        // Beta(1, 20): drawn 2/61, mean 1/21
        assertEquals("Exploring: acceptance drawn at 3.3 % from what 1 impression taught (mean 4.8 %)",
                decision.offers().get(0).reasons().get(0));
    }

    @Test
    void exploredOffersComeBestDrawnScoreFirst() {
        // equal draws: the order is that of value × lever, whatever order the catalogue lists them in
        List<CandidateOffer> offers = new ArrayList<>();
        for (int value = 1; value <= 12; value++) {
            offers.add(offer("o" + value, "c" + value, Set.of(), Set.of(), value));
        }
        Collections.shuffle(offers, new java.util.Random(5));
        Decision decision = decide(ALWAYS_EXPLORES, offers, LearnedResponses.NONE, List.of(), Map.of(), 12, Fixtures.sameDraws(0.5, 0.0));
        assertEquals(List.of("o12", "o11", "o10", "o9", "o8", "o7", "o6", "o5", "o4", "o3", "o2", "o1"), ids(decision));
        assertTrue(decision.offers().stream().allMatch(RankedOffer::explored));
    }

    @Test
    void equalDrawnScoresGoByOfferId() {
        List<CandidateOffer> offers = new ArrayList<>();
        for (String id : List.of("f", "b", "h", "a", "e", "c", "g", "d")) {
            offers.add(offer(id, "category-" + id, Set.of(), Set.of(), 10));
        }
        Decision decision = decide(ALWAYS_EXPLORES, offers, LearnedResponses.NONE, List.of(), Map.of(), 8, Fixtures.sameDraws(0.5, 0.0));
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h"), ids(decision));
    }

    @Test
    void aDecisionExploresOnlyWhenItsDrawFallsBelowTheArmsShare() {
        Strategy half = new Strategy(Strategy.Kind.PERSONALISED, Map.of(), 0.5);
        List<CandidateOffer> offers = List.of(offer("o", "c", Set.of(), Set.of(), 10));
        assertFalse(decide(half, offers, LearnedResponses.NONE, List.of(), Map.of(), 1, Fixtures.sameDraws(0.5, 0.0)).explored());
        assertTrue(decide(half, offers, LearnedResponses.NONE, List.of(), Map.of(), 1, Fixtures.sameDraws(0.4999, 0.0)).explored());
    }

    @Test
    void anArmThatNeverExploresDrawsNothing() {
        Strategy never = new Strategy(Strategy.Kind.PERSONALISED, Map.of(), 0.0);
        Decision decision = decide(never, List.of(offer("o", "c", Set.of(), Set.of(), 10)), LearnedResponses.NONE, List.of(),
                Map.of(), 1, UNTOUCHABLE);
        assertFalse(decision.explored());
        assertFalse(decision.offers().get(0).explored());
    }

    @Test
    void withRealDrawsTheWalkVisitsEveryOfferOnceBestDrawnFirst() {
        // three offers nothing of the person touches: the drawn order differs from the prepared one from run to run
        List<CandidateOffer> offers = List.of(offer("a", "ca", Set.of(), Set.of(), 12), offer("b", "cb", Set.of(), Set.of(), 11),
                offer("c", "cc", Set.of(), Set.of(), 10));
        RandomGenerator random = new java.util.SplittableRandom(17);
        java.util.Set<String> firsts = new java.util.HashSet<>();
        for (int run = 0; run < 200; run++) {
            Decision decision = decide(ALWAYS_EXPLORES, offers, LearnedResponses.NONE, List.of(), Map.of(), 3, random);
            assertEquals(Set.of("a", "b", "c"), Set.copyOf(ids(decision)), "each offer exactly once");
            assertEquals(3, ids(decision).size());
            for (int i = 1; i < 3; i++) {
                assertTrue(decision.offers().get(i).score() <= decision.offers().get(i - 1).score(), "best drawn score first");
            }
            firsts.add(ids(decision).get(0));
        }
        assertEquals(Set.of("a", "b", "c"), firsts, "each has its chance to come first");
    }
}
