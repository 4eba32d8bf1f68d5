package dev.pertinence.common.store;

import dev.pertinence.common.config.PertinenceConfig;
import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgBuilder;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnectOptions;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * The PostgreSQL pool as Quarkus configures it, with one bound more: at most
 * {@code pertinence.database.max-wait-queue} requests wait for a connection (Quarkus has no
 * setting for it; unbounded by default). Past it a query fails at once with
 * ConnectionPoolTooBusyException: a write answers 503 with Retry-After, a decision goes on
 * without its profile, instead of requests queueing until their clients time out.
 */
@Singleton
public class BoundedPool implements PgPoolCreator {

    private final int maxWaitQueue;

    public BoundedPool(PertinenceConfig config) {
        this.maxWaitQueue = config.database().maxWaitQueue();
    }

    @Override
    public Pool create(Input input) {
        return PgBuilder.pool()
                .with(input.poolOptions().setMaxWaitQueueSize(maxWaitQueue))
                .connectingTo(List.<SqlConnectOptions>copyOf(input.pgConnectOptionsList()))
                .using(input.vertx())
                .build();
    }
}
