package dev.pertinence.experiment.service;

import dev.pertinence.common.redis.ChangeAnnouncements;
import dev.pertinence.common.redis.Replicated;
import dev.pertinence.experiment.Assignment;
import dev.pertinence.experiment.Experiment;
import dev.pertinence.experiment.Pseudonyms;
import dev.pertinence.experiment.store.ExperimentStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Instant;
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

    private final Replicated<List<Experiment>> experiments;
    private final Pseudonyms pseudonyms;

    public ExperimentRegistry(ExperimentStore store, ChangeAnnouncements announcements, MeterRegistry meters, Clock clock,
                              Pseudonyms pseudonyms) {
        this.pseudonyms = pseudonyms;
        this.experiments = new Replicated<>("experiments", CHANGED_CHANNEL, List.of(),
                () -> store.notEnded(clock.instant()).map(List::copyOf), loaded -> { }, announcements, meters, LOG);
    }

    void onStart(@Observes StartupEvent event) {
        experiments.start("decisions are outside any experiment");
    }

    @Scheduled(every = "{pertinence.experiment.refresh-interval}", delayed = "{pertinence.experiment.refresh-interval}")
    Uni<Void> periodicReload() {
        return experiments.periodicReload();
    }

    /** The experiment a decision on this channel and placement belongs to now, or null. */
    public Experiment find(String channel, String placement, Instant at) {
        for (Experiment experiment : experiments.get()) {
            if (experiment.covers(channel, placement, at)) {
                return experiment;
            }
        }
        return null;
    }

    /** What the decision of this assignment is recorded under: the unit's keyed pseudonym, never the unit. */
    public long pseudonymOf(Assignment assignment) {
        return pseudonyms.of(assignment.experimentId(), assignment.unit());
    }

    /** After a committed change: reload here, then tell the other replicas. */
    public Uni<Void> changed() {
        return experiments.changed();
    }
}
