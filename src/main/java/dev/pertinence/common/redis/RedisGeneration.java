package dev.pertinence.common.redis;

import dev.pertinence.common.config.PertinenceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.inject.Instance;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Tells whether Redis still holds the state derived from PostgreSQL, and rebuilds it when not.
 *
 * <p>Redis is a cache of derived state: a restart without persistence or a FLUSHALL empties it
 * silently, and then caps are forgotten (a second email is proposed) and the model pointer is gone.
 * A generation key, written once the derived state is complete, tells: every replica reads it each
 * {@code pertinence.redis.generation-check}; when it is missing, the data was lost. One replica (a
 * SET NX lock) rebuilds every {@link DerivedState} from PostgreSQL, then writes a new generation;
 * meanwhile every replica reports {@link #rebuilding()}, and decisions treat contact caps as
 * uncheckable (a capped channel proposes nothing) instead of trusting an empty history.
 */
@ApplicationScoped
public class RedisGeneration {

    static final String KEY = "pertinence:{g}:generation";
    static final String LOCK = "pertinence:{g}:rebuild-lock";
    private static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";
    private static final Logger LOG = Logger.getLogger(RedisGeneration.class);

    private final Redis redis;
    private final Instance<DerivedState> states;
    private final Vertx vertx;
    private final PertinenceConfig.Redis config;
    private final String instance = UUID.randomUUID().toString();
    private final AtomicBoolean checking = new AtomicBoolean();
    private final Counter rebuilt;
    private final Counter failed;
    private volatile boolean rebuilding;
    private long timer = -1;

    public RedisGeneration(Redis redis, Instance<DerivedState> states, Vertx vertx, PertinenceConfig config, MeterRegistry meters) {
        this.redis = redis;
        this.states = states;
        this.vertx = vertx;
        this.config = config.redis();
        this.rebuilt = Counter.builder("pertinence.redis.rebuilds").tag("result", "done")
                .description("Rebuilds of the Redis state derived from PostgreSQL after Redis lost its data").register(meters);
        this.failed = Counter.builder("pertinence.redis.rebuilds").tag("result", "failed")
                .description("Rebuilds of the Redis state derived from PostgreSQL after Redis lost its data").register(meters);
        Gauge.builder("pertinence.redis.rebuilding", this, generation -> generation.rebuilding ? 1 : 0)
                .description("1 while Redis lost its data and the state derived from PostgreSQL is not back yet").register(meters);
    }

    /** True from the moment the loss is seen until a rebuild (here or on another replica) completes. */
    public boolean rebuilding() {
        return rebuilding;
    }

    void onStart(@Observes StartupEvent event) {
        try {
            // a rebuild found necessary at start-up is waited for (bounded): the first decisions then see the caps
            check().await().atMost(config.rebuildWaitAtStart());
        } catch (RuntimeException e) {
            LOG.warnf("Redis generation not settled at start-up (%s): going on, checked every %s", e.toString(),
                    config.generationCheck());
        }
        timer = vertx.setPeriodic(config.generationCheck().toMillis(), id -> check().subscribe().with(done -> { },
                failure -> LOG.debug("Redis generation check failed", failure)));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Reads the generation; when it is missing, rebuilds if no other replica does. One check at a time. */
    Uni<Void> check() {
        if (!checking.compareAndSet(false, true)) {
            return Uni.createFrom().voidItem();
        }
        return send(Request.cmd(Command.GET).arg(KEY))
                .chain(generation -> {
                    if (generation != null) {
                        if (rebuilding) {
                            LOG.infof("Redis state derived from PostgreSQL is back (generation %s)", generation);
                        }
                        rebuilding = false;
                        return Uni.createFrom().voidItem();
                    }
                    if (!rebuilding) {
                        LOG.warn("Redis lost its data (no generation key): contact caps are treated as uncheckable "
                                + "until the state derived from PostgreSQL is rebuilt");
                        rebuilding = true;
                        states.forEach(DerivedState::lost);
                    }
                    return send(Request.cmd(Command.SET).arg(LOCK).arg(instance).arg("NX").arg("PX")
                                    .arg(config.rebuildTimeout().toMillis()))
                            .chain(locked -> locked == null ? Uni.createFrom().voidItem() // another replica rebuilds
                                    : Uni.createFrom().voidItem().emitOn(Infrastructure.getDefaultWorkerPool())
                                            .invoke(this::rebuild));
                })
                .eventually(() -> checking.set(false));
    }

    /** Blocking: every derived state, then the new generation, then the lock released. */
    private void rebuild() {
        long started = System.nanoTime();
        try {
            for (DerivedState state : states) {
                long stateStarted = System.nanoTime();
                long restored = state.rebuild();
                LOG.infof("Rebuilt %s from PostgreSQL: %d entries in %d ms", state.name(), restored,
                        (System.nanoTime() - stateStarted) / 1_000_000);
            }
            String generation = Instant.now() + "|" + instance;
            send(Request.cmd(Command.SET).arg(KEY).arg(generation)).await().atMost(config.backgroundTimeout());
            rebuilding = false;
            rebuilt.increment();
            LOG.infof("Redis state derived from PostgreSQL rebuilt in %d ms (generation %s)",
                    (System.nanoTime() - started) / 1_000_000, generation);
        } catch (RuntimeException e) {
            failed.increment();
            LOG.errorf(e, "Rebuild of the Redis state derived from PostgreSQL failed: retried at the next check");
        } finally {
            send(Request.cmd(Command.EVAL).arg(RELEASE).arg(1).arg(LOCK).arg(instance)).onFailure().recoverWithNull()
                    .await().atMost(config.backgroundTimeout());
        }
    }

    private Uni<io.vertx.mutiny.redis.client.Response> send(Request request) {
        return redis.send(request).ifNoItem().after(config.commandTimeout()).fail();
    }
}
