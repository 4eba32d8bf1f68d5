package dev.pertinence.evaluation;

import dev.pertinence.common.jobs.JobRecord;
import java.time.Instant;
import java.util.UUID;

/**
 * An evaluation job as recorded: queued, running (with its progress), done (with its result) or
 * failed (with why).
 *
 * @param done  cases replayed so far
 * @param total cases to replay; null until the data is read
 */
public record Evaluation(UUID id, Status status, EvaluationSettings settings, Instant requestedAt, Instant startedAt,
                         Instant finishedAt, int done, Integer total, EvaluationResult result, String error) implements JobRecord {

    public enum Status {
        QUEUED, RUNNING, DONE, FAILED
    }
}
