package dev.pertinence.experiment.service;

import dev.pertinence.common.NewestLoad;
import dev.pertinence.common.redis.ChangeAnnouncements;
import dev.pertinence.experiment.Experiment;
import dev.pertinence.experiment.store.ExperimentStore;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The experiments running or to come, held in memory on every replica: a decision looks its
 * experiment up without I/O. A creation or a stop is announced on Redis pub/sub and every replica
 * reloads; a periodic reload covers a missed announcement. Until a replica hears of a new
 * experiment its decisions are outside it, so start experiments a little in the future.
 */
@ApplicationScoped
public class ExperimentRegistry {

    public static final String CHANGED_CHANNEL = "pertinence:experiments-changed";
    private static final Logger LOG = Logger.getLogger(ExperimentRegistry.class);

    private final ExperimentStore store;
    private final ChangeAnnouncements announcements;
    private final Clock clock;
    private final NewestLoad loads = new NewestLoad();
    private volatile List<Experiment> experiments = List.of();

    public ExperimentRegistry(ExperimentStore store, ChangeAnnouncements announcements, Clock clock) {
        this.store = store;
        this.announcements = announcements;
        this.clock = clock;
    }

    void onStart(@Observes StartupEvent event) {
        announcements.follow(CHANGED_CHANNEL, this::reload);
        try {
            reload().await().atMost(Duration.ofMinutes(1));
        } catch (RuntimeException e) {
            LOG.error("Experiments not loaded at start-up: decisions are outside any experiment until a reload succeeds", e);
        }
    }

    @Scheduled(every = "{pertinence.experiment.refresh-interval}", delayed = "{pertinence.experiment.refresh-interval}")
    Uni<Void> periodicReload() {
        return reload().onFailure().invoke(failure -> LOG.warn("Periodic reload of experiments failed", failure))
                .onFailure().recoverWithNull();
    }

    /** The experiment a decision on this channel and placement belongs to now, or null. */
    public Experiment find(String channel, String placement, java.time.Instant at) {
        for (Experiment experiment : experiments) {
            if (experiment.covers(channel, placement, at)) {
                return experiment;
            }
        }
        return null;
    }

    /** After a committed change: reload here, then tell the other replicas. */
    public Uni<Void> changed() {
        return reload().call(() -> announcements.announce(CHANGED_CHANNEL));
    }

    public Uni<Void> reload() {
        long ticket = loads.start();
        return store.notEnded(clock.instant())
                .invoke(fresh -> loads.install(ticket, () -> experiments = List.copyOf(fresh)))
                .replaceWithVoid();
    }
}
