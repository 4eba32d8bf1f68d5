package dev.pertinence.budget.store;

import dev.pertinence.decision.OfferBudget;
import java.time.Instant;

/**
 * The Redis keys of one window of an offer's budget, all in the offer's hash slot ({@code {o:<id>}},
 * beside its response counters), so each script touching them runs on Redis Cluster unchanged:
 * <ul>
 *   <li>{@code pertinence:{o:<id>}:budget:<of>:<windowStartMs>:held}: sorted set of the decisions
 *       holding a unit now, score when reserved; a member older than the hold has lapsed;</li>
 *   <li>{@code …:spent}: the count confirmed (a string, INCR);</li>
 *   <li>{@code …:confirmed}: sorted set of the decisions whose spending was confirmed, score when,
 *       kept {@code pertinence.budget.confirmation-memory}, so an outcome applied twice counts once.</li>
 * </ul>
 * The window start and what is counted are in the key: a new period, or a budget that counts
 * something else, starts from zero. Every key expires after its window.
 */
public final class BudgetKeys {

    private BudgetKeys() {
    }

    static String prefix(String offerId, OfferBudget.Spend of, Instant windowStart) {
        return "pertinence:{o:" + offerId + "}:budget:" + of.wire() + ":" + windowStart.toEpochMilli();
    }

    public static String held(String offerId, OfferBudget.Spend of, Instant windowStart) {
        return prefix(offerId, of, windowStart) + ":held";
    }

    public static String spent(String offerId, OfferBudget.Spend of, Instant windowStart) {
        return prefix(offerId, of, windowStart) + ":spent";
    }

    public static String confirmed(String offerId, OfferBudget.Spend of, Instant windowStart) {
        return prefix(offerId, of, windowStart) + ":confirmed";
    }
}
