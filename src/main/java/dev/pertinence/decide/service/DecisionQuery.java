package dev.pertinence.decide.service;

import dev.pertinence.decision.SessionContext;
import dev.pertinence.identity.CustomerReference;

/**
 * A decision request in domain terms; {@code context.products()} is filled in by the service.
 * {@code customer} names the person as the caller did (id, merged-away id or identifier), already
 * normalised; null for an anonymous visitor, whom {@code visitorId} (a first-party cookie, say)
 * keeps in one experiment arm when given.
 */
public record DecisionQuery(CustomerReference customer, String visitorId, SessionContext context, int limit, boolean explain,
                            boolean allowSameCategory) {

    /** A decision the service makes itself for a customer it has resolved (agent card, store visit, cascade step). */
    public static DecisionQuery forCustomer(String customerId, SessionContext context, int limit) {
        return new DecisionQuery(new CustomerReference(null, customerId), null, context, limit, false, false);
    }
}
