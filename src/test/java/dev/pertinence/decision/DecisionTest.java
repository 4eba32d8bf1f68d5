package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What happens to a decision after it is made: withdrawn as a whole, or cut down to what the reservation granted. */
class DecisionTest {

    private static final ContactCaps CAPS = new ContactCaps(null, new Cap(30, Duration.ofDays(1)));
    private static final DroppedOffer ALREADY_DROPPED = new DroppedOffer("x", DroppedOffer.Reason.RULE_NOT_MET, "rule", 0.1);

    private static RankedOffer ranked(String id, int rank, double score) {
        return new RankedOffer(offer(id, null, Set.of(), Set.of(), 10), rank, score, 0.1, 0, 0, 1, 1, 1, List.of("why " + id));
    }

    private static Decision threeOffers(boolean explored) {
        return new Decision(List.of(ranked("a", 1, 3), ranked("b", 2, 2), ranked("c", 3, 1)), List.of(ALREADY_DROPPED), 4,
                List.of("a note"), CAPS, explored);
    }

    @Test
    void aWithdrawnDecisionOffersNothingCountsItsOffersAsDroppedAndSaysWhy() {
        Decision withdrawn = threeOffers(true).withdrawn("Consent could not be checked");
        assertEquals(new Decision(List.of(), List.of(ALREADY_DROPPED), 7, List.of("a note", "Consent could not be checked"), CAPS, true),
                withdrawn);
    }

    @Test
    void aReservationThatGrantedEverythingLeavesTheDecisionAsItIs() {
        Decision decision = threeOffers(false);
        assertSame(decision, decision.reserved(Set.of("a", "b", "c")));
    }

    @Test
    void whatTheReservationRefusedIsDroppedAndTheRanksCloseUp() {
        Decision kept = threeOffers(true).reserved(Set.of("c"));
        assertEquals(List.of("c"), kept.offers().stream().map(o -> o.offer().id()).toList());
        assertEquals(1, kept.offers().get(0).rank());
        assertEquals(List.of("why c"), kept.offers().get(0).reasons());
        assertEquals(List.of(ALREADY_DROPPED,
                new DroppedOffer("a", DroppedOffer.Reason.CAPPED, "a concurrent decision for this person took the last place under its cap", 3),
                new DroppedOffer("b", DroppedOffer.Reason.CAPPED, "a concurrent decision for this person took the last place under its cap", 2)),
                kept.dropped());
        assertEquals(6, kept.droppedTotal());
        assertEquals(List.of("a note", "2 offer(s) withdrawn: a concurrent decision reached a contact cap first"), kept.notes());
        assertEquals(CAPS, kept.caps());
        assertEquals(true, kept.explored());
    }

    @Test
    void offersWithdrawnOverBudgetAreCountedInTheNote() {
        DroppedOffer taken = new DroppedOffer("a", DroppedOffer.Reason.BUDGET_SPENT, "taken by concurrent decisions", 0);
        Decision kept = threeOffers(false).overBudget(java.util.Map.of("a", taken));
        assertEquals(List.of("b", "c"), kept.offers().stream().map(o -> o.offer().id()).toList());
        assertEquals(List.of(1, 2), kept.offers().stream().map(RankedOffer::rank).toList());
        assertEquals(List.of("a note", "1 offer(s) withdrawn: a concurrent decision took the last of their budget first"), kept.notes());
        assertEquals(5, kept.droppedTotal());
        assertEquals(List.of(ALREADY_DROPPED, new DroppedOffer("a", DroppedOffer.Reason.BUDGET_SPENT, "taken by concurrent decisions", 3)),
                kept.dropped());
    }
}
