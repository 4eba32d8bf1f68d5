package dev.pertinence.common.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class StoreFailuresTest {

    @Test
    void aStoreThatCannotServeNowIsUnavailableEvenDeepInTheCauses() {
        assertTrue(StoreFailures.unavailable(new ConnectException("Connection refused")));
        assertTrue(StoreFailures.unavailable(new CompletionException(new RuntimeException(new ConnectException("refused")))));
        assertTrue(StoreFailures.unavailable(ClosedConnectionException.INSTANCE));
        assertTrue(StoreFailures.unavailable(new ConnectionPoolTooBusyException("Connection pool reached max wait queue size of 64")));
        assertTrue(StoreFailures.unavailable(new io.smallrye.mutiny.TimeoutException()));
        assertTrue(StoreFailures.unavailable(new PgException("the database system is shutting down", "FATAL", "57P03", null)));
        assertTrue(StoreFailures.unavailable(new PgException("sorry, too many clients already", "FATAL", "53300", null)));
        assertTrue(StoreFailures.unavailable(new PgException("deadlock detected", "ERROR", "40P01", null)));
        assertTrue(StoreFailures.unavailable(new io.vertx.core.impl.NoStackTraceThrowable("Pool closed")));
        assertTrue(StoreFailures.unavailable(new PgException("canceling statement due to statement timeout", "ERROR", "57014", null)));
        // no connection within the acquire timeout (bench/faults.sh, PostgreSQL frozen: 341 decision records dropped for it)
        assertTrue(StoreFailures.unavailable(new io.vertx.core.VertxException("Timeout waiting for connection", true)));
        // as Hibernate Reactive hands them over: its own exception around an SQLException, the PgException gone
        assertTrue(StoreFailures.unavailable(new org.hibernate.QueryTimeoutException("update customer",
                new java.sql.SQLException("ERROR: canceling statement due to statement timeout (57014)", "57014"), "update customer")));
    }

    @Test
    void aFaultOfTheServiceIsNot() {
        assertFalse(StoreFailures.unavailable(new IllegalStateException("bug")));
        assertFalse(StoreFailures.unavailable(new PgException("syntax error at or near", "ERROR", "42601", null)));
        assertFalse(StoreFailures.unavailable(new PgException("duplicate key value", "ERROR", "23505", null)));
        assertFalse(StoreFailures.unavailable(new java.sql.SQLException("duplicate key value", "23505")));
        assertFalse(StoreFailures.unavailable(new io.vertx.core.VertxException("Something else", true)));
        assertFalse(StoreFailures.unavailable(new RuntimeException(new NullPointerException())));
    }

    /** What PostgreSQL refuses is told in the caller's terms, without quoting SQL ("invalid byte sequence ... (22021)"). */
    @Test
    void aValuePostgresqlRefusesIsABadRequestInTheCallersTerms() {
        Problem nul = problemOf(new PgException("invalid byte sequence for encoding \"UTF8\": 0x00", "ERROR", "22021", null));
        assertEquals(400, nul.status());
        assertEquals("A value cannot be stored: a text contains a character that cannot be stored (the NUL character)", nul.detail());
        Problem range = problemOf(new CompletionException(new PgException("numeric field overflow", "ERROR", "22003", null)));
        assertEquals("A value cannot be stored: a number is out of the range its field allows", range.detail());
        Problem other = problemOf(new PgException("invalid input syntax for type uuid", "ERROR", "22P02", null));
        assertEquals("A value cannot be stored: a value is not valid for its field", other.detail());
        assertFalse(other.detail().contains("uuid"));
    }

    private static Problem problemOf(Throwable failure) {
        return (Problem) new ProblemMappers(null).unexpected(failure).getEntity();
    }
}
