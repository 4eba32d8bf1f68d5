package dev.pertinence.outcome.store;

import dev.pertinence.outcome.OutcomeType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * An outcome as stored, with what it inherits from its decision.
 *
 * @param decisionChannel where the offer was shown (the decision's channel); {@code channel} is where the person answered
 * @param redemption      a conversion recorded by a coupon's redemption at a till (what an offer's cost per redemption prices)
 */
public record StoredOutcome(String eventId, UUID decisionId, String offerId, OutcomeType type, String channel,
                            String decisionChannel, String placement, String customerId, String segment,
                            BigDecimal value, Instant occurredAt, boolean redemption) {

    public StoredOutcome(String eventId, UUID decisionId, String offerId, OutcomeType type, String channel,
                         String decisionChannel, String placement, String customerId, String segment,
                         BigDecimal value, Instant occurredAt) {
        this(eventId, decisionId, offerId, type, channel, decisionChannel, placement, customerId, segment, value, occurredAt, false);
    }

    /** The same outcome, recorded by a coupon's redemption. */
    public StoredOutcome asRedemption() {
        return new StoredOutcome(eventId, decisionId, offerId, type, channel, decisionChannel, placement, customerId, segment,
                value, occurredAt, true);
    }
}
