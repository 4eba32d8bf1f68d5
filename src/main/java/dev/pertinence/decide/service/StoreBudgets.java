package dev.pertinence.decide.service;

import dev.pertinence.common.Budget;
import dev.pertinence.common.StartupGrace;
import dev.pertinence.common.config.PertinenceConfig;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The time a request's store calls may take: {@code pertinence.decision.database-timeout} and
 * {@code redis-timeout}, longer during the start-up grace ({@link StartupGrace}). Past it, or on
 * failure, the call's fallback answers.
 */
@ApplicationScoped
public class StoreBudgets {

    private final Vertx vertx;
    private final StartupGrace grace;
    private final Duration database;
    private final Duration redis;

    public StoreBudgets(Vertx vertx, PertinenceConfig config) {
        this.vertx = vertx;
        this.grace = new StartupGrace(config.warmUp().grace(), config.warmUp().graceBudget());
        this.database = config.decision().databaseTimeout();
        this.redis = config.decision().redisTimeout();
    }

    public <T> Uni<T> database(Supplier<Future<T>> call, Function<Throwable, T> fallback) {
        return Budget.within(vertx, grace.budget(database), call, fallback);
    }

    public <T> Uni<T> redis(Supplier<Future<T>> call, Function<Throwable, T> fallback) {
        return Budget.within(vertx, grace.budget(redis), call, fallback);
    }

    /** The Redis budget now, for a call that is a {@code Uni} already. */
    public Duration redis() {
        return grace.budget(redis);
    }
}
