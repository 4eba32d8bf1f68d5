package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.customer;
import static dev.pertinence.decision.Fixtures.emptySession;
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
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * The probability an offer would have been shown, recorded with every offer an exploring strategy shows: checked
 * exactly where it is known, and against the frequency with which the real core shows each offer over thousands of
 * seeded decisions where it is not.
 */
class ShowProbabilitiesTest {

    private final DecisionEngine engine = new DecisionEngine(ScoringPolicy.DEFAULT);

    private Decision decide(DecisionEngine core, double exploration, List<CandidateOffer> offers, LearnedResponses learned,
                            int limit, RandomGenerator random) {
        Strategy strategy = new Strategy(Strategy.Kind.PERSONALISED, Map.of(), exploration);
        CandidateSet candidates = CandidateSet.of(offers, Popularity.NONE, ScoringPolicy.DEFAULT, learned, "gold", strategy);
        return core.decide(new Snapshot(NOW, customer("c1", List.of("gold")), List.of(), emptySession(), Map.of(), true,
                candidates, limit, false, false, ContactHistory.NONE, learned, random));
    }

    private static List<CandidateOffer> four() {
        return List.of(offer("a", "ca", Set.of(), Set.of(), 10), offer("b", "cb", Set.of(), Set.of(), 9),
                offer("c", "cc", Set.of(), Set.of(), 8), offer("d", "cd", Set.of(), Set.of(), 4));
    }

    /** a is accepted often, b was rarely shown, c and d seldom accepted: the posteriors overlap, the greedy choice is a. */
    private static final Learned LEARNED = new Learned(Map.of("a", new LearnedResponses.Counts(100, 8),
            "b", new LearnedResponses.Counts(3, 0), "c", new LearnedResponses.Counts(50, 2), "d", new LearnedResponses.Counts(20, 3)));

    @Test
    void aStrategyThatNeverExploresShowsWithProbabilityOne() {
        Decision decision = decide(engine, 0.0, four(), LEARNED, 2, null);
        assertEquals(2, decision.offers().size());
        decision.offers().forEach(offer -> assertEquals(1.0, offer.showProbability()));
    }

    @Test
    void offersEveryRankingHoldsAreShownWithProbabilityOne() {
        // a top 4 of 4 eligible offers: whatever the draw, each is in it
        Decision decision = decide(engine, 0.3, four(), LEARNED, 4, new SplittableRandom(3));
        assertEquals(4, decision.offers().size());
        decision.offers().forEach(offer -> assertEquals(1.0, offer.showProbability(), 1e-12));
    }

    @Test
    void anOfferNoRuleAdmitsNeverCompetes() {
        // b's rule is false: a is the only offer a ranking can hold, in every draw
        List<CandidateOffer> offers = List.of(offer("a", "ca", Set.of(), Set.of(), 1),
                Fixtures.withRule(offer("b", "cb", Set.of(), Set.of(), 100), variables -> RuleVerdict.NOT_ELIGIBLE));
        Decision decision = decide(engine, 0.5, offers, LearnedResponses.NONE, 1, new SplittableRandom(1));
        assertEquals("a", decision.offers().get(0).offer().id());
        assertEquals(1.0, decision.offers().get(0).showProbability(), 1e-12);
    }

    @Test
    void twoOffersAlikeShareTheExploringDecisionsEvenly() {
        // equal values and no answers: the greedy ranking takes a (by id), a draw takes either with probability 1/2:
        // p(a) = 0.5 × 1 + 0.5 × 0.5 = 0.75, p(b) = 0.5 × 0.5 = 0.25 (estimated from 100 draws: ± 0.05 × 0.5 × 2)
        List<CandidateOffer> offers = List.of(offer("a", "ca", Set.of(), Set.of(), 5), offer("b", "cb", Set.of(), Set.of(), 5));
        SplittableRandom random = new SplittableRandom(11);
        for (int i = 0; i < 50; i++) {
            RankedOffer shown = decide(engine, 0.5, offers, LearnedResponses.NONE, 1, random).offers().get(0);
            assertEquals(shown.offer().id().equals("a") ? 0.75 : 0.25, shown.showProbability(), 0.06, shown.offer().id());
        }
    }

    @Test
    void theRecordedProbabilityIsHowOftenTheCoreShowsTheOffer() {
        // the same decision 4,000 times with different seeds: each offer's share of the top 2 against the probability
        // its decisions recorded (the mean of what the decisions that showed it recorded)
        int runs = 4_000;
        Map<String, Integer> shown = new HashMap<>();
        Map<String, Double> recorded = new HashMap<>();
        SplittableRandom random = new SplittableRandom(2026);
        for (int run = 0; run < runs; run++) {
            for (RankedOffer offer : decide(engine, 0.4, four(), LEARNED, 2, random.split()).offers()) {
                shown.merge(offer.offer().id(), 1, Integer::sum);
                recorded.merge(offer.offer().id(), offer.showProbability(), Double::sum);
            }
        }
        for (String id : shown.keySet()) {
            double frequency = shown.get(id) / (double) runs;
            double meanRecorded = recorded.get(id) / shown.get(id);
            assertEquals(frequency, meanRecorded, 0.03, id + ": shown in " + frequency + ", recorded " + meanRecorded);
            assertTrue(meanRecorded > 0 && meanRecorded <= 1);
        }
        assertTrue(shown.keySet().containsAll(Set.of("a", "b", "c")), "exploration shows more than the greedy pair: " + shown);
    }

    @Test
    void theCostIsBoundedByThePoolWhateverTheCatalogue() {
        // 10,000 offers, every decision of the arm explores (ε = 1) or none does (ε = 0, no estimate at all); the estimate
        // walks the candidates only until none could enter the pool, and draws at most 32 offers × 100 rankings
        List<CandidateOffer> offers = new ArrayList<>();
        SplittableRandom values = new SplittableRandom(4);
        for (int i = 0; i < 10_000; i++) {
            offers.add(offer("o" + i, "cat" + i % 200, Set.of("sku" + i), Set.of(), 1 + values.nextInt(100) / 10.0));
        }
        Map<String, LearnedResponses.Counts> counts = new HashMap<>();
        for (int i = 0; i < 10_000; i += 3) {
            long impressions = values.nextInt(2_000);
            counts.put("o" + i, new LearnedResponses.Counts(impressions, values.nextLong(impressions / 5 + 1)));
        }
        Learned learned = new Learned(counts);
        DecisionEngine oneDraw = new DecisionEngine(ScoringPolicy.DEFAULT, ContactPolicy.DEFAULT, new ShowProbabilities.Bounds(1, 1));
        Map<String, Long> micros = new java.util.LinkedHashMap<>();
        SplittableRandom random = new SplittableRandom(9);
        for (int round = 0; round < 4; round++) { // the first three warm up
            measure(micros, "no exploration (no estimate)", engine, 0.0, offers, learned, random);
            measure(micros, "every decision exploring, estimate of 1 offer × 1 draw", oneDraw, 1.0, offers, learned, random);
            measure(micros, "every decision exploring, estimate of 32 offers × 100 draws", engine, 1.0, offers, learned, random);
            measure(micros, "arm exploring 10 %, estimate of 1 offer × 1 draw", oneDraw, 0.1, offers, learned, random);
            measure(micros, "arm exploring 10 %, estimate on each decision", engine, 0.1, offers, learned, random);
        }
        System.out.println("Pure core, 10,000 offers, µs per decision: " + micros);
    }

    private void measure(Map<String, Long> micros, String what, DecisionEngine core, double exploration, List<CandidateOffer> offers,
                         LearnedResponses learned, SplittableRandom random) {
        Strategy strategy = new Strategy(Strategy.Kind.PERSONALISED, Map.of(), exploration);
        CandidateSet candidates = CandidateSet.of(offers, Popularity.NONE, ScoringPolicy.DEFAULT, learned, "gold", strategy);
        int decisions = 200;
        long started = System.nanoTime();
        for (int i = 0; i < decisions; i++) {
            Decision decision = core.decide(new Snapshot(NOW, customer("c1", List.of("gold")), List.of(), emptySession(), Map.of(),
                    true, candidates, 3, false, false, ContactHistory.NONE, learned, random.split()));
            decision.offers().forEach(offer -> assertTrue(offer.showProbability() > 0 && offer.showProbability() <= 1));
            if (exploration == 0.0) {
                assertTrue(decision.offers().stream().allMatch(offer -> offer.showProbability() == 1.0));
            }
        }
        micros.put(what, (System.nanoTime() - started) / 1_000 / decisions);
    }
}
