package dev.pertinence.evaluation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.EligibilityRule;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The figures of an evaluation, worked by hand: hits, precision, recall, coverage and their intervals. */
class ScorecardTest {

    private static final Map<String, String> CATEGORIES = Map.of("yogurt", "dairy", "cream", "dairy", "beer", "drinks");

    private static CandidateOffer offer(String id, Set<String> skus, Set<String> categories) {
        return new CandidateOffer(id, id, id, null, skus, categories, null, null, 1.0, 1.0, EligibilityRule.ALWAYS);
    }

    private static final CandidateOffer YOGURT = offer("yogurt", Set.of("yogurt"), Set.of());
    private static final CandidateOffer BEER = offer("beer", Set.of("beer"), Set.of());
    private static final CandidateOffer DAIRY = offer("dairy", Set.of(), Set.of("dairy"));
    private static final CandidateOffer BREAD = offer("bread", Set.of("bread"), Set.of());

    @Test
    void anOfferAnswersByItsProductOrByTheCategoryOfWhatWasBought() {
        Scorecard.CaseScore score = Scorecard.score(List.of(YOGURT, DAIRY, BREAD), Set.of("yogurt", "cream", "beer"),
                CATEGORIES::get);
        assertEquals(2, score.answeringOffers(), "yogurt by its SKU, dairy by the category of yogurt and cream; bread answers nothing");
        assertEquals(2, score.coveredItems(), "yogurt and cream are covered, beer is not");
        assertEquals(3, score.answerItems());
        assertEquals(new Scorecard.CaseScore(0, 0, 1), Scorecard.score(List.of(BREAD, BEER), Set.of("cream"), CATEGORIES::get));
    }

    @Test
    void hitRateHasAWilsonIntervalPrecisionAndRecallANormalOne() {
        Scorecard card = new Scorecard("strategy", 2);
        // per case: precision@2 = answering / 2, recall = covered / answer items
        card.add(List.of(YOGURT, BEER), new Scorecard.CaseScore(2, 2, 2));   // hit, precision 1,   recall 1
        card.add(List.of(YOGURT, BREAD), new Scorecard.CaseScore(1, 1, 2));  // hit, precision 0.5, recall 0.5
        card.add(List.of(BREAD), new Scorecard.CaseScore(0, 0, 1));          // miss, precision 0,  recall 0
        card.add(List.of(DAIRY, BREAD), new Scorecard.CaseScore(1, 2, 4));   // hit, precision 0.5, recall 0.5
        StrategyFigures figures = card.figures(8);

        assertEquals(4, figures.cases());
        assertEquals(3, figures.hits());
        // Wilson 95 % for 3 of 4: centre (0.75 + z²/8) / (1 + z²/4), half-width z √(pq/n + z²/4n²) / (1 + z²/4)
        assertEquals(0.75, figures.hitRate().value(), 1e-12);
        assertEquals(0.30064, figures.hitRate().low(), 1e-4);
        assertEquals(0.95441, figures.hitRate().high(), 1e-4);
        // precision: mean 0.5, sample variance (0.25 + 0 + 0.25 + 0) / 3, half-width 1.96 √(var / 4)
        assertEquals(0.5, figures.precision().value(), 1e-12);
        assertEquals(0.5 - 1.959964 * Math.sqrt(0.5 / 3 / 4), figures.precision().low(), 1e-5);
        assertEquals(0.5 + 1.959964 * Math.sqrt(0.5 / 3 / 4), figures.precision().high(), 1e-5);
        assertEquals(0.5, figures.recall().value(), 1e-12);
        // coverage: yogurt, beer, bread, dairy reached a top 2, of 8 candidates
        assertEquals(4, figures.offersShown());
        assertEquals(0.5, figures.coverage(), 1e-12);
    }

    @Test
    void aShareIntervalStaysWithinZeroAndOne() {
        Scorecard card = new Scorecard("strategy", 1);
        card.add(List.of(YOGURT), new Scorecard.CaseScore(1, 1, 1));
        card.add(List.of(YOGURT), new Scorecard.CaseScore(1, 1, 1));
        card.add(List.of(BREAD), new Scorecard.CaseScore(0, 0, 3));
        StrategyFigures figures = card.figures(2);
        assertEquals(2 / 3.0, figures.precision().value(), 1e-12);
        assertEquals(1.0, figures.precision().high(), 1e-12, "the normal interval passes 1 here: clipped");
        assertEquals(0.0, card.figures(0).coverage(), "no candidate: no coverage rather than a division by zero");
    }

    @Test
    void onlyTheTopKCountAndTooFewCasesGiveNoMeanInterval() {
        Scorecard card = new Scorecard("popularity", 1);
        assertNull(card.figures(3).hitRate().low(), "no case: no interval");
        card.add(List.of(YOGURT, BEER, BREAD), new Scorecard.CaseScore(3, 1, 1));
        StrategyFigures figures = card.figures(3);
        assertEquals(1.0, figures.precision().value(), 1e-12, "at most k answering offers count");
        assertNull(figures.precision().low(), "one case: no interval for a mean");
        assertEquals(1, figures.offersShown(), "only the top 1 is shown");
        assertEquals(0.2065, figures.hitRate().low(), 1e-4, "Wilson for 1 of 1 still has one");
        assertThrows(IllegalArgumentException.class, () -> new Scorecard("strategy", 0));
    }
}
