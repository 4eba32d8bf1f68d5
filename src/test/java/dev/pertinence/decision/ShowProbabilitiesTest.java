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
    void theGreedyWinnerIsDrawnAndJudgedEvenWhenRarelyShownOffersFillThePoolByOptimism() {
        // w is the clear greedy winner (accepted in 1 of 10 of 2,000 impressions, value 10) but its optimistic score is
        // below the 40 offers never shown (the prior's mean + 4 sd: a lift of 4.8); n39 (value 9) is the best of those,
        // greedy below w. Were the pool taken by optimism alone, w would be left out of it: n39 would be judged the
        // greedy choice (p ≥ 1 − ε) and would not compete with w in the draws (P_TS overstated)
        List<CandidateOffer> offers = new ArrayList<>();
        offers.add(offer("w", "cw", Set.of(), Set.of(), 10));
        for (int i = 0; i < 39; i++) {
            offers.add(offer("n" + i, "c" + i, Set.of(), Set.of(), 6 + i / 100.0));
        }
        offers.add(offer("n39", "c39", Set.of(), Set.of(), 9));
        Learned learned = new Learned(Map.of("w", new LearnedResponses.Counts(2_000, 200)));
        double epsilon = 0.5;
        int runs = 3_000;
        Map<String, Integer> shown = new HashMap<>();
        Map<String, Double> recorded = new HashMap<>();
        int exploredShowingAnother = 0;
        SplittableRandom random = new SplittableRandom(77);
        for (int run = 0; run < runs; run++) {
            Decision decision = decide(engine, epsilon, offers, learned, 1, random.split());
            RankedOffer offer = decision.offers().get(0);
            String id = offer.offer().id();
            shown.merge(id, 1, Integer::sum);
            recorded.merge(id, offer.showProbability(), Double::sum);
            if (!decision.explored()) {
                assertEquals("w", id, "not exploring, the greedy ranking shows w");
            }
            if (id.equals("w")) {
                assertTrue(offer.showProbability() >= 1 - epsilon, "w is the greedy choice: " + offer.showProbability());
            } else {
                assertTrue(decision.explored());
                assertTrue(offer.showProbability() <= epsilon + 1e-12, id + " is not greedy: p = ε · P_TS, not "
                        + offer.showProbability());
                exploredShowingAnother++;
            }
        }
        assertTrue(exploredShowingAnother > 100, "exploration shows the offers never shown: " + exploredShowingAnother);
        assertTrue(shown.getOrDefault("n39", 0) > 20, "n39 is shown by exploration: " + shown);
        for (String id : List.of("w", "n39")) {
            double frequency = shown.get(id) / (double) runs;
            double meanRecorded = recorded.get(id) / shown.get(id);
            assertEquals(frequency, meanRecorded, 0.03, id + ": shown in " + frequency + ", recorded " + meanRecorded);
        }
    }

    @Test
    void theGreedyTopIsWhatTheDecisionsOwnChecksLetThrough() {
        // greedy order: ruled (its rule is false), expired (out of its window), carted (touched: its SKU is in the cart,
        // in-market boost: the cart holds its category), twin, twin2 (twin's category), other. The greedy top 2 is carted and twin: an exploring
        // decision showing them gives them 1 − ε at least, any other ≤ ε; a decision that did not explore shows them
        Map<String, Integer> evaluations = new HashMap<>();
        List<CandidateOffer> offers = List.of(
                Fixtures.withRule(offer("ruled", "cr", Set.of(), Set.of(), 100), counting(evaluations, "ruled", false)),
                Fixtures.validBetween(offer("expired", "ce", Set.of(), Set.of(), 90), NOW.minusSeconds(7_200), NOW.minusSeconds(3_600)),
                Fixtures.withRule(offer("carted", "ck", Set.of(), Set.of("ck"), 75), counting(evaluations, "carted", true)),
                Fixtures.withRule(offer("twin", "ct", Set.of(), Set.of(), 80), counting(evaluations, "twin", true)),
                Fixtures.withRule(offer("twin2", "ct", Set.of(), Set.of(), 70), counting(evaluations, "twin2", true)),
                Fixtures.withRule(offer("other", "co", Set.of(), Set.of(), 60), counting(evaluations, "other", true)));
        Strategy strategy = new Strategy(Strategy.Kind.PERSONALISED, Map.of(), 0.5);
        CandidateSet candidates = CandidateSet.of(offers, Popularity.NONE, ScoringPolicy.DEFAULT, LearnedResponses.NONE, "gold",
                strategy);
        SessionContext cart = Fixtures.session(List.of("sku-k"), null, Map.of("sku-k", new SessionContext.ProductInfo("K", "ck")));
        SplittableRandom random = new SplittableRandom(5);
        Set<String> greedy = Set.of("carted", "twin");
        int explored = 0;
        for (int run = 0; run < 300; run++) {
            evaluations.clear();
            Decision decision = engine.decide(new Snapshot(NOW, customer("c1", List.of("gold")), List.of(), cart, Map.of(), true,
                    candidates, 2, false, false, ContactHistory.NONE, LearnedResponses.NONE, random.split()));
            evaluations.forEach((id, times) -> assertEquals(1, times, id + "'s rule evaluated once per decision"));
            assertTrue(evaluations.containsKey("ruled"), "the rule of the best offer is judged");
            Set<String> ids = new java.util.HashSet<>();
            for (RankedOffer offer : decision.offers()) {
                ids.add(offer.offer().id());
                if (decision.explored() && !greedy.contains(offer.offer().id())) {
                    assertTrue(offer.showProbability() <= 0.5 + 1e-12, offer.offer().id() + ": " + offer.showProbability());
                } else {
                    assertTrue(offer.showProbability() >= 0.5, offer.offer().id() + ": " + offer.showProbability());
                }
            }
            assertTrue(!ids.contains("ruled") && !ids.contains("expired"), ids.toString());
            if (decision.explored()) {
                explored++;
            } else {
                assertEquals(greedy, ids);
            }
        }
        assertTrue(explored > 100 && explored < 200, "half the decisions explore: " + explored);
    }

    @Test
    void aRuleIsEvaluatedOnceADecisionAndItsErrorsCountedOnce() {
        // every offer's rule counts its evaluations; the estimate's walks ask again about the offers the decision judged
        Map<String, Integer> evaluations = new HashMap<>();
        List<CandidateOffer> offers = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            String id = "r" + i;
            EligibilityRule rule = i % 3 == 0 ? variables -> {
                evaluations.merge(id, 1, Integer::sum);
                return RuleVerdict.error("no such field");
            } : counting(evaluations, id, i % 3 == 1);
            offers.add(Fixtures.withRule(offer(id, "c" + i, Set.of(), Set.of(), 20 - i), rule));
        }
        SplittableRandom random = new SplittableRandom(8);
        int evaluatedPastTheDecision = 0;
        for (int run = 0; run < 200; run++) {
            evaluations.clear();
            Decision decision = decide(engine, 0.3, offers, LEARNED, 2, random.split());
            evaluations.forEach((id, times) -> assertEquals(1, times, id + "'s rule evaluated once per decision"));
            assertEquals(2, decision.offers().size());
            if (evaluations.size() > 5) {
                evaluatedPastTheDecision++; // the pool's eligibility reaches offers the decision did not
            }
        }
        assertTrue(evaluatedPastTheDecision > 0);
        evaluations.clear();
        decide(engine, 0.0, offers, LEARNED, 2, null);
        assertEquals(Map.of("r0", 1, "r1", 1, "r2", 1, "r3", 1, "r4", 1), evaluations,
                "a strategy that never explores judges only what its walk reaches");
    }

    private static EligibilityRule counting(Map<String, Integer> evaluations, String id, boolean eligible) {
        return variables -> {
            evaluations.merge(id, 1, Integer::sum);
            return eligible ? RuleVerdict.ELIGIBLE : RuleVerdict.NOT_ELIGIBLE;
        };
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
