package dev.pertinence.common.store;

import java.time.Instant;
import java.time.OffsetDateTime;

/** PostgreSQL's {@code timestamptz} as the API's instants. */
public final class Timestamps {

    private Timestamps() {
    }

    /** A nullable column's instant (null stays null). */
    public static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
