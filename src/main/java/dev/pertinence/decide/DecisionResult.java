package dev.pertinence.decide;

import dev.pertinence.decision.Decision;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.experiment.Assignment;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A decision with what identifies it: its id, the customer it was made for, where (channel, as
 * chosen when the caller let the service choose, and placement), the person's segment, the model it
 * read, what it went without ({@code degraded}: redis, database, no_model; empty when nothing),
 * and the experiment arm it was made in with the unit recorded for it (null outside any experiment);
 * {@code context}: the moment as the caller gave it (what the decision's audit keeps).
 */
public record DecisionResult(UUID id, String customerId, String channel, String placement, String segment,
                             String modelVersion, Instant decidedAt, Decision decision, List<String> notes,
                             List<String> degraded, int candidates, Assignment assignment, Long experimentUnit,
                             SessionContext context) {
}
