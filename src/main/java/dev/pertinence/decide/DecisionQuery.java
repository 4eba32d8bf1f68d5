package dev.pertinence.decide;

import dev.pertinence.decision.SessionContext;
import dev.pertinence.identity.CustomerReference;
import java.util.List;

/**
 * A decision request in domain terms; {@code context.products()} is filled in by the service.
 * {@code customer} names the person as the caller did (id, merged-away id or identifier), already
 * normalised; null for an anonymous visitor, whom {@code visitorId} (a first-party cookie, say)
 * keeps in one experiment arm when given. {@code bestChannelAmong}: when not empty, the decision
 * is made on the one of these channels the person answers best on and consented to (else on the
 * context's channel).
 */
public record DecisionQuery(CustomerReference customer, String visitorId, SessionContext context, int limit, boolean explain,
                            boolean allowSameCategory, List<String> bestChannelAmong) {

    public DecisionQuery {
        bestChannelAmong = bestChannelAmong == null ? List.of() : List.copyOf(bestChannelAmong);
    }

    /** A decision the service makes itself for a customer it has resolved (agent card, store visit, cascade step). */
    public static DecisionQuery forCustomer(String customerId, SessionContext context, int limit) {
        return new DecisionQuery(new CustomerReference(null, customerId), null, context, limit, false, false, List.of());
    }

    /** The same request on another channel. */
    public DecisionQuery on(String channel) {
        return new DecisionQuery(customer, visitorId, context.onChannel(channel), limit, explain, allowSameCategory, List.of());
    }
}
