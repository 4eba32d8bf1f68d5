package dev.pertinence.common.store;

import dev.pertinence.common.config.PertinenceConfig;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The PostgreSQL pool as Quarkus configures it, with the time and queue bounds it has no
 * setting for (docs/resilience.md):
 * <ul>
 *   <li>at most {@code pertinence.database.max-wait-queue} requests wait for a connection (unbounded
 *       by default); past it a query fails at once with ConnectionPoolTooBusyException;</li>
 *   <li>none waits longer than {@code pertinence.database.acquire-timeout} (2 s; Vert.x's own default is 30 s);</li>
 *   <li>every connection starts with the server-side {@code statement_timeout} and
 *       {@code idle_in_transaction_session_timeout} ({@code pertinence.database.statement-timeout}),
 *       so a statement stuck on a lock or a slow plan is cancelled and its connection returns.</li>
 * </ul>
 * A write that meets one of them answers 503 with Retry-After; a decision goes on without its
 * profile. Requests fail fast instead of queueing until their clients time out.
 */
@Singleton
public class BoundedPool implements PgPoolCreator {

    private final PertinenceConfig.Database database;

    public BoundedPool(PertinenceConfig config) {
        this.database = config.database();
    }

    @Override
    public Pool create(Input input) {
        long statementMillis = database.statementTimeout().toMillis();
        List<SqlConnectOptions> servers = input.pgConnectOptionsList().stream()
                .map(options -> (SqlConnectOptions) new PgConnectOptions(options)
                        .addProperty("statement_timeout", Long.toString(statementMillis))
                        .addProperty("idle_in_transaction_session_timeout", Long.toString(2 * statementMillis)))
                .toList();
        return PgBuilder.pool()
                .with(input.poolOptions().setMaxWaitQueueSize(database.maxWaitQueue())
                        .setConnectionTimeout(Math.toIntExact(Math.max(1, database.acquireTimeout().toMillis())))
                        .setConnectionTimeoutUnit(TimeUnit.MILLISECONDS))
                .connectingTo(servers)
                .using(input.vertx())
                .build();
    }
}
