package dev.pertinence.decision;

import dev.pertinence.decision.Neighbour;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * Everything one decision needs, gathered beforehand: the core does no I/O.
 *
 * @param customer       null for an anonymous visitor or an unknown id
 * @param history        the person's recent purchases, newest first
 * @param neighbours     co-purchase neighbours of the evidence SKUs (purchases, cart, viewed product)
 * @param modelAvailable false when the co-purchase model could not be read: affinity is then left out
 * @param candidates     the active offers for the channel, placement and the person's segment, prepared with the
 *                       model's popularity and the learned responses of some moment
 * @param contacts       the person's recent exposures and refusals ({@link ContactHistory#NONE} for a visitor)
 * @param learned        the learned responses now (offers changed since the candidates were prepared are rescored)
 * @param random         draws whether this decision explores, and the Thompson samples when it does, then seeds the
 *                       estimate of its offers' propensities; null when the strategy of the candidates never explores
 * @param budgets        the spending of the candidates that have a budget, by offer id (read only for those)
 */
public record Snapshot(Instant now, CustomerProfile customer, List<PastPurchase> history, SessionContext context,
                       Map<String, List<Neighbour>> neighbours, boolean modelAvailable,
                       CandidateSet candidates, int limit, boolean explain, boolean allowSameCategory,
                       ContactHistory contacts, LearnedResponses learned, RandomGenerator random,
                       Map<String, BudgetSpending> budgets) {

    /** Without any budgeted candidate. */
    public Snapshot(Instant now, CustomerProfile customer, List<PastPurchase> history, SessionContext context,
                    Map<String, List<Neighbour>> neighbours, boolean modelAvailable,
                    CandidateSet candidates, int limit, boolean explain, boolean allowSameCategory,
                    ContactHistory contacts, LearnedResponses learned, RandomGenerator random) {
        this(now, customer, history, context, neighbours, modelAvailable, candidates, limit, explain, allowSameCategory,
                contacts, learned, random, Map.of());
    }

    /** A decision that does not explore. */
    public Snapshot(Instant now, CustomerProfile customer, List<PastPurchase> history, SessionContext context,
                    Map<String, List<Neighbour>> neighbours, boolean modelAvailable,
                    CandidateSet candidates, int limit, boolean explain, boolean allowSameCategory,
                    ContactHistory contacts, LearnedResponses learned) {
        this(now, customer, history, context, neighbours, modelAvailable, candidates, limit, explain, allowSameCategory,
                contacts, learned, null);
    }

    /** The strategy the candidates were prepared under. */
    public Strategy strategy() {
        return candidates.strategy();
    }
}
