package dev.pertinence.decide.service;

import dev.pertinence.common.ThrottledLog;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.decide.store.DecisionHistory;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Keeps decisions' answers for {@code pertinence.decisions.retention} (90 days), then purges them:
 * every {@code purge-interval} each replica deletes at most {@code purge-batches-per-run} batches
 * of {@code purge-batch} of the oldest, one short statement each, and stops early when none is
 * left. What attributes outcomes stays (DecisionHistory#purge): offer performance, exposures and
 * experiment results read the same before and after. Decisions never wait for it.
 */
@ApplicationScoped
public class DecisionRetention {

    private static final Logger LOG = Logger.getLogger(DecisionRetention.class);

    private final DecisionHistory history;
    private final Vertx vertx;
    private final Clock clock;
    private final PertinenceConfig.Decisions config;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ThrottledLog failures = new ThrottledLog(LOG, Duration.ofMinutes(5));
    private long timer = -1;

    public DecisionRetention(DecisionHistory history, Vertx vertx, Clock clock, PertinenceConfig config) {
        this.history = history;
        this.vertx = vertx;
        this.clock = clock;
        this.config = config.decisions();
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(config.purgeInterval().toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                purge(clock.instant().minus(config.retention()), config.purgeBatchesPerRun())
                        .eventually(() -> running.set(false))
                        .subscribe().with(purged -> { }, failure -> failures.warn("Decision retention purge failed", failure));
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Purges answers of decisions made before {@code cutoff}, at most {@code batches} batches; returns how many decisions it touched. */
    public Uni<Long> purge(Instant cutoff, int batches) {
        return purge(cutoff, batches, 0L, 0L);
    }

    private Uni<Long> purge(Instant cutoff, int batchesLeft, long answers, long rows) {
        if (batchesLeft <= 0) {
            return done(answers, rows);
        }
        return history.purge(cutoff, config.purgeBatch()).chain(purged -> purged.total() < config.purgeBatch()
                ? done(answers + purged.answersDeleted(), rows + purged.rowsDeleted())
                : purge(cutoff, batchesLeft - 1, answers + purged.answersDeleted(), rows + purged.rowsDeleted()));
    }

    private static Uni<Long> done(long answers, long rows) {
        if (answers + rows > 0) {
            LOG.infof("Decision retention: %d decisions deleted, %d kept for attribution without their answer", rows, answers);
        }
        return Uni.createFrom().item(answers + rows);
    }
}
