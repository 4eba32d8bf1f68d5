package dev.pertinence.decision.store;

import dev.pertinence.decision.CustomerProfile;
import dev.pertinence.decision.PastPurchase;
import dev.pertinence.decision.SessionContext;
import java.util.List;
import java.util.Map;

/** What PostgreSQL holds for one decision: the profile (null if unknown), recent purchases, session products. */
public record DecisionInputs(CustomerProfile customer, List<PastPurchase> history,
                             Map<String, SessionContext.ProductInfo> sessionProducts) {
}
