package dev.pertinence.common.jobs;

import java.util.Locale;

/**
 * What the job machinery reads of a feature's job record (an evaluation, a simulation): the
 * record's own accessors, its status one of QUEUED, RUNNING, DONE or FAILED.
 */
public interface JobRecord {

    Enum<?> status();

    /** Null until done. */
    Object result();

    /** Why it failed; null otherwise. */
    String error();

    default boolean ended() {
        return !status().name().equals("QUEUED") && !status().name().equals("RUNNING");
    }

    /** The status as the API and the table spell it. */
    default String state() {
        return status().name().toLowerCase(Locale.ROOT);
    }
}
