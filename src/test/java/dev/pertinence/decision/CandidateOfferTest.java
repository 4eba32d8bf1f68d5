package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** An offer as the core sees it: its talking points kept as given, and the same offer under a draft's rule. */
class CandidateOfferTest {

    private static final EligibilityRule GOLD_ONLY = variables -> RuleVerdict.NOT_ELIGIBLE;

    private static CandidateOffer full(List<String> talkingPoints) {
        return new CandidateOffer("o1", "Title", "Message", "cat", Set.of("sku-1"), Set.of("c1"), Instant.parse("2026-11-01T00:00:00Z"),
                Instant.parse("2026-12-01T00:00:00Z"), 12, 1.5, EligibilityRule.ALWAYS, new Cap(2, Duration.ofDays(7)),
                new LifeEventTarget(LifeEvent.BIRTHDAY, 7, 1), fields -> "Hello " + fields.customer().get("firstName"),
                MessageFields.Reliability.VERIFIED, true, Duration.ofDays(30), talkingPoints,
                new OfferBudget(100, OfferBudget.Spend.ACCEPTS, Instant.parse("2026-11-01T00:00:00Z"), null, Duration.ofDays(1),
                        OfferBudget.Pacing.EVEN));
    }

    @Test
    void talkingPointsAreKeptInTheirOrderAndNoneIsAnEmptyList() {
        assertEquals(List.of("Mention the free delivery", "Ask about the size"),
                full(List.of("Mention the free delivery", "Ask about the size")).talkingPoints());
        assertEquals(List.of(), full(null).talkingPoints());
    }

    @Test
    void underAnotherRuleTheOfferIsOtherwiseTheSame() {
        CandidateOffer offer = full(List.of("Mention the free delivery"));
        CandidateOffer drafted = offer.withRule(GOLD_ONLY);
        assertSame(GOLD_ONLY, drafted.rule());
        assertNotEquals(offer, drafted);
        assertEquals(offer, new CandidateOffer(drafted.id(), drafted.title(), drafted.message(), drafted.category(), drafted.targetSkus(),
                drafted.targetCategories(), drafted.validFrom(), drafted.validUntil(), drafted.value(), drafted.lever(), offer.rule(),
                drafted.frequencyCap(), drafted.lifeEvent(), drafted.template(), drafted.reliability(), drafted.proposeWhenInCart(),
                drafted.excludeBoughtWithin(), drafted.talkingPoints(), drafted.budget()));
    }
}
