package dev.pertinence.decision;

/**
 * An offer's budget as read before a decision: what its window has spent (confirmed), what
 * decisions hold for it now (reserved, not yet confirmed nor lapsed) and the paced allowance now.
 * {@link #UNKNOWN} when it could not be read: the offer is then not proposed (a budget cannot be
 * taken back once exceeded).
 */
public record BudgetSpending(long spent, long reserved, long allowance, boolean known) {

    public static final BudgetSpending UNKNOWN = new BudgetSpending(0, 0, 0, false);

    public BudgetSpending(long spent, long reserved, long allowance) {
        this(spent, reserved, allowance, true);
    }

    /** Why {@code offer} may not be proposed now, or null when its budget still has room. */
    public static DroppedOffer refusal(CandidateOffer offer, BudgetSpending spending, java.time.Instant now, double score) {
        OfferBudget budget = offer.budget();
        if (spending == null || !spending.known()) {
            return new DroppedOffer(offer.id(), DroppedOffer.Reason.BUDGET_SPENT, "its budget could not be checked", score);
        }
        long taken = spending.spent() + spending.reserved();
        if (budget.window(now) == null) {
            return new DroppedOffer(offer.id(), DroppedOffer.Reason.BUDGET_SPENT, budget.outside(now), score);
        }
        if (taken >= budget.count()) {
            return new DroppedOffer(offer.id(), DroppedOffer.Reason.BUDGET_SPENT, "its budget of " + budget.count() + " "
                    + budget.of().wire() + " is spent (" + spending.spent() + " spent, " + spending.reserved() + " held)", score);
        }
        if (taken >= spending.allowance()) {
            return new DroppedOffer(offer.id(), DroppedOffer.Reason.PACED, "its budget is paced evenly: " + spending.allowance()
                    + " of " + budget.count() + " " + budget.of().wire() + " allowed by now, " + taken + " spent or held", score);
        }
        return null;
    }
}
