package dev.pertinence.outcome.store;

import dev.pertinence.outcome.OutcomeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An outcome as stored, with what it inherits from its decision.
 *
 * @param decisionChannel where the offer was shown (the decision's channel); {@code channel} is where the person answered
 */
public record StoredOutcome(String eventId, UUID decisionId, String offerId, OutcomeType type, String channel,
                            String decisionChannel, String placement, String customerId, String segment,
                            BigDecimal value, Instant occurredAt) {
}
