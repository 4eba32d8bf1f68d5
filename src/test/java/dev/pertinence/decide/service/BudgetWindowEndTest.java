package dev.pertinence.decide.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pertinence.common.TimeOrderedId;
import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.Decision;
import dev.pertinence.decision.DroppedOffer;
import dev.pertinence.decision.EligibilityRule;
import dev.pertinence.decision.MessageFields;
import dev.pertinence.decision.MessageTemplate;
import dev.pertinence.decision.OfferBudget;
import dev.pertinence.decision.RankedOffer;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The budget reservation after the core, on the real Redis: an offer whose budget's window has ended by the time it
 * is reserved (a window that ended during the decision) is simply not proposed, as spent; that is no Redis failure,
 * and the decision is not flagged degraded (it was, "redis", as if Redis had not answered). Offers bw-*.
 */
@QuarkusTest
class BudgetWindowEndTest {

    @Inject
    BudgetReservations budgets;

    @Test
    void aWindowThatEndedIsNotARedisFailure() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Instant until = now.minusMillis(1);
        CandidateOffer ended = offer("bw-ended", new OfferBudget(10, OfferBudget.Spend.IMPRESSIONS, now.minus(Duration.ofHours(1)),
                until, null, OfferBudget.Pacing.ASAP));
        CandidateOffer open = offer("bw-open", new OfferBudget(10, OfferBudget.Spend.IMPRESSIONS, now.minus(Duration.ofHours(1)),
                now.plus(Duration.ofHours(1)), null, OfferBudget.Pacing.ASAP));
        Decision decided = new Decision(List.of(ranked(ended, 1), ranked(open, 2)), List.of(), 0, List.of(), null);
        UUID id = TimeOrderedId.at(now);

        BudgetReservations.Held held = budgets.reserve(id, decided, now).await().atMost(Duration.ofSeconds(10));

        assertFalse(held.failed(), "an ended window is not Redis failing: no degraded flag");
        assertEquals(List.of("bw-open"), held.decision().offers().stream().map(offer -> offer.offer().id()).toList());
        assertEquals(1, held.decision().offers().get(0).rank(), "ranks closed up");
        DroppedOffer dropped = held.decision().dropped().get(0);
        assertEquals("bw-ended", dropped.offerId());
        assertEquals(DroppedOffer.Reason.BUDGET_SPENT, dropped.reason());
        assertEquals("its budget ended at " + until, dropped.detail());
        assertEquals(List.of("bw-open"), held.held().stream().map(offer -> offer.offer().id()).toList());

        // given back: the open one's unit is released (the window that ended has nothing to give back, and no error)
        budgets.release(id, held.held(), new Decision(List.of(), List.of(), 0, List.of(), null), now)
                .await().atMost(Duration.ofSeconds(10));
    }

    @Test
    void aBudgetNotStartedYetSaysSo() {
        Instant now = Instant.now();
        Instant start = now.plus(Duration.ofMinutes(5));
        OfferBudget later = new OfferBudget(10, OfferBudget.Spend.ACCEPTS, start, null, Duration.ofDays(1), OfferBudget.Pacing.EVEN);
        assertEquals("its budget starts at " + start, later.outside(now));
        BudgetReservations.Held held = budgets.reserve(TimeOrderedId.at(now),
                new Decision(List.of(ranked(offer("bw-later", later), 1)), List.of(), 0, List.of(), null), now)
                .await().atMost(Duration.ofSeconds(10));
        assertFalse(held.failed());
        assertEquals(List.of(), held.decision().offers());
        assertEquals("its budget starts at " + start, held.decision().dropped().get(0).detail());
    }

    private static CandidateOffer offer(String id, OfferBudget budget) {
        return new CandidateOffer(id, "Title " + id, "Message", "cat-" + id, Set.of(), Set.of(), null, null, 5, 1.0,
                EligibilityRule.ALWAYS, null, null, MessageTemplate.plain("Message"), MessageFields.Reliability.DECLARED, budget);
    }

    private static RankedOffer ranked(CandidateOffer offer, int rank) {
        return new RankedOffer(offer, rank, 1.0 / rank, 0, 0, 0, 1, 1, 1, List.of(), "Message", 1, false, null);
    }
}
