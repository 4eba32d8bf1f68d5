package dev.pertinence.decision;

import dev.pertinence.decision.Fixtures.Learned;
import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.bought;
import static dev.pertinence.decision.Fixtures.customer;
import static dev.pertinence.decision.Fixtures.emptySession;
import static dev.pertinence.decision.Fixtures.neighbour;
import static dev.pertinence.decision.Fixtures.offer;
import static dev.pertinence.decision.Fixtures.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The strongest reason in words an agent says on the phone: no figure, no lift, no rule (the card's talking points). */
class PlainReasonTest {

    private final DecisionEngine engine = new DecisionEngine(ScoringPolicy.DEFAULT);

    private RankedOffer only(CandidateOffer offer, Popularity popularity, List<PastPurchase> history,
                             Map<String, List<Neighbour>> neighbours, SessionContext context, LearnedResponses learned) {
        return engine.decide(new Snapshot(NOW, customer("c1", List.of("gold")), history, context, neighbours, true,
                CandidateSet.of(List.of(offer), popularity, ScoringPolicy.DEFAULT, learned, "gold"), 1, false, false,
                ContactHistory.NONE, learned)).offers().get(0);
    }

    @Test
    void aPurchaseThatLeadsToTheOfferIsSaidWithoutItsFigures() {
        CandidateOffer prints = Fixtures.withRule(offer("prints", "photo", Set.of("sku-prints"), Set.of(), 10), v -> RuleVerdict.ELIGIBLE);
        RankedOffer ranked = only(prints, new Popularity(Map.of("sku-prints", 0.3), Map.of()),
                List.of(bought("sku-camera", "Digital camera", "photo", 2)),
                Map.of("sku-camera", List.of(neighbour("sku-prints", "photo", 0.45, 3.94))), emptySession(), LearnedResponses.NONE);
        assertEquals("Bought Digital camera 2 days ago", ranked.plainReason());
        assertEquals("Bought Digital camera 2 days ago: 45 % of baskets with it also hold sku-prints (lift 3.9)",
                ranked.reasons().get(0), "the technical reason stays as it was");
    }

    @Test
    void theProductInHandIsSaidWhenNoPurchaseLeadsToTheOffer() {
        // viewed, not in the cart (an offer whose targets are all in the cart is left out, IN_CART)
        SessionContext cart = session(List.of(), "sku-tripod", Map.of("sku-tripod", new SessionContext.ProductInfo("Tripod", "photo")));
        RankedOffer tripod = only(offer("tripod-deal", "photo", Set.of("sku-tripod"), Set.of("photo"), 10), Popularity.NONE, List.of(),
                Map.of(), cart, LearnedResponses.NONE);
        assertEquals("Tripod is in this session", tripod.plainReason());
    }

    @Test
    void whatPeopleLikeThemAcceptedIsSaidWhenItLiftsTheOffer() {
        Learned liked = new Learned(Map.of("socks", new LearnedResponses.Counts(100, 40)));
        assertEquals("Customers like them often accept it", only(offer("socks", "a", Set.of("sku-socks"), Set.of(), 10),
                new Popularity(Map.of("sku-socks", 0.2), Map.of()), List.of(), Map.of(), emptySession(), liked).plainReason(),
                "learnt beats popular");
        Learned disliked = new Learned(Map.of("socks", new LearnedResponses.Counts(1000, 1)));
        assertNull(only(offer("socks", "a", Set.of("sku-socks"), Set.of(), 10), Popularity.NONE, List.of(), Map.of(), emptySession(),
                disliked).plainReason(), "rarely accepted: nothing to say for it");
        Learned shownNeverAccepted = new Learned(Map.of("socks", new LearnedResponses.Counts(1, 0)));
        assertNull(only(offer("socks", "a", Set.of("sku-socks"), Set.of(), 10), Popularity.NONE, List.of(), Map.of(), emptySession(),
                shownNeverAccepted).plainReason());
    }

    @Test
    void aPopularOfferIsSaidToBePopularAndAnOfferNothingSpeaksForHasNoPlainReason() {
        CandidateOffer socks = offer("socks", "clothing", Set.of("sku-socks"), Set.of(), 10);
        assertEquals("A popular choice with our customers", only(socks, new Popularity(Map.of("sku-socks", 0.1), Map.of()), List.of(),
                Map.of(), emptySession(), LearnedResponses.NONE).plainReason());
        assertNull(only(socks, Popularity.NONE, List.of(), Map.of(), emptySession(), LearnedResponses.NONE).plainReason());
        CandidateOffer ruled = Fixtures.withRule(offer("ruled", "c", Set.of(), Set.of(), 5), v -> RuleVerdict.ELIGIBLE);
        assertNull(only(ruled, Popularity.NONE, List.of(), Map.of(), emptySession(), LearnedResponses.NONE).plainReason(),
                "a service offer that meets its rule: nothing personal to say");
    }

    @Test
    void aRankedOfferMovedUpKeepsItsPlainReason() {
        CandidateOffer socks = offer("socks", "clothing", Set.of("sku-socks"), Set.of(), 10);
        RankedOffer ranked = only(socks, new Popularity(Map.of("sku-socks", 0.1), Map.of()), List.of(), Map.of(), emptySession(),
                LearnedResponses.NONE);
        assertEquals(ranked.plainReason(), ranked.at(2).plainReason());
        assertNull(new RankedOffer(socks, 1, 1, 1, 0, 0, 1, 1, 1, List.of(), "m", 1, false).plainReason());
    }

    @Test
    void acceptedExactlyAsOftenAsAssumedIsNotOften() {
        // 1 accept in 20 impressions: (1 + 1) / (20 + 20) = the prior's 5 %, a learned lift of exactly 1
        Learned asAssumed = new Learned(Map.of("socks", new LearnedResponses.Counts(20, 1)));
        RankedOffer socks = only(offer("socks", "a", Set.of("sku-socks"), Set.of(), 10), Popularity.NONE, List.of(), Map.of(),
                emptySession(), asAssumed);
        assertEquals(1.0, socks.learnedLift());
        assertNull(socks.plainReason());
        Learned justAbove = new Learned(Map.of("socks", new LearnedResponses.Counts(19, 1)));
        assertEquals("Customers like them often accept it", only(offer("socks", "a", Set.of("sku-socks"), Set.of(), 10),
                Popularity.NONE, List.of(), Map.of(), emptySession(), justAbove).plainReason());
    }
}
