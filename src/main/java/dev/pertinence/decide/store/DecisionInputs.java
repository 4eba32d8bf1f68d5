package dev.pertinence.decide.store;

import dev.pertinence.decision.Consents;
import dev.pertinence.decision.CustomerProfile;
import dev.pertinence.decision.PastPurchase;
import java.util.List;

/**
 * What PostgreSQL holds for one decision: the profile (null if unknown), recent purchases (newest
 * first) and the person's consents.
 */
public record DecisionInputs(CustomerProfile customer, List<PastPurchase> history, Consents consents) {

    public static final DecisionInputs NONE = new DecisionInputs(null, List.of(), Consents.NONE);

    /** What a request has when PostgreSQL did not answer: nothing, and told apart from NONE by identity. */
    public static final DecisionInputs UNAVAILABLE = new DecisionInputs(null, List.of(), Consents.NONE);
}
