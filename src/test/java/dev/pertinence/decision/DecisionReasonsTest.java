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
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.Neighbour;
import dev.pertinence.decision.Popularity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The reasons a chosen offer gives, in words and in order: what a customer or an agent reads. */
class DecisionReasonsTest {

    private final DecisionEngine engine = new DecisionEngine(ScoringPolicy.DEFAULT);

    private RankedOffer only(CandidateOffer offer, Popularity popularity, List<PastPurchase> history,
                             Map<String, List<Neighbour>> neighbours, SessionContext context) {
        return engine.decide(new Snapshot(NOW, customer("c1", List.of()), history, context, neighbours, true,
                CandidateSet.of(List.of(offer), popularity, ScoringPolicy.DEFAULT), 1, false, false,
                ContactHistory.NONE, LearnedResponses.NONE)).offers().get(0);
    }

    private RankedOffer only(CandidateOffer offer) {
        return only(offer, Popularity.NONE, List.of(), Map.of(), emptySession());
    }

    @Test
    void anOfferReachedByAPurchaseAndPopularListsEveryFactorInOrder() {
        CandidateOffer prints = Fixtures.withRule(offer("prints", "photo", Set.of("sku-prints"), Set.of(), 10), v -> RuleVerdict.ELIGIBLE);
        SessionContext viewing = session(List.of(), "sku-prints", Map.of("sku-prints", new SessionContext.ProductInfo("Photo prints", "photo")));
        RankedOffer ranked = only(prints, new Popularity(Map.of("sku-prints", 0.3), Map.of()),
                List.of(bought("sku-camera", "Digital camera", "photo", 2)),
                Map.of("sku-camera", List.of(neighbour("sku-prints", "photo", 0.45, 3.94))), viewing);
        assertEquals(List.of(
                "Bought Digital camera 2 days ago: 45 % of baskets with it also hold sku-prints (lift 3.9)",
                "Photo prints is in this session",
                "Meets its eligibility rule",
                "Business value 10 × lever 1"), ranked.reasons());
    }

    @Test
    void anOfferNothingReachesIsPopularOrJustWorthItsValue() {
        CandidateOffer socks = offer("socks", "clothing", Set.of("sku-socks"), Set.of(), 10);
        assertEquals(List.of("Popular: in 10 % of baskets", "Business value 10 × lever 1"),
                only(socks, new Popularity(Map.of("sku-socks", 0.1), Map.of()), List.of(), Map.of(), emptySession()).reasons());
        assertEquals(List.of("Business value 10 × lever 1"), only(socks).reasons(), "no rule, not popular, nothing learnt, never shown");
    }

    @ParameterizedTest(name = "a share of {0} reads \"{1}\"")
    @CsvSource({"0.1, 10 %", "0.0999, 10.0 %", "0.094, 9.4 %", "0.4349, 43 %", "0.0004, 0.0 %", "1.0, 100 %"})
    void sharesAreWholePercentsFromTenUpAndOneDecimalBelow(double share, String percent) {
        CandidateOffer socks = offer("socks", "clothing", Set.of("sku-socks"), Set.of(), 10);
        RankedOffer ranked = only(socks, new Popularity(Map.of("sku-socks", share), Map.of()), List.of(), Map.of(), emptySession());
        assertEquals("Popular: in " + percent + " of baskets", ranked.reasons().get(0));
    }

    @ParameterizedTest(name = "a lift of {0} reads {1}")
    @CsvSource({"3.94, 3.9", "3.95, 4.0", "0.04, 0.0", "12.0, 12.0", "0.96, 1.0"})
    void liftsHaveOneDecimal(double lift, String text) {
        CandidateOffer prints = offer("prints", "photo", Set.of("sku-prints"), Set.of(), 10);
        RankedOffer ranked = only(prints, Popularity.NONE, List.of(bought("sku-camera", "Camera", "photo", 0)),
                Map.of("sku-camera", List.of(neighbour("sku-prints", "photo", 0.5, lift))), emptySession());
        assertEquals("Bought Camera today: 50 % of baskets with it also hold sku-prints (lift " + text + ")", ranked.reasons().get(0));
    }

    @ParameterizedTest(name = "value {0}, lever {1}")
    @CsvSource({"10, 1, Business value 10 × lever 1", "10, 1.1, Business value 10 × lever 1.10",
        "12.5, 1.05, Business value 12.50 × lever 1.05", "3.999, 0.5, Business value 4.00 × lever 0.50",
        "7, 2.345, Business value 7 × lever 2.35"})
    void valuesAndLeversAreWholeOrGivenToTheHundredth(double value, double lever, String reason) {
        RankedOffer ranked = only(Fixtures.withLever(offer("o", "c", Set.of(), Set.of(), value), lever));
        assertEquals(reason, ranked.reasons().get(ranked.reasons().size() - 1));
    }

    @Test
    void theTargetedProductInTheSessionIsNamed() {
        SessionContext cart = session(List.of(), "sku-tripod", Map.of("sku-tripod", new SessionContext.ProductInfo("Tripod", "photo")));
        RankedOffer tripod = only(offer("tripod-deal", "photo", Set.of("sku-tripod"), Set.of("photo"), 10), Popularity.NONE, List.of(),
                Map.of(), cart);
        assertEquals(List.of("Tripod is in this session", "Business value 10 × lever 1"), tripod.reasons());
        assertEquals(1.3, tripod.contextWeight(), 1e-12);
    }

    @Test
    void whatPeopleAnsweredIsQuotedWithTheLearnedLift() {
        // 40 accepts of 100 in segment gold: (40 + 1) / (100 + 20) / 0.05 = 6.83
        Learned learned = new Learned(Map.of("socks", new LearnedResponses.Counts(100, 40), "mugs", new LearnedResponses.Counts(0, 3),
                "caps", new LearnedResponses.Counts(5, 5)));
        List<CandidateOffer> offers = List.of(offer("socks", "a", Set.of("sku-socks"), Set.of(), 10),
                offer("mugs", "b", Set.of("sku-mugs"), Set.of(), 10), offer("caps", "c", Set.of("sku-caps"), Set.of(), 10),
                offer("ties", "d", Set.of("sku-ties"), Set.of(), 10));
        Decision decision = engine.decide(new Snapshot(NOW, customer("c1", List.of("gold")), List.of(), emptySession(), Map.of(), true,
                CandidateSet.of(offers, Popularity.NONE, ScoringPolicy.DEFAULT, learned, "gold"), 4, false, false,
                ContactHistory.NONE, learned));
        Map<String, List<String>> reasons = new java.util.HashMap<>();
        decision.offers().forEach(o -> reasons.put(o.offer().id(), o.reasons()));
        assertEquals("Accepted in 40 of 100 impressions in segment gold: learned lift 6.8", reasons.get("socks").get(0));
        assertEquals("Accepted in 3 of 3 impressions in segment gold: learned lift 3.5", reasons.get("mugs").get(0),
                "an acceptance reported without its impression counts as shown: (3 + 1) / (3 + 20) / 0.05");
        assertEquals("Accepted in 5 of 5 impressions in segment gold: learned lift 4.8", reasons.get("caps").get(0));
        assertEquals(List.of("Business value 10 × lever 1"), reasons.get("ties"), "nothing learnt: nothing to quote");
    }

    @Test
    void aStrategyThatDoesNotLearnQuotesNoAnswers() {
        Learned learned = new Learned(Map.of("socks", new LearnedResponses.Counts(100, 40), "prints", new LearnedResponses.Counts(100, 40)));
        Strategy noLearning = new Strategy(Strategy.Kind.NO_LEARNING, Map.of(), 0);
        // prints is reached by the camera's neighbours (scored for the person), socks is not (the prepared order)
        List<CandidateOffer> offers = List.of(offer("socks", "a", Set.of("sku-socks"), Set.of(), 10),
                offer("prints", "photo", Set.of("sku-prints"), Set.of(), 10));
        Decision decision = engine.decide(new Snapshot(NOW, customer("c1", List.of("gold")),
                List.of(bought("sku-camera", "Camera", "photo", 0)), emptySession(),
                Map.of("sku-camera", List.of(neighbour("sku-prints", "photo", 0.5, 2))), true,
                CandidateSet.of(offers, Popularity.NONE, ScoringPolicy.DEFAULT, learned, "gold", noLearning), 2, false, false,
                ContactHistory.NONE, learned));
        assertEquals(2, decision.offers().size());
        for (RankedOffer offer : decision.offers()) {
            assertEquals(1.0, offer.learnedLift(), 1e-12);
            assertTrue(offer.reasons().stream().noneMatch(r -> r.startsWith("Accepted in")), offer.reasons().toString());
        }
    }

    @Test
    void aServiceOfferSaysItIsForAnyoneAndATargetedOneDoesNot() {
        assertEquals(List.of("Service offer: relevant to anyone", "Business value 5 × lever 1"),
                only(offer("delivery", "service", Set.of(), Set.of(), 5)).reasons());
        assertTrue(only(offer("socks", "clothing", Set.of(), Set.of("clothing"), 5)).reasons().stream()
                .noneMatch(r -> r.startsWith("Service offer")));
    }

    @Test
    void amongEquallyStrongEvidenceTheFirstNamesTheReason() {
        SessionContext cart = session(List.of("sku-a", "sku-b"), null, Map.of(
                "sku-a", new SessionContext.ProductInfo("Pan", null), "sku-b", new SessionContext.ProductInfo("Pot", null)));
        Map<String, List<Neighbour>> neighbours = Map.of("sku-a", List.of(neighbour("sku-lid", "kitchen", 0.5, 2)),
                "sku-b", List.of(neighbour("sku-lid", "kitchen", 0.5, 3)));
        RankedOffer lid = only(offer("lid", "kitchen", Set.of("sku-lid"), Set.of(), 10), Popularity.NONE, List.of(), neighbours, cart);
        assertEquals(0.75, lid.affinity(), 1e-12);
        assertEquals("Pan is in the cart: 50 % of baskets with it also hold sku-lid (lift 2.0)", lid.reasons().get(0));
    }
}
