package dev.pertinence.outcome.service;

import dev.pertinence.outcome.OutcomeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An outcome as a client reported it.
 *
 * @param field      where it sits in the request ("" for a single outcome, "outcomes[3]." in a batch), for problems
 * @param channel    null: the decision's
 * @param occurredAt null: now
 */
public record NewOutcome(String field, UUID decisionId, String eventId, String offerId, OutcomeType type, String channel,
                         Instant occurredAt, BigDecimal value) {
}
