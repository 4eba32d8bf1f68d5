package dev.pertinence.simulation;

import dev.pertinence.common.jobs.JobRecord;
import java.time.Instant;
import java.util.UUID;

/**
 * A simulation job as recorded: queued, running (with its progress), done (with its result) or
 * failed (with why).
 *
 * @param done  people decided so far
 * @param total people to decide; null until the population is read
 */
public record Simulation(UUID id, Status status, SimulationSettings settings, Instant requestedAt, Instant startedAt,
                         Instant finishedAt, int done, Integer total, SimulationResult result, String error) implements JobRecord {

    public enum Status {
        QUEUED, RUNNING, DONE, FAILED
    }
}
