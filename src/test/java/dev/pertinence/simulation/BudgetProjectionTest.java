package dev.pertinence.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pertinence.decision.BudgetSpending;
import dev.pertinence.decision.OfferBudget;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a budget runs out at a population's pace, worked by hand. */
class BudgetProjectionTest {

    private static final Instant NOW = Instant.parse("2026-03-01T00:00:00Z");
    private static final OfferBudget TEN_DAYS = new OfferBudget(100, OfferBudget.Spend.IMPRESSIONS, NOW.minus(Duration.ofDays(1)),
            NOW.plus(Duration.ofDays(9)), null, OfferBudget.Pacing.ASAP);

    @Test
    void aStatedReachSpendsWhatIsLeftInThatManyDays() {
        // 100 − 30 spent − 10 held = 60 left, at 20 a day: 3 days
        SimulationResult.BudgetOutlook outlook = BudgetProjection.of("o", TEN_DAYS, new BudgetSpending(30, 10, 100), 500, 20L, 70,
                NOW);
        assertEquals(60, outlook.left());
        assertEquals("request", outlook.dailyReachFrom());
        assertEquals(NOW.plus(Duration.ofDays(3)), outlook.runsOutAt());
        assertEquals(NOW.plus(Duration.ofDays(9)), outlook.windowEnd());
        assertEquals(500, outlook.wouldSpend());
    }

    @Test
    void withoutAStatedReachTheRecordedOneThenThePopulationOnceADay() {
        // 70 decisions over 7 days: 10 a day, 100 left: 10 days, beyond the window's 9: it lasts
        SimulationResult.BudgetOutlook recorded = BudgetProjection.of("o", TEN_DAYS, new BudgetSpending(0, 0, 100), 500, null, 70,
                NOW);
        assertEquals("recorded", recorded.dailyReachFrom());
        assertEquals(10.0, recorded.dailyReach(), 1e-9);
        assertNull(recorded.runsOutAt());
        // nothing recorded: the 40 people of this population in one day, 100 left: 2.5 days
        SimulationResult.BudgetOutlook population = BudgetProjection.of("o", TEN_DAYS, new BudgetSpending(0, 0, 100), 40, null, 0,
                NOW);
        assertEquals("population", population.dailyReachFrom());
        assertEquals(NOW.plus(Duration.ofHours(60)), population.runsOutAt());
    }

    @Test
    void aSpentBudgetRunsOutNowAndOneOutsideItsWindowHasNothingLeft() {
        assertEquals(NOW, BudgetProjection.of("o", TEN_DAYS, new BudgetSpending(90, 10, 100), 5, null, 0, NOW).runsOutAt());
        SimulationResult.BudgetOutlook ended = BudgetProjection.of("o", TEN_DAYS, new BudgetSpending(0, 0, 0), 5, null, 0,
                NOW.plus(Duration.ofDays(20)));
        assertEquals(0, ended.left());
        assertNull(ended.windowEnd());
        assertNull(ended.runsOutAt());
        assertNull(BudgetProjection.of("o", TEN_DAYS, new BudgetSpending(0, 0, 100), 0, null, 0, NOW).runsOutAt(),
                "nobody gets it: it does not run out");
    }
}
