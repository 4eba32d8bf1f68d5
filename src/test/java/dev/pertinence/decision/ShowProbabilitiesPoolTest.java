package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.customer;
import static dev.pertinence.decision.Fixtures.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.Fixtures.Learned;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What the engine hands {@link ShowProbabilities}: the greedy top n (which earns an offer 1 − ε), the base scores the
 * draws rank by, and the pool of rivals. Offers answered a million times draw every time within 2 % of their mean, so
 * a decision that explored shows the greedy top and the probabilities are exact; offers never shown compete for real,
 * and only the range of their probability is asserted: 100 draws estimate a P_TS near 0.5 within ± 0.05 (one standard
 * deviation), and the order the pool's entries draw in follows the order the engine met them, which is not fixed from
 * one run to the next, so the ranges allow 5 deviations (a pool without the rival would record exactly 1).
 */
class ShowProbabilitiesPoolTest {

    private static final double EPSILON = 0.5;
    /** A rate of 5 %, the prior's mean (a lift of 1), known within ± 0.02 %. */
    private static final LearnedResponses.Counts SURE = new LearnedResponses.Counts(1_000_000, 50_000);
    /** A rate of 2.5 % (a lift of 0.5), known as well. */
    private static final LearnedResponses.Counts HALF = new LearnedResponses.Counts(1_000_000, 25_000);
    /** A cart holding a product of category ck: offers targeting ck are touched by the session (in-market boost 1.3). */
    private static final SessionContext CART = Fixtures.session(List.of("sku-k"), null,
            Map.of("sku-k", new SessionContext.ProductInfo("K", "ck")));

    private final DecisionEngine engine = new DecisionEngine(ScoringPolicy.DEFAULT);

    private static CandidateOffer inCartCategory(String id, String category, double value) {
        return offer(id, category, Set.of(), Set.of("ck"), value);
    }

    private static List<Decision> decisions(DecisionEngine core, List<CandidateOffer> offers, LearnedResponses learned, int limit,
                                            int count) {
        Strategy strategy = new Strategy(Strategy.Kind.PERSONALISED, Map.of(), EPSILON);
        CandidateSet candidates = CandidateSet.of(offers, Popularity.NONE, ScoringPolicy.DEFAULT, learned, "gold", strategy);
        List<Decision> decisions = new ArrayList<>();
        for (long seed = 0; seed < count; seed++) {
            decisions.add(core.decide(new Snapshot(NOW, customer("c1", List.of("gold")), List.of(), CART, Map.of(), true,
                    candidates, limit, false, false, ContactHistory.NONE, learned, new SplittableRandom(seed))));
        }
        return decisions;
    }

    /** The first of 20 seeded decisions that explored (half of them do). */
    private Decision explored(List<CandidateOffer> offers, LearnedResponses learned, int limit) {
        return decisions(engine, offers, learned, limit, 20).stream().filter(Decision::explored).findFirst().orElseThrow();
    }

    private static Map<String, Double> probabilities(Decision decision) {
        return decision.offers().stream().collect(Collectors.toMap(offer -> offer.offer().id(), RankedOffer::showProbability));
    }

    private static Learned sure(List<CandidateOffer> offers) {
        Map<String, LearnedResponses.Counts> counts = new HashMap<>();
        offers.forEach(offer -> counts.put(offer.id(), SURE));
        return new Learned(counts);
    }

    /**
     * a (10) and a2 (9.5) share a category; t (7.2, boosted to 9.36 by the cart) is touched; b (8) is not. The greedy
     * top 1 is a, the top 2 is a and t (a2 is a's category): an offer the untouched order puts first, then one the
     * session lifted above an untouched one, each through the one-per-category check.
     */
    private static final List<CandidateOffer> MIXED = List.of(offer("a", "ca", Set.of(), Set.of(), 10),
            offer("a2", "ca", Set.of(), Set.of(), 9.5), inCartCategory("t", "ct", 7.2), offer("b", "cb", Set.of(), Set.of(), 8));

    @Test
    void anExploringDecisionShowingTheGreedyTopOneRecordsProbabilityOne() {
        Decision decision = explored(MIXED, sure(MIXED), 1);
        // p = (1 − ε) × 1[greedy] + ε × P_TS, and every draw ranks a first: 0.5 + 0.5
        assertEquals(Map.of("a", 1.0), probabilities(decision));
    }

    @Test
    void anExploringDecisionShowingTheGreedyTopTwoRecordsProbabilityOneForBoth() {
        Decision decision = explored(MIXED, sure(MIXED), 2);
        Map<String, Double> p = probabilities(decision);
        assertEquals(Set.of("a", "t"), p.keySet(), "t, lifted by the cart above b; a2 is a's category");
        p.values().forEach(probability -> assertEquals(1.0, probability, 1e-12));
    }

    @Test
    void aTouchedOfferIsNotMetAgainInTheGreedyWalksPreparedOrder() {
        // t (no category, 8.5, boosted to 11.05 by the cart) ranks second in the prepared order (8.5) but first for this
        // person: the greedy top 3 is t, a, b; met again at its prepared rank, t would take b's place
        List<CandidateOffer> offers = List.of(offer("a", "ca", Set.of(), Set.of(), 10),
                inCartCategory("t", null, 8.5), offer("b", "cb", Set.of(), Set.of(), 8));
        Decision decision = explored(offers, sure(offers), 3);
        assertEquals(Map.of("t", 1.0, "a", 1.0, "b", 1.0), probabilities(decision));
    }

    @Test
    void theGreedyTopWeighsTheStrategysLevers() {
        // b's value 4 × lever 3 beats a's 10 × 1: b is the greedy choice and every draw's
        List<CandidateOffer> offers = List.of(offer("a", "ca", Set.of(), Set.of(), 10),
                Fixtures.withLever(offer("b", "cb", Set.of(), Set.of(), 4), 3));
        Decision decision = explored(offers, sure(offers), 1);
        assertEquals(Map.of("b", 1.0), probabilities(decision));
    }

    @Test
    void aTouchedOfferIsDrawnFromItsScoreWithoutItsLearnedLift() {
        // zeta: 20 × learned lift 0.5 × 1.3; alpha: 9 × 1 × 1.3. Every draw multiplies 20 (not 10) by a drawn rate of 2.5 %
        // against 9 by 5 %: zeta first, as in the greedy ranking
        List<CandidateOffer> offers = List.of(inCartCategory("zeta", "cz", 20), inCartCategory("alpha", "cal", 9));
        Learned learned = new Learned(Map.of("zeta", HALF, "alpha", SURE));
        Decision decision = explored(offers, learned, 1);
        assertEquals(Map.of("zeta", 1.0), probabilities(decision));
    }

    @Test
    void theGreedyTopRanksTouchedOffersBestFirst() {
        // a dozen offers the cart touches, 20 down to 9: the greedy choice is the first, whatever order they were met in
        List<CandidateOffer> offers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            offers.add(inCartCategory("t" + (char) ('a' + i), "c" + i, 20 - i));
        }
        Decision decision = explored(offers, sure(offers), 1);
        assertEquals(Map.of("ta", 1.0), probabilities(decision));
    }

    @Test
    void touchedOffersTheDecisionDidNotShowStillCompeteInTheDraws() {
        // a and b alike, never shown, both touched by the cart: the greedy ranking takes a (by id), a draw either:
        // p(a) = 0.5 + 0.5 × ~0.5, p(b) = 0.5 × ~0.5
        List<CandidateOffer> offers = List.of(inCartCategory("a", "ca", 5), inCartCategory("b", "cb", 5));
        assertAlikeShare(decisions(engine, offers, LearnedResponses.NONE, 1, 30));
    }

    private static void assertAlikeShare(List<Decision> decisions) {
        int showingA = 0;
        for (Decision decision : decisions) {
            RankedOffer shown = decision.offers().get(0);
            if (shown.offer().id().equals("a")) {
                showingA++;
                assertTrue(shown.showProbability() > 0.62 && shown.showProbability() < 0.88, "a: " + shown.showProbability());
            } else {
                assertTrue(shown.showProbability() > 0.12 && shown.showProbability() < 0.38, "b: " + shown.showProbability());
            }
        }
        assertTrue(showingA > 10, "most decisions show a: " + showingA);
    }

    /**
     * a (10, known) beats c (8, never shown) unless c draws a rate above 6.25 %: c wins 29 % of the draws
     * ((1 − 0.0625)^19 = 0.293), so p(a) = 0.5 + 0.5 × 0.71 ≈ 0.85. d (0.5, never shown) could not enter the top 1 within
     * 4 standard deviations: left out of the pool.
     */
    private static void assertARivalledByC(List<Decision> decisions) {
        int showingA = 0;
        for (Decision decision : decisions) {
            RankedOffer shown = decision.offers().get(0);
            if (shown.offer().id().equals("a")) {
                showingA++;
                assertTrue(shown.showProbability() > 0.7 && shown.showProbability() < 0.97, "a: " + shown.showProbability());
            } else {
                assertEquals("c", shown.offer().id());
                assertTrue(decision.explored());
                assertTrue(shown.showProbability() > 0.05 && shown.showProbability() < 0.26, "c: " + shown.showProbability());
            }
        }
        assertTrue(showingA > 15, "most decisions show a: " + showingA);
    }

    @Test
    void thePoolTakesTheRivalsOfBestOptimisticScoreFirst() {
        List<CandidateOffer> offers = List.of(offer("a", "ca", Set.of(), Set.of(), 10), offer("c", "cc", Set.of(), Set.of(), 8),
                offer("d", "cd", Set.of(), Set.of(), 0.5));
        assertARivalledByC(decisions(engine, offers, new Learned(Map.of("a", SURE)), 1, 30));
    }

    @Test
    void aPoolOfOneKeepsTheTouchedRivalOfBestOptimisticScore() {
        // the same offers touched by the cart, a pool bound of 1 and three weak rivals: c is the one kept
        DecisionEngine onePooled = new DecisionEngine(ScoringPolicy.DEFAULT, ContactPolicy.DEFAULT, new ShowProbabilities.Bounds(100, 1));
        assertEquals(new ShowProbabilities.Bounds(100, 1), onePooled.bounds());
        List<CandidateOffer> offers = List.of(inCartCategory("d1", "cd1", 0.5), inCartCategory("d2", "cd2", 0.4),
                inCartCategory("a", "ca", 10), inCartCategory("d3", "cd3", 0.3), inCartCategory("c", "cc", 8));
        assertARivalledByC(decisions(onePooled, offers, new Learned(Map.of("a", SURE)), 1, 30));
    }
}
