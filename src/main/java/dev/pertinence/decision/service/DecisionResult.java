package dev.pertinence.decision.service;

import dev.pertinence.decision.Decision;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A decision with what identifies it: its id, the customer it was made for, the model it read. */
public record DecisionResult(UUID id, String customerId, String modelVersion, Instant decidedAt, Decision decision,
                             List<String> notes, int candidates) {
}
