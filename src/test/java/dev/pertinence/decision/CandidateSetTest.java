package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pertinence.decision.Fixtures.Learned;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The candidates prepared for an exploring strategy: besides the order by score, the optimistic score of each (base
 * propensity × value × lever × the posterior's mean + 4 sd as a lift) and the order by it, which the show-probability
 * pool walks; and where each offer stands in the prepared order.
 */
class CandidateSetTest {

    private static final Strategy EXPLORING = new Strategy(Strategy.Kind.PERSONALISED, Map.of(), 0.1);
    /** Known: a rate of 5 % (lift 1) within ± 0.02 %: an optimistic lift of 1.01743. */
    private static final LearnedResponses.Counts KNOWN = new LearnedResponses.Counts(1_000_000, 50_000);

    /** known (10, answered a million times), fresh (5, never shown), mid (3, never shown), levered (2 × lever 2). */
    private static CandidateSet candidates() {
        List<CandidateOffer> offers = List.of(offer("mid", "c3", Set.of(), Set.of(), 3), offer("known", "c1", Set.of(), Set.of(), 10),
                Fixtures.withLever(offer("levered", "c4", Set.of("sku-l"), Set.of(), 2), 2), offer("fresh", "c2", Set.of(), Set.of(), 5));
        Popularity popularity = new Popularity(Map.of("sku-l", 0.1), Map.of()); // levered: a base propensity of 0.5 × 0.1
        return CandidateSet.of(offers, popularity, ScoringPolicy.DEFAULT, new Learned(Map.of("known", KNOWN)), "gold", EXPLORING);
    }

    @Test
    void theOptimisticScoreIsTheBaseScoreTimesTheOptimisticLift() {
        CandidateSet candidates = candidates();
        // prepared order by score: levered (0.05 × 2 × 2 = 0.2), known (0.01 × 10 × 1.0 = 0.1), fresh (0.05), mid (0.03)
        assertEquals(List.of("levered", "known", "fresh", "mid"),
                List.of(candidates.offerAt(0).id(), candidates.offerAt(1).id(), candidates.offerAt(2).id(), candidates.offerAt(3).id()));
        double fresh = 4.80476; // (0.05 + 4 × 0.04756) / 0.05: the prior Beta(1, 19)
        assertEquals(0.2 * fresh, candidates.optimismAt(0), 1e-5);
        assertEquals(0.1 * 1.01743, candidates.optimismAt(1), 1e-5);
        assertEquals(0.05 * fresh, candidates.optimismAt(2), 1e-5);
        assertEquals(0.03 * fresh, candidates.optimismAt(3), 1e-5);
    }

    @Test
    void theOrderByOptimismPutsTheLeastKnownFirst() {
        CandidateSet candidates = candidates();
        // by optimistic score: levered 0.96, fresh 0.24, mid 0.144, known 0.102 (best by score, the least uncertain)
        assertEquals(List.of(0, 2, 3, 1),
                List.of(candidates.byOptimism(0), candidates.byOptimism(1), candidates.byOptimism(2), candidates.byOptimism(3)));
    }

    @Test
    void eachOfferKnowsItsRankInThePreparedOrder() {
        CandidateSet candidates = candidates();
        assertEquals(0, candidates.rankOf("levered"));
        assertEquals(2, candidates.rankOf("fresh"));
        assertEquals(3, candidates.rankOf("mid"));
        assertEquals(-1, candidates.rankOf("not-a-candidate"));
    }
}
