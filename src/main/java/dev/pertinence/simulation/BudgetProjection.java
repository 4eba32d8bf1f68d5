package dev.pertinence.simulation;

import dev.pertinence.decision.BudgetSpending;
import dev.pertinence.decision.OfferBudget;
import java.time.Duration;
import java.time.Instant;

/**
 * When a budget would run out at a population's pace: what is left in its current window, spent at
 * a daily reach of people (each proposal taking at most one unit), from now. A budget that lasts
 * until its window ends (a periodic one then starts again) does not run out.
 */
public final class BudgetProjection {

    static final String FROM_REQUEST = "request";
    static final String FROM_RECORDED = "recorded";
    static final String FROM_POPULATION = "population";

    private BudgetProjection() {
    }

    /**
     * @param stated     people a day the request states for this offer, or null
     * @param recorded   decisions proposing it over the last 7 days (0 when none)
     * @param wouldSpend proposals this population would take (its reach in one day when nothing else is known)
     */
    public static SimulationResult.BudgetOutlook of(String offerId, OfferBudget budget, BudgetSpending spending, long wouldSpend,
                                                    Long stated, long recorded, Instant now) {
        double reach;
        String from;
        if (stated != null) {
            reach = stated;
            from = FROM_REQUEST;
        } else if (recorded > 0) {
            reach = recorded / 7.0;
            from = FROM_RECORDED;
        } else {
            reach = wouldSpend;
            from = FROM_POPULATION;
        }
        OfferBudget.Window window = budget.window(now);
        long spent = spending == null || !spending.known() ? 0 : spending.spent();
        long reserved = spending == null || !spending.known() ? 0 : spending.reserved();
        long left = window == null ? 0 : Math.max(0, budget.count() - spent - reserved);
        Instant runsOut = null;
        if (window != null && reach > 0) {
            runsOut = left == 0 ? now : now.plus(Duration.ofSeconds((long) Math.ceil(left / reach * 86_400)));
            if (!runsOut.isBefore(window.end())) {
                runsOut = null; // lasts its window
            }
        }
        return new SimulationResult.BudgetOutlook(offerId, budget.count(), budget.of().wire(), spent, reserved, left,
                window == null ? null : window.end(), wouldSpend, reach, from, runsOut);
    }
}
