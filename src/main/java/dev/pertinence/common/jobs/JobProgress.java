package dev.pertinence.common.jobs;

/**
 * Told how far a job's run is, often (the machinery throttles its own writes); {@code total} is
 * null while the data is read. It throws to stop the run (its job was cancelled, swept or taken
 * over). Not the heartbeat: that ticks on its own ({@link Jobs}), however long a step between two
 * calls takes.
 */
@FunctionalInterface
public interface JobProgress {

    void at(int done, Integer total);
}
