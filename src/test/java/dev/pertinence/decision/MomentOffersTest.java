package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.offer;
import static dev.pertinence.decision.Fixtures.session;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.Popularity;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Offers for a moment in a person's life (a child's birthday): eligible only around it, then
 * weighted ×1.5, under every strategy, the control group included.
 */
class MomentOffersTest {

    private static final LifeEventTarget CHILD_BIRTHDAY = new LifeEventTarget(LifeEvent.CHILD_BIRTHDAY, 21, 3);
    /** A child born on 6 December: on 24 November (Fixtures.NOW) the birthday is in 12 days. */
    private static final LifeEvent BORN_6_DECEMBER = new LifeEvent(LifeEvent.CHILD_BIRTHDAY, LocalDate.of(2020, 12, 6), true);
    private static final LifeEvent BORN_6_MARCH = new LifeEvent(LifeEvent.CHILD_BIRTHDAY, LocalDate.of(2020, 3, 6), true);

    private static final CandidateOffer PARTY = forMoment(offer("party", "toys", Set.of("sku-balloons"), Set.of("toys"), 10));
    private static final CandidateOffer SOCKS = offer("socks", "clothing", Set.of("sku-socks"), Set.of(), 12);

    private final DecisionEngine engine = new DecisionEngine(ScoringPolicy.DEFAULT);

    private static CandidateOffer forMoment(CandidateOffer offer) {
        return new CandidateOffer(offer.id(), offer.title(), offer.message(), offer.category(), offer.targetSkus(),
                offer.targetCategories(), null, null, offer.value(), offer.lever(), offer.rule(), null, CHILD_BIRTHDAY);
    }

    private static CustomerProfile parentOf(LifeEvent child) {
        return new CustomerProfile("c1", "Jeanne", "Rousseau", "female", null, null, null, List.of(), null, null, null,
                List.of(child), Map.of());
    }

    private Decision decide(Strategy strategy, CustomerProfile customer, SessionContext context, List<CandidateOffer> offers) {
        CandidateSet candidates = CandidateSet.of(offers, Popularity.NONE, ScoringPolicy.DEFAULT, LearnedResponses.NONE,
                Segments.of(customer), strategy);
        return engine.decide(new Snapshot(NOW, customer, List.of(), context, Map.of(), true, candidates, 3, true, false,
                ContactHistory.NONE, LearnedResponses.NONE));
    }

    private static List<String> ids(Decision decision) {
        return decision.offers().stream().map(o -> o.offer().id()).toList();
    }

    @Test
    void whenTheMomentHasComeTheOfferIsWeightedUpAndSaysWhy() {
        Decision decision = decide(Strategy.PERSONALISED, parentOf(BORN_6_DECEMBER), Fixtures.emptySession(), List.of(SOCKS, PARTY));
        // party: 0.01 × 10 × 1.5 = 0.15 beats socks: 0.01 × 12 = 0.12
        assertEquals(List.of("party", "socks"), ids(decision));
        RankedOffer party = decision.offers().get(0);
        assertEquals(1.5, party.contextWeight(), 1e-12);
        assertEquals(0.15, party.score(), 1e-12);
        assertEquals("Child's birthday in 12 days", party.reasons().get(0));
    }

    @Test
    void aMomentInTheSessionsCategoryMultipliesBothWeights() {
        SessionContext toys = session(List.of("sku-doll"), null, Map.of("sku-doll", new SessionContext.ProductInfo("Doll", "toys")));
        RankedOffer party = decide(Strategy.PERSONALISED, parentOf(BORN_6_DECEMBER), toys, List.of(PARTY)).offers().get(0);
        assertEquals(1.3 * 1.5, party.contextWeight(), 1e-12);
        assertEquals(0.01 * 10 * 1.3 * 1.5, party.score(), 1e-12);
    }

    @Test
    void outsideItsMomentTheOfferIsLeftOutAndExplainSaysWhatWasMissing() {
        Decision decision = decide(Strategy.PERSONALISED, parentOf(BORN_6_MARCH), Fixtures.emptySession(), List.of(SOCKS, PARTY));
        assertEquals(List.of("socks"), ids(decision));
        assertEquals(List.of(new DroppedOffer("party", DroppedOffer.Reason.NOT_THEIR_MOMENT,
                "no child's birthday from 21 days before to 3 days after today", 0.1)), decision.dropped());
    }

    @Test
    void anAnonymousVisitorHasNoMoment() {
        Decision decision = decide(Strategy.PERSONALISED, null, Fixtures.emptySession(), List.of(SOCKS, PARTY));
        assertEquals(List.of("socks"), ids(decision));
        assertEquals(DroppedOffer.Reason.NOT_THEIR_MOMENT, decision.dropped().get(0).reason());
    }

    @Test
    void theControlGroupAlsoGetsItsMomentsButNoBoost() {
        Strategy control = new Strategy(Strategy.Kind.CONTROL, Map.of("party", 2.0), 0);
        Decision decision = decide(control, parentOf(BORN_6_DECEMBER), Fixtures.emptySession(), List.of(SOCKS, PARTY));
        // value × lever alone: party 10 × 2 = 20, socks 12
        assertEquals(List.of("party", "socks"), ids(decision));
        RankedOffer party = decision.offers().get(0);
        assertEquals(20.0, party.score(), 1e-12);
        assertEquals(1.0, party.contextWeight(), 1e-12);
        assertEquals(List.of("Child's birthday in 12 days", "Control group: ranked by business value alone, not personalised",
                "Business value 10 × lever 2"), party.reasons());

        Decision notNow = decide(control, parentOf(BORN_6_MARCH), Fixtures.emptySession(), List.of(SOCKS, PARTY));
        assertEquals(List.of("socks"), ids(notNow));
        assertEquals(DroppedOffer.Reason.NOT_THEIR_MOMENT, notNow.dropped().get(0).reason());
    }

    @Test
    void theMomentIsRenderedIntoTheMessage() {
        CandidateOffer party = new CandidateOffer("party", "Party", "m", "toys", Set.of(), Set.of("toys"), null, null, 10, 1,
                EligibilityRule.ALWAYS, null, CHILD_BIRTHDAY, fields -> fields.customer().get("firstName") + ": " + fields.moment(),
                MessageFields.Reliability.DECLARED);
        RankedOffer ranked = decide(Strategy.PERSONALISED, parentOf(BORN_6_DECEMBER), Fixtures.emptySession(), List.of(party))
                .offers().get(0);
        assertEquals("Jeanne: Child's birthday in 12 days", ranked.message());
        assertTrue(ranked.reasons().contains("Child's birthday in 12 days"));
    }

    @Test
    void theMomentIsThePlainReasonBeforeAnythingElse() {
        // party is also in the cart's category: the moment is still what an agent says first
        SessionContext toys = Fixtures.session(List.of("sku-kite"), null, Map.of("sku-kite", new SessionContext.ProductInfo("Kite", "toys")));
        RankedOffer party = decide(Strategy.PERSONALISED, parentOf(BORN_6_DECEMBER), toys, List.of(PARTY)).offers().get(0);
        assertEquals("Child's birthday in 12 days", party.plainReason());
    }
}
