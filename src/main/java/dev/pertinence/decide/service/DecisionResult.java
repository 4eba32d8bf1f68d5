package dev.pertinence.decide.service;

import dev.pertinence.decision.Decision;
import dev.pertinence.experiment.Assignment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A decision with what identifies it: its id, the customer it was made for, the model it read,
 * what it went without ({@code degraded}: redis, database, no_model; empty when nothing), and the
 * experiment arm it was made in (null outside any experiment).
 */
public record DecisionResult(UUID id, String customerId, String modelVersion, Instant decidedAt, Decision decision,
                             List<String> notes, List<String> degraded, int candidates, Assignment assignment) {
}
