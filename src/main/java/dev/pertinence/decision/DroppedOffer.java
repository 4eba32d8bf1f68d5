package dev.pertinence.decision;

/** Why an eligible-looking offer was not proposed (returned with explain). */
public record DroppedOffer(String offerId, Reason reason, String detail, double score) {

    public enum Reason {
        /** Outside its validity window. */
        NOT_VALID_NOW,
        /** Every product it promotes is already in the cart (and it did not opt in with proposeWhenInCart). */
        IN_CART,
        /** The person bought every product it promotes within its excludeBoughtWithin period. */
        BOUGHT_RECENTLY,
        /** It is for a moment in the person's life (a child's birthday, a move) that is not near. */
        NOT_THEIR_MOMENT,
        /** Its eligibility rule is false for this person and moment. */
        RULE_NOT_MET,
        /** Its eligibility rule could not be evaluated (e.g. it reads a field this person does not have). */
        RULE_ERROR,
        /** An offer of the same category ranked higher. */
        SAME_CATEGORY,
        /** Eligible, but ranked below the requested number of offers. */
        BELOW_LIMIT,
        /** The person has refused it, or offers of its category, too often lately. */
        SUPPRESSED,
        /** Shown to the person as often as its cap allows. */
        CAPPED,
        /** Its volume budget is spent (or held by decisions not yet confirmed), or could not be checked. */
        BUDGET_SPENT,
        /** Its budget is paced evenly over its period and this moment's allowance is taken. */
        PACED
    }
}
