package dev.pertinence.copurchase.store;

import dev.pertinence.common.redis.ChangeAnnouncements;
import dev.pertinence.common.redis.Replicated;
import dev.pertinence.copurchase.ModelKeys;
import dev.pertinence.decision.Popularity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * This replica's view of the active model: its version, and its popularity figures held in
 * memory (small, read by every decision). Follows the pointer on the pub/sub announcement of a
 * new version, and polls it as a safety net for a missed message.
 */
@ApplicationScoped
public class ActiveModel {

    private static final Logger LOG = Logger.getLogger(ActiveModel.class);

    /** What a decision reads: the version its neighbours come from, and that version's popularity. */
    public record Current(String version, Popularity popularity) {
        static final Current NONE = new Current(null, Popularity.NONE);

        public boolean present() {
            return version != null;
        }
    }

    private final RedisModelStore store;
    private final ChangeAnnouncements announcements;
    private final MeterRegistry meters;
    private final Clock clock;
    private volatile Current current = Current.NONE;
    private Gauge info;
    private final Counter switched;
    private final Counter switchFailed;

    public ActiveModel(RedisModelStore store, ChangeAnnouncements announcements, MeterRegistry meters, Clock clock) {
        this.store = store;
        this.announcements = announcements;
        this.meters = meters;
        this.clock = clock;
        Gauge.builder("pertinence.model.age", this, model -> model.age().map(Duration::toSeconds).map(Long::doubleValue).orElse(Double.NaN))
                .description("Age of the co-purchase model decisions read (NaN: none)").baseUnit("seconds").register(meters);
        Gauge.builder("pertinence.model.present", this, model -> model.current.present() ? 1 : 0)
                .description("1 when a co-purchase model is read, 0 when decisions rank without one").register(meters);
        this.switched = Replicated.reloads(meters, "copurchase_model", "loaded");
        this.switchFailed = Replicated.reloads(meters, "copurchase_model", "failed");
    }

    /** Since the active model was built (its version starts with its build time, UTC), if there is one. */
    public Optional<Duration> age() {
        String version = current.version();
        if (version == null || version.length() < 15) {
            return Optional.empty();
        }
        try {
            Instant built = LocalDateTime.parse(version.substring(0, 15), ModelKeys.VERSION_TIME).toInstant(ZoneOffset.UTC);
            return Optional.of(Duration.between(built, clock.instant()));
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }


    void onStart(@Observes StartupEvent event) {
        announcements.follow(ModelKeys.CHANGED_CHANNEL, this::refresh);
        refresh().subscribe().with(ignored -> { }, failure -> LOG.warn("No model pointer readable at start-up", failure));
    }

    @Scheduled(every = "{pertinence.model.pointer-refresh}", delayed = "{pertinence.model.pointer-refresh}")
    Uni<Void> poll() {
        return refresh().onFailure().invoke(failure -> LOG.debug("Model pointer poll failed", failure))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    private synchronized void removeVersionInfo() {
        if (info != null) {
            meters.remove(info);
            info = null;
        }
    }

    /** pertinence_model_info{version} 1 for the version read now (the previous series is removed). */
    private synchronized void versionInfo(String version) {
        removeVersionInfo();
        info = Gauge.builder("pertinence.model.info", () -> 1).tag("version", version)
                .description("The co-purchase model version decisions read").register(meters);
    }

    public Current current() {
        return current;
    }

    /** Reads the pointer; loads popularity when the version changed. */
    public Uni<Current> refresh() {
        return store.activeVersion().chain(this::follow);
    }

    private Uni<Current> follow(Optional<String> version) {
        if (version.isEmpty()) {
            if (current.present()) {
                // the pointer is never deleted: Redis lost its data, and with it the neighbour lists this version
                // names. Readiness, the neighbours endpoint and decisions say "no model" together until the model
                // is rebuilt (RedisGeneration), instead of decisions using a copy the endpoint can no longer read.
                LOG.warnf("Co-purchase model %s is gone from Redis: decisions go without it until it is rebuilt",
                        current.version());
                current = Current.NONE;
                removeVersionInfo();
            }
            return Uni.createFrom().item(current);
        }
        if (version.get().equals(current.version())) {
            return Uni.createFrom().item(current);
        }
        return store.popularity(version.get())
                .onFailure().invoke(() -> switchFailed.increment())
                .invoke(() -> switched.increment())
                .map(popularity -> {
                    current = new Current(version.get(), popularity);
                    LOG.infof("Now reading co-purchase model %s", version.get());
                    versionInfo(version.get());
                    return current;
                });
    }
}
