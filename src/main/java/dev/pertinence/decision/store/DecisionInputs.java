package dev.pertinence.decision.store;

import dev.pertinence.decision.CustomerProfile;
import dev.pertinence.decision.PastPurchase;
import java.util.List;

/** What PostgreSQL holds for one decision: the profile (null if unknown) and recent purchases, newest first. */
public record DecisionInputs(CustomerProfile customer, List<PastPurchase> history) {

    public static final DecisionInputs NONE = new DecisionInputs(null, List.of());
}
