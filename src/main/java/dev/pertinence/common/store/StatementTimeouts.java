package dev.pertinence.common.store;

/**
 * Widening the pool's {@code statement_timeout} (pertinence.database.statement-timeout) for the
 * one transaction that runs it: bulk work that legitimately reads or writes a whole table.
 */
public final class StatementTimeouts {

    /** Imports, exports, model builds, experiment results: minutes, not seconds. */
    public static final String BULK = "SET LOCAL statement_timeout = '5min'";

    private StatementTimeouts() {
    }
}
