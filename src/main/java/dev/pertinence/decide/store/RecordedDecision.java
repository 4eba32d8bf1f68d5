package dev.pertinence.decide.store;

import java.time.Instant;
import java.util.UUID;

/**
 * A decision as kept for attributing outcomes: who (and their segment), where, which model, which
 * offers (JSON); and the experiment arm it was made in (all three null outside an experiment),
 * with the person's pseudonym in the experiment, and whether it explored; and the rest of the answer,
 * for its audit ({@link AnswerJson}; null: none kept).
 */
public record RecordedDecision(UUID id, String customerId, String segment, String channel, String placement,
                               String modelVersion, String offersJson, Instant decidedAt, String experimentId, String arm,
                               Long experimentUnit, boolean explored, String answerJson) {
}
