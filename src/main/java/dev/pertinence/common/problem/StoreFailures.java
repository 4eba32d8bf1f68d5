package dev.pertinence.common.problem;

import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.pgclient.PgException;
import io.vertx.sqlclient.ClosedConnectionException;
import java.net.ConnectException;
import java.nio.channels.ClosedChannelException;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;

/**
 * Tells a store that cannot serve now (down, restarting, overloaded, too slow) from a fault of the
 * service: the first is answered 503 with Retry-After (the client may send the same request
 * again: nothing was written, or the write is idempotent), the second 500.
 */
public final class StoreFailures {

    /** What a client is told to wait before retrying. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(5);

    private StoreFailures() {
    }

    /** The failure, or one of its causes, says a store is unavailable for now. */
    public static boolean unavailable(Throwable failure) {
        return Causes.first(failure, StoreFailures::notNow) != null;
    }

    private static boolean notNow(Throwable cause) {
        return cause instanceof ConnectException || cause instanceof ClosedChannelException
                || cause instanceof ClosedConnectionException || cause instanceof ConnectionPoolTooBusyException
                || cause instanceof TimeoutException || cause instanceof io.smallrye.mutiny.TimeoutException
                || cause instanceof PgException pg && pg.getSqlState() != null && unavailableState(pg.getSqlState())
                // Hibernate Reactive converts PostgreSQL's errors into SQLExceptions, without the PgException as cause
                || cause instanceof SQLException sql && sql.getSQLState() != null && unavailableState(sql.getSQLState())
                // the pool's acquire timeout (pertinence.database.acquire-timeout)
                || cause instanceof io.vertx.core.VertxException && "Timeout waiting for connection".equals(cause.getMessage())
                || cause instanceof io.vertx.core.impl.NoStackTraceThrowable && cause.getMessage() != null
                        && (cause.getMessage().contains("Pool closed") || cause.getMessage().contains("Timeout"));
    }

    /**
     * SQLSTATE classes and codes that mean "not now": 08 connection exceptions, 53 insufficient
     * resources (too many connections, out of memory or disk), 57P01-57P03 shutting down or
     * starting, 57014 a statement cancelled (statement_timeout: the transaction rolled back), 25P03
     * a transaction idle too long, 40001 / 40P01 serialization failure and deadlock.
     */
    static boolean unavailableState(String sqlState) {
        return sqlState.startsWith("08") || sqlState.startsWith("53") || sqlState.startsWith("57P")
                || sqlState.equals("57014") || sqlState.equals("25P03")
                || sqlState.equals("40001") || sqlState.equals("40P01");
    }
}
