package dev.pertinence.decision.service;

import dev.pertinence.decision.SessionContext;

/** A decision request in domain terms; {@code context.products()} is filled in by the service. */
public record DecisionQuery(String customerId, SessionContext context, int limit, boolean explain, boolean allowSameCategory) {
}
