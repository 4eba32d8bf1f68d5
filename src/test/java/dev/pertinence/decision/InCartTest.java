package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.bought;
import static dev.pertinence.decision.Fixtures.customer;
import static dev.pertinence.decision.Fixtures.offer;
import static dev.pertinence.decision.Fixtures.session;
import static dev.pertinence.decision.Fixtures.snapshot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Not what the person already has: an offer whose every target SKU is in the cart is left out
 * ({@code IN_CART}) unless it opted in, and one may leave out people who bought every target
 * within a period ({@code BOUGHT_RECENTLY}); the cart still boosts its categories and complements.
 */
class InCartTest {

    private static final Map<String, SessionContext.ProductInfo> PRODUCTS = Map.of(
            "yogurt", new SessionContext.ProductInfo("Yogurt", "dairy"),
            "herbs", new SessionContext.ProductInfo("Herbs", "vegetables"));
    private static final CandidateOffer YOGURT = offer("yogurt-2for1", "dairy-deals", Set.of("yogurt"), Set.of(), 10);
    private static final CandidateOffer CREAM = offer("cream", "creams", Set.of("cream"), Set.of("dairy"), 5);
    private static final CandidateOffer DELIVERY = offer("free-delivery", "service", Set.of(), Set.of(), 1);

    private final DecisionEngine engine = new DecisionEngine(ScoringPolicy.DEFAULT);

    private static CandidateOffer with(CandidateOffer offer, boolean proposeWhenInCart, Duration excludeBoughtWithin) {
        return new CandidateOffer(offer.id(), offer.title(), offer.message(), offer.category(), offer.targetSkus(),
                offer.targetCategories(), offer.validFrom(), offer.validUntil(), offer.value(), offer.lever(), offer.rule(),
                offer.frequencyCap(), offer.lifeEvent(), offer.template(), offer.reliability(), proposeWhenInCart,
                excludeBoughtWithin);
    }

    private Decision inCart(List<String> cart, List<CandidateOffer> offers, boolean explain) {
        return engine.decide(snapshot(null, List.of(), session(cart, null, PRODUCTS), Map.of(), Popularity.NONE, offers, 3, explain));
    }

    private Decision afterBuying(List<PastPurchase> history, List<CandidateOffer> offers) {
        return engine.decide(snapshot(customer("c1", List.of()), history, Fixtures.emptySession(), Map.of(), Popularity.NONE,
                offers, 3, true));
    }

    private static List<String> ids(Decision decision) {
        return decision.offers().stream().map(o -> o.offer().id()).toList();
    }

    @Test
    void anOfferForWhatIsInTheCartIsDroppedWithItsReason() {
        Decision decision = inCart(List.of("herbs", "yogurt"), List.of(YOGURT, CREAM, DELIVERY), true);
        assertEquals(List.of("cream", "free-delivery"), ids(decision));
        assertEquals(List.of(new DroppedOffer("yogurt-2for1", DroppedOffer.Reason.IN_CART,
                "every product it promotes is already in the cart", 0.01 * 10 * 1.3)), decision.dropped());
        assertEquals(1, decision.droppedTotal());
    }

    @Test
    void withoutExplainTheNextOfferTakesItsPlace() {
        Decision decision = inCart(List.of("yogurt"), List.of(YOGURT, CREAM, DELIVERY), false);
        assertEquals(List.of("cream", "free-delivery"), ids(decision));
        assertEquals(List.of(), decision.dropped());
        assertEquals(1, decision.droppedTotal());
    }

    @Test
    void anOfferThatOptedInIsProposedWithTheBoost() {
        Decision decision = inCart(List.of("yogurt"), List.of(with(YOGURT, true, null), CREAM), true);
        assertEquals(List.of("yogurt-2for1", "cream"), ids(decision));
        RankedOffer yogurt = decision.offers().get(0);
        assertEquals(1.3, yogurt.contextWeight(), 1e-12);
        assertTrue(yogurt.reasons().contains("Yogurt is in this session"), yogurt.reasons().toString());
        assertEquals(List.of(), decision.dropped());
    }

    @Test
    void anOfferPartlyInTheCartIsKept() {
        CandidateOffer pair = offer("breakfast", "breakfast", Set.of("yogurt", "granola"), Set.of(), 10);
        Decision decision = inCart(List.of("yogurt"), List.of(pair), true);
        assertEquals(List.of("breakfast"), ids(decision));
        assertEquals(1.3, decision.offers().get(0).contextWeight(), 1e-12);
        assertEquals(List.of("breakfast"), ids(inCart(List.of("granola", "herbs"), List.of(pair), true)));
        assertEquals(List.of(), ids(inCart(List.of("granola", "herbs", "yogurt"), List.of(pair), true)));
    }

    @Test
    void theCartsCategoriesStillBoostAComplementAndAServiceOfferIsNeverInTheCart() {
        Decision decision = inCart(List.of("yogurt"), List.of(CREAM, DELIVERY), true);
        assertEquals(List.of("cream", "free-delivery"), ids(decision));
        RankedOffer cream = decision.offers().get(0);
        assertEquals(1.3, cream.contextWeight(), 1e-12);
        assertTrue(cream.reasons().contains("This session is in category dairy"), cream.reasons().toString());
        assertEquals(1.0, decision.offers().get(1).contextWeight(), 1e-12);
    }

    @Test
    void aCategoryTargetIsNotInTheCart() {
        CandidateOffer dairy = offer("dairy-week", "dairy-deals", Set.of(), Set.of("dairy"), 10);
        assertEquals(List.of("dairy-week"), ids(inCart(List.of("yogurt"), List.of(dairy), true)));
    }

    @Test
    void anEmptyCartExcludesNothing() {
        assertEquals(List.of("yogurt-2for1"), ids(inCart(List.of(), List.of(YOGURT), true)));
    }

    @Test
    void boughtWithinThePeriodIsDroppedWithItsReason() {
        CandidateOffer yogurt = with(YOGURT, false, Duration.ofDays(30));
        Decision decision = afterBuying(List.of(bought("herbs", "Herbs", "vegetables", 2), bought("yogurt", "Yogurt", "dairy", 10)),
                List.of(yogurt, DELIVERY));
        assertEquals(List.of("free-delivery"), ids(decision));
        assertEquals(1, decision.dropped().size());
        DroppedOffer dropped = decision.dropped().get(0);
        assertEquals(DroppedOffer.Reason.BOUGHT_RECENTLY, dropped.reason());
        assertEquals("every product it promotes was bought within the last 30 days", dropped.detail());
    }

    @Test
    void boughtBeforeThePeriodIsKept() {
        CandidateOffer yogurt = with(YOGURT, false, Duration.ofDays(30));
        assertEquals(List.of("yogurt-2for1"), ids(afterBuying(List.of(bought("yogurt", "Yogurt", "dairy", 31)), List.of(yogurt))));
        assertEquals(List.of("yogurt-2for1"), ids(afterBuying(List.of(bought("yogurt", "Yogurt", "dairy", 2)), List.of(YOGURT))),
                "without excludeBoughtWithin a purchase excludes nothing");
        assertEquals(List.of("yogurt-2for1"), ids(afterBuying(List.of(), List.of(yogurt))));
    }

    @Test
    void theLimitOfThePeriodIsInside() {
        CandidateOffer yogurt = with(YOGURT, false, Duration.ofDays(30));
        PastPurchase atTheLimit = new PastPurchase("yogurt", "Yogurt", "dairy", NOW.minus(Duration.ofDays(30)), 1, 1.0);
        PastPurchase justBefore = new PastPurchase("yogurt", "Yogurt", "dairy", NOW.minus(Duration.ofDays(30)).minusSeconds(1), 1, 1.0);
        assertTrue(yogurt.boughtRecently(List.of(atTheLimit), NOW));
        assertFalse(yogurt.boughtRecently(List.of(justBefore), NOW));
    }

    @Test
    void everyTargetMustHaveBeenBought() {
        CandidateOffer pair = with(offer("breakfast", "breakfast", Set.of("yogurt", "granola"), Set.of(), 10), false,
                Duration.ofDays(30));
        assertEquals(List.of("breakfast"), ids(afterBuying(List.of(bought("yogurt", "Yogurt", "dairy", 2),
                bought("granola", "Granola", "cereals", 40)), List.of(pair))));
        assertEquals(List.of(), ids(afterBuying(List.of(bought("yogurt", "Yogurt", "dairy", 2),
                bought("herbs", "Herbs", "vegetables", 3), bought("granola", "Granola", "cereals", 20)), List.of(pair))));
        CandidateOffer service = with(DELIVERY, false, Duration.ofDays(30));
        assertFalse(service.boughtRecently(List.of(bought("yogurt", "Yogurt", "dairy", 2)), NOW));
        assertFalse(service.alreadyInCart(List.of("yogurt")));
    }

    @Test
    void theReasonSaysThePeriodInDaysOrHours() {
        PastPurchase anHourAgo = new PastPurchase("yogurt", "Yogurt", "dairy", NOW.minus(Duration.ofHours(1)), 1, 1.0);
        assertEquals("every product it promotes was bought within the last 1 day",
                afterBuying(List.of(anHourAgo), List.of(with(YOGURT, false, Duration.ofDays(1)))).dropped().get(0).detail());
        assertEquals("every product it promotes was bought within the last 36 hours",
                afterBuying(List.of(anHourAgo), List.of(with(YOGURT, false, Duration.ofHours(36)))).dropped().get(0).detail());
    }
}
