package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How common a target is: by SKU or by category, 0 when unknown or absent. */
class PopularityTest {

    private static final Popularity POPULARITY = new Popularity(Map.of("yogurt", 0.14), Map.of("dairy", 0.3));

    @Test
    void aCategorysShareIsItsOwnAndNothingForNoCategory() {
        assertEquals(0.3, POPULARITY.ofCategory("dairy"), 1e-12);
        assertEquals(0.0, POPULARITY.ofCategory("drinks"), 1e-12);
        assertEquals(0.0, POPULARITY.ofCategory(null), 1e-12);
        assertEquals(0.14, POPULARITY.ofSku("yogurt"), 1e-12);
        assertEquals(0.0, POPULARITY.ofSku("beer"), 1e-12);
    }

    @Test
    void aCategoryTargetRanksAColdStartOfferByHowCommonItIs() {
        // dairy week: max(0.01, 0.5 × 0.3) × 10 = 1.5 beats yogurt deal: max(0.01, 0.5 × 0.14) × 10 = 0.7
        CandidateOffer dairy = Fixtures.offer("dairy-week", "a", Set.of(), Set.of("dairy"), 10);
        CandidateOffer yogurt = Fixtures.offer("yogurt-deal", "b", Set.of("yogurt"), Set.of(), 10);
        Decision decision = new DecisionEngine(ScoringPolicy.DEFAULT).decide(Fixtures.snapshot(null, List.of(),
                Fixtures.emptySession(), Map.of(), POPULARITY, List.of(yogurt, dairy), 2, false));
        assertEquals(List.of("dairy-week", "yogurt-deal"), decision.offers().stream().map(o -> o.offer().id()).toList());
        assertEquals(0.3, decision.offers().get(0).popularity(), 1e-12);
        assertEquals(1.5, decision.offers().get(0).score(), 1e-12);
    }
}
