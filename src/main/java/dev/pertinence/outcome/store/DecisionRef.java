package dev.pertinence.outcome.store;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** What an outcome needs of its decision: who, which segment, where, when, and which offers it proposed. */
public record DecisionRef(UUID id, String customerId, String segment, String channel, String placement,
                          Instant decidedAt, Set<String> offerIds) {
}
