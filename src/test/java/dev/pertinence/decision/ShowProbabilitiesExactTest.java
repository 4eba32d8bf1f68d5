package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/**
 * The show-probability estimate computed exactly: entries whose posteriors are so narrow that every draw ranks them the
 * same way (a million impressions), so P_TS is 0 or 1 and each probability is known to the last digit; the number of
 * rankings drawn; the optimistic and pessimistic lifts that bound the pool; and the pool's completeness test.
 */
class ShowProbabilitiesExactTest {

    private static final ScoringPolicy POLICY = ScoringPolicy.DEFAULT;
    /** A rate of 5 % (the prior's mean: a lift of 1) known within ± 0.02 %: every draw lands within 2 % of it. */
    private static final LearnedResponses.Counts SURE = new LearnedResponses.Counts(1_000_000, 50_000);

    private static ShowProbabilities.Entry entry(String id, String category, double base) {
        return new ShowProbabilities.Entry(id, category, base, SURE);
    }

    private static Map<String, Double> estimate(List<ShowProbabilities.Entry> pool, Set<String> shown, Set<String> greedy,
                                                boolean explored, int limit, boolean sameCategory, double epsilon) {
        return ShowProbabilities.estimate(pool, shown, greedy, explored, limit, sameCategory, epsilon, POLICY, 100, 42);
    }

    @Test
    void theEntryWithTheBestDrawnScoreIsKeptWhereverItStandsInThePool() {
        for (List<ShowProbabilities.Entry> pool : List.of(List.of(entry("a", "ca", 10), entry("b", "cb", 5)),
                List.of(entry("b", "cb", 5), entry("a", "ca", 10)))) {
            // not explored, ε = 0.5: p = 0.5 × 1[greedy] + 0.5 × hits / 100
            Map<String, Double> p = estimate(pool, Set.of("a", "b"), Set.of("a"), false, 1, false, 0.5);
            assertEquals(1.0, p.get("a"), 1e-12, "greedy and in every drawn top 1: " + pool);
            assertEquals(0.0, p.get("b"), 1e-12, "never greedy, never drawn first: " + pool);
            // explored: this decision is one draw of 101
            p = estimate(pool, Set.of("a", "b"), Set.of("a"), true, 1, false, 0.5);
            assertEquals(1.0, p.get("a"), 1e-12);
            assertEquals(0.5 / 101, p.get("b"), 1e-12, "shown by this decision's own draw alone");
        }
    }

    @Test
    void equalDrawnScoresGoToTheSmallerOfferId() {
        // a base of 0 draws 0 for every entry: the ranking falls back on the id, as the decision's own does
        List<ShowProbabilities.Entry> pool = List.of(entry("b", "cb", 0), entry("c", "cc", 0), entry("a", "ca", 0));
        Map<String, Double> p = estimate(pool, Set.of("a", "b", "c"), Set.of(), false, 2, false, 0.5);
        assertEquals(Map.of("a", 0.5, "b", 0.5, "c", 0.0), p);
    }

    @Test
    void aRankingKeepsOneOfferPerCategoryUnlessAllowed() {
        List<ShowProbabilities.Entry> pool = List.of(entry("x1", "x", 10), entry("x2", "x", 9), entry("y", "y", 1));
        Set<String> all = Set.of("x1", "x2", "y");
        assertEquals(Map.of("x1", 0.5, "x2", 0.0, "y", 0.5), estimate(pool, all, Set.of(), false, 2, false, 0.5),
                "x2 is never kept beside x1: y is the second");
        assertEquals(Map.of("x1", 0.5, "x2", 0.5, "y", 0.0), estimate(pool, all, Set.of(), false, 2, true, 0.5),
                "allowed: the two best, whatever their category");
    }

    @Test
    void offersWithoutACategoryAreNeverOnePerCategory() {
        List<ShowProbabilities.Entry> pool = List.of(entry("n1", null, 10), entry("n2", null, 9), entry("y", "y", 1));
        assertEquals(Map.of("n1", 0.5, "n2", 0.5, "y", 0.0),
                estimate(pool, Set.of("n1", "n2", "y"), Set.of(), false, 2, false, 0.5));
    }

    @Test
    void aRankingLongerThanThePoolKeepsTheWholePool() {
        List<ShowProbabilities.Entry> pool = List.of(entry("a", "c", 10), entry("b", "c", 9));
        // one per category: only a is ever kept, the ranking ends short of 3
        assertEquals(Map.of("a", 1.0, "b", 0.0), estimate(pool, Set.of("a", "b"), Set.of(), false, 3, false, 1.0));
        assertEquals(Map.of("a", 1.0, "b", 1.0), estimate(pool, Set.of("a", "b"), Set.of(), false, 3, true, 1.0));
    }

    @Test
    void aShownOfferOutsideThePoolIsNeverShownByADraw() {
        List<ShowProbabilities.Entry> pool = List.of(entry("a", "ca", 10));
        Map<String, Double> p = estimate(pool, Set.of("a", "far"), Set.of("a"), true, 2, false, 0.2);
        assertEquals(1.0, p.get("a"), 1e-12);
        assertEquals(0.2 / 101, p.get("far"), 1e-12, "only this decision's own draw showed it");
        p = estimate(pool, Set.of("far"), Set.of("far"), false, 1, false, 0.2);
        assertEquals(0.8, p.get("far"), 1e-12, "greedy, never drawn: 1 − ε");
    }

    @ParameterizedTest(name = "{0} draws, ε = {1}, explored {2}: {3} rankings")
    @CsvSource({
            "100, 0.1, true, 100", // an explored decision: all of them
            "100, 0.1, false, 12", // ⌈100 × 0.1 / 0.9⌉ = ⌈11.1⌉
            "100, 0.25, false, 34", // ⌈33.3⌉
            "10, 0.3, false, 5", // ⌈4.29⌉
            "100, 0.001, false, 1", // at least one
            "100, 0.5, false, 100", // at most all
            "100, 0.9, false, 100",
            "100, 1.0, false, 100"})
    void aDecisionThatDidNotExploreDrawsFewerRankings(int draws, double epsilon, boolean explored, int rankings) {
        assertEquals(rankings, ShowProbabilities.rankings(draws, epsilon, explored));
    }

    @Test
    void aDecisionThatDidNotExploreRecordsTheShareOfItsFewerRankings() {
        // ε = 0.1: 12 rankings; the greedy a in all of them (p = 1), b in none (p = 0)
        List<ShowProbabilities.Entry> pool = List.of(entry("a", "ca", 10), entry("b", "cb", 5));
        assertEquals(Map.of("a", 1.0, "b", 0.0), estimate(pool, Set.of("a", "b"), Set.of("a"), false, 1, false, 0.1));
    }

    /** The posterior Beta(α + accepts, β + impressions − accepts): its mean and standard deviation √(m (1 − m) / (n + 1)). */
    private static double[] meanAndSd(double accepts, double impressions, ScoringPolicy policy) {
        double n = Math.max(impressions, accepts) + policy.priorAccepts() + policy.priorDeclines();
        double mean = (accepts + policy.priorAccepts()) / n;
        return new double[] {mean, Math.sqrt(mean * (1 - mean) / (n + 1))};
    }

    @ParameterizedTest(name = "{1} accepted of {0}")
    @CsvSource({"0, 0", "18, 2", "1000, 100", "40, 50", "200000, 10000"})
    void theLiftsThatBoundThePoolAreThePosteriorsMeanPlusOrMinusFourDeviations(long impressions, long accepts) {
        LearnedResponses.Counts counts = new LearnedResponses.Counts(impressions, accepts);
        double[] posterior = meanAndSd(accepts, impressions, POLICY);
        double prior = 0.05;
        assertEquals(Math.min(1, posterior[0] + 4 * posterior[1]) / prior, ShowProbabilities.optimisticLift(counts, POLICY), 1e-9);
        assertEquals(Math.max(0, posterior[0] - 4 * posterior[1]) / prior, ShowProbabilities.pessimisticLift(counts, POLICY), 1e-9);
    }

    @Test
    void liftsForKnownCountsInFigures() {
        // 100 accepted of 1,000: Beta(101, 919), mean 0.0990, sd 0.00935
        assertEquals(1.23258, ShowProbabilities.pessimisticLift(new LearnedResponses.Counts(1_000, 100), POLICY), 1e-5);
        assertEquals(2.72821, ShowProbabilities.optimisticLift(new LearnedResponses.Counts(1_000, 100), POLICY), 1e-5);
        // 50 accepts reported with 40 impressions count as 50 of 50: Beta(51, 19), mean 0.729, sd 0.0528
        assertEquals(10.3494, ShowProbabilities.pessimisticLift(new LearnedResponses.Counts(40, 50), POLICY), 1e-4);
        assertEquals(18.7935, ShowProbabilities.optimisticLift(new LearnedResponses.Counts(40, 50), POLICY), 1e-4);
    }

    @Test
    void theOptimisticRateIsClippedToOneAndThePessimisticToZero() {
        ScoringPolicy even = new ScoringPolicy(30, 0.5, 0.01, 1.3, 20, 200, 1, 1); // a prior mean of 0.5, sd 0.29
        assertEquals(2.0, ShowProbabilities.optimisticLift(LearnedResponses.Counts.NONE, even), 1e-12, "a rate of 1 over 0.5");
        assertEquals(0.0, ShowProbabilities.pessimisticLift(LearnedResponses.Counts.NONE, even), 1e-12);
    }

    @Test
    void thePoolIsCompleteWhenTheNthBestPessimisticScoreBeatsTheNextOptimisticOne() {
        assertFalse(ShowProbabilities.complete(List.of(), 1, 0.0), "nothing kept yet");
        assertFalse(ShowProbabilities.complete(List.of(0.9), 2, 0.0), "fewer categories than the limit: anything could enter");
        assertTrue(ShowProbabilities.complete(List.of(0.5), 1, 0.4));
        assertFalse(ShowProbabilities.complete(List.of(0.5), 1, 0.5), "a tie could still enter");
        assertFalse(ShowProbabilities.complete(List.of(0.5), 1, 0.6));
        // the n-th best, not the n-th listed
        assertTrue(ShowProbabilities.complete(List.of(0.1, 0.9), 1, 0.5));
        assertFalse(ShowProbabilities.complete(List.of(0.9, 0.1), 2, 0.5));
        assertTrue(ShowProbabilities.complete(List.of(0.6, 0.1, 0.9), 2, 0.5));
        assertFalse(ShowProbabilities.complete(List.of(0.6, 0.1, 0.9), 2, 0.6));
    }
}
