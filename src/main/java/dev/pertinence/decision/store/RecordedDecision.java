package dev.pertinence.decision.store;

import java.time.Instant;
import java.util.UUID;

/** A decision as kept for attributing outcomes: who (and their segment), where, which model, which offers (JSON). */
public record RecordedDecision(UUID id, String customerId, String segment, String channel, String placement,
                               String modelVersion, String offersJson, Instant decidedAt) {
}
