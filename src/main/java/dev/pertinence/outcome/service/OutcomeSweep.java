package dev.pertinence.outcome.service;

import dev.pertinence.common.ThrottledLog;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.outcome.store.OutcomeWriter;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Applies to Redis the stored outcomes whose counters a crash or a Redis outage left behind
 * (PostgreSQL is the record; Redis is derived from it). Every replica sweeps; applying twice is
 * harmless (the counting script keeps a marker per event for a day).
 */
@ApplicationScoped
public class OutcomeSweep {

    private static final Logger LOG = Logger.getLogger(OutcomeSweep.class);
    private static final int BATCH = 500;

    private final OutcomeWriter writer;
    private final OutcomeCounters counters;
    private final Vertx vertx;
    private final Duration interval;
    private final AtomicBoolean running = new AtomicBoolean();
    private final ThrottledLog failures = new ThrottledLog(LOG, Duration.ofMinutes(1));
    private long timer = -1;

    public OutcomeSweep(OutcomeWriter writer, OutcomeCounters counters, Vertx vertx, PertinenceConfig config) {
        this.writer = writer;
        this.counters = counters;
        this.vertx = vertx;
        this.interval = config.outcome().sweepInterval();
    }

    void onStart(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(interval.toMillis(), id -> {
            if (running.compareAndSet(false, true)) {
                sweep().eventually(() -> running.set(false))
                        .subscribe().with(count -> { }, failure -> failures.warn("Outcome sweep failed", failure));
            }
        });
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Applies up to one batch of outcomes stored at least one interval ago and not applied; returns how many. */
    public Uni<Integer> sweep() {
        return writer.unapplied(interval, BATCH)
                .chain(outcomes -> counters.apply(outcomes)
                        .call(writer::markApplied)
                        .map(applied -> {
                            if (!applied.isEmpty()) {
                                LOG.infof("Sweep applied %d outcomes to the Redis counters", applied.size());
                            }
                            return applied.size();
                        }));
    }
}
