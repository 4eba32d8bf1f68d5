package dev.pertinence.decision;

import static dev.pertinence.decision.Fixtures.NOW;
import static dev.pertinence.decision.Fixtures.customer;
import static dev.pertinence.decision.Fixtures.offer;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** Budgets in the pure core: windows, the paced allowance, and offers left out with BUDGET_SPENT or PACED. */
class OfferBudgetTest {

    private static final Instant START = Instant.parse("2026-11-24T00:00:00Z");

    private static OfferBudget perDay(long count, OfferBudget.Pacing pacing) {
        return new OfferBudget(count, OfferBudget.Spend.IMPRESSIONS, START, null, Duration.ofDays(1), pacing);
    }

    @Test
    void periodsFollowEachOtherFromTheStartAndUntilIsOneWindow() {
        OfferBudget daily = perDay(10, OfferBudget.Pacing.ASAP);
        assertNull(daily.window(START.minusMillis(1)), "before the start");
        assertEquals(new OfferBudget.Window(START, START.plus(Duration.ofDays(1))), daily.window(START));
        assertEquals(new OfferBudget.Window(START.plus(Duration.ofDays(3)), START.plus(Duration.ofDays(4))),
                daily.window(START.plus(Duration.ofDays(3)).plusSeconds(5)));
        OfferBudget once = new OfferBudget(10, OfferBudget.Spend.COUPONS, START, START.plus(Duration.ofDays(7)), null,
                OfferBudget.Pacing.ASAP);
        assertEquals(new OfferBudget.Window(START, START.plus(Duration.ofDays(7))), once.window(START.plus(Duration.ofDays(6))));
        assertNull(once.window(START.plus(Duration.ofDays(7))), "the until is exclusive");
        assertEquals(0, once.allowance(START.plus(Duration.ofDays(8)), 5), "nothing after the until");
    }

    @ParameterizedTest
    @CsvSource({
            // count, hours elapsed in the day, burst, allowance
            "1000, 0, 5, 5",
            "1000, 6, 5, 255",
            "1000, 12, 0, 500",
            "1000, 23, 5, 963",
            "10, 23, 5, 10", // never above the count
            "24, 1, 0, 1"})
    void evenPacingAllowsCountTimesElapsedOverThePeriodPlusTheBurst(long count, int hours, int burst, long allowance) {
        assertEquals(allowance, perDay(count, OfferBudget.Pacing.EVEN).allowance(START.plus(Duration.ofHours(hours)), burst));
        assertEquals(count, perDay(count, OfferBudget.Pacing.ASAP).allowance(START.plus(Duration.ofHours(hours)), burst),
                "asap: the whole count");
    }

    @Test
    void aBudgetNeedsExactlyOneOfUntilAndPeriod() {
        assertThrows(IllegalArgumentException.class, () -> new OfferBudget(1, OfferBudget.Spend.ACCEPTS, START, null, null,
                OfferBudget.Pacing.ASAP));
        assertThrows(IllegalArgumentException.class, () -> new OfferBudget(1, OfferBudget.Spend.ACCEPTS, START, START.plusSeconds(60),
                Duration.ofHours(1), OfferBudget.Pacing.ASAP));
        assertThrows(IllegalArgumentException.class, () -> new OfferBudget(0, OfferBudget.Spend.ACCEPTS, START, null,
                Duration.ofHours(1), OfferBudget.Pacing.ASAP));
    }

    private static CandidateOffer budgeted(String id, double value, OfferBudget budget) {
        CandidateOffer plain = offer(id, id, Set.of(), Set.of(), value);
        return new CandidateOffer(plain.id(), plain.title(), plain.message(), plain.category(), plain.targetSkus(),
                plain.targetCategories(), plain.validFrom(), plain.validUntil(), plain.value(), plain.lever(), plain.rule(),
                plain.frequencyCap(), plain.lifeEvent(), plain.template(), plain.reliability(), budget);
    }

    private static Decision decide(List<CandidateOffer> offers, Map<String, BudgetSpending> spending) {
        SessionContext session = new SessionContext("web", "home", NOW.atZone(ZoneOffset.UTC), List.of(), null, Map.of(),
                null, null, null, null);
        CandidateSet candidates = CandidateSet.of(offers, Popularity.NONE, ScoringPolicy.DEFAULT, LearnedResponses.NONE, "gold");
        return new DecisionEngine(ScoringPolicy.DEFAULT).decide(new Snapshot(NOW, customer("c1", List.of("gold")), List.of(),
                session, Map.of(), true, candidates, 3, true, true, ContactHistory.NONE, LearnedResponses.NONE, null, spending));
    }

    private static DroppedOffer droppedOf(Decision decision, String id) {
        return decision.dropped().stream().filter(d -> d.offerId().equals(id)).findFirst().orElseThrow();
    }

    @Test
    void anOfferWhoseBudgetIsSpentPacedOrUnknownIsLeftOutAndTheOthersGoOn() {
        OfferBudget budget = perDay(10, OfferBudget.Pacing.EVEN);
        List<CandidateOffer> offers = List.of(budgeted("spent", 50, budget), budgeted("paced", 40, budget),
                budgeted("unread", 30, budget), budgeted("room", 20, budget), offer("plain", "plain", Set.of(), Set.of(), 10));
        Decision decision = decide(offers, Map.of(
                "spent", new BudgetSpending(8, 2, 10),
                "paced", new BudgetSpending(3, 1, 4),
                "room", new BudgetSpending(3, 0, 4)));
        assertEquals(List.of("room", "plain"), decision.offers().stream().map(o -> o.offer().id()).toList());
        assertEquals(DroppedOffer.Reason.BUDGET_SPENT, droppedOf(decision, "spent").reason());
        assertEquals(DroppedOffer.Reason.PACED, droppedOf(decision, "paced").reason());
        assertEquals(DroppedOffer.Reason.BUDGET_SPENT, droppedOf(decision, "unread").reason(), "no spending read: not proposed");
        assertEquals("its budget could not be checked", droppedOf(decision, "unread").detail());
    }

    @Test
    void aReservationRefusedAfterTheCoreWithdrawsTheOfferAndClosesTheRanks() {
        OfferBudget budget = perDay(10, OfferBudget.Pacing.ASAP);
        Decision decision = decide(List.of(budgeted("first", 50, budget), offer("second", "second", Set.of(), Set.of(), 10)),
                Map.of("first", new BudgetSpending(0, 0, 10)));
        Decision withdrawn = decision.overBudget(Map.of("first",
                new DroppedOffer("first", DroppedOffer.Reason.BUDGET_SPENT, "taken by concurrent decisions", 0)));
        assertEquals(List.of("second"), withdrawn.offers().stream().map(o -> o.offer().id()).toList());
        assertEquals(1, withdrawn.offers().get(0).rank());
        assertEquals(DroppedOffer.Reason.BUDGET_SPENT, droppedOf(withdrawn, "first").reason());
        assertEquals(decision.droppedTotal() + 1, withdrawn.droppedTotal());
        assertEquals(decision, decision.overBudget(Map.of()), "nothing refused: the same decision");
    }

    @Test
    void aBudgetOfOneIsABudget() {
        OfferBudget one = new OfferBudget(1, OfferBudget.Spend.COUPONS, START, null, Duration.ofDays(1), OfferBudget.Pacing.ASAP);
        assertEquals(1, one.allowance(START, 0));
    }

    @ParameterizedTest
    @CsvSource({"impressions, IMPRESSIONS", "accepts, ACCEPTS", "coupons, COUPONS", "Accepts, ACCEPTS"})
    void whatABudgetSpendsIsNamedOnTheWireInLowerCase(String wire, OfferBudget.Spend spend) {
        assertEquals(spend, OfferBudget.Spend.of(wire));
        assertEquals(wire.toLowerCase(java.util.Locale.ROOT), spend.wire());
    }

    @ParameterizedTest
    @CsvSource({"asap, ASAP", "even, EVEN", "EVEN, EVEN"})
    void aPacingIsNamedOnTheWireInLowerCase(String wire, OfferBudget.Pacing pacing) {
        assertEquals(pacing, OfferBudget.Pacing.of(wire));
        assertEquals(wire.toLowerCase(java.util.Locale.ROOT), pacing.wire());
    }

    @Test
    void anOfferOutsideItsBudgetsWindowsIsLeftOutAndTheDetailSaysWhichSide() {
        OfferBudget week = new OfferBudget(10, OfferBudget.Spend.ACCEPTS, NOW.plus(Duration.ofDays(1)), NOW.plus(Duration.ofDays(8)),
                null, OfferBudget.Pacing.ASAP);
        OfferBudget past = new OfferBudget(10, OfferBudget.Spend.ACCEPTS, NOW.minus(Duration.ofDays(8)), NOW.minus(Duration.ofDays(1)),
                null, OfferBudget.Pacing.ASAP);
        Decision decision = decide(List.of(budgeted("early", 50, week), budgeted("late", 40, past)),
                Map.of("early", new BudgetSpending(0, 0, 10), "late", new BudgetSpending(0, 0, 10)));
        assertEquals(List.of(), decision.offers());
        assertEquals(DroppedOffer.Reason.BUDGET_SPENT, droppedOf(decision, "early").reason());
        assertEquals("its budget starts at 2026-11-25T18:00:00Z", droppedOf(decision, "early").detail());
        assertEquals(DroppedOffer.Reason.BUDGET_SPENT, droppedOf(decision, "late").reason());
        assertEquals("its budget ended at 2026-11-23T18:00:00Z", droppedOf(decision, "late").detail());
    }

    @Test
    void aSpentBudgetSaysWhatItCountsAndHowMuchIsSpentAndHeld() {
        OfferBudget budget = perDay(10, OfferBudget.Pacing.EVEN);
        Decision decision = decide(List.of(budgeted("spent", 50, budget), budgeted("paced", 40, budget)),
                Map.of("spent", new BudgetSpending(8, 2, 10), "paced", new BudgetSpending(3, 1, 4)));
        assertEquals("its budget of 10 impressions is spent (8 spent, 2 held)", droppedOf(decision, "spent").detail());
        assertEquals("its budget is paced evenly: 4 of 10 impressions allowed by now, 4 spent or held",
                droppedOf(decision, "paced").detail());
    }
}
