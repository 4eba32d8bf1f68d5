package dev.pertinence.copurchase.store;

import dev.pertinence.copurchase.Popularity;
import dev.pertinence.common.redis.ChangeAnnouncements;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
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
    private volatile Current current = Current.NONE;

    public ActiveModel(RedisModelStore store, ChangeAnnouncements announcements) {
        this.store = store;
        this.announcements = announcements;
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

    public Current current() {
        return current;
    }

    /** Reads the pointer; loads popularity when the version changed. */
    public Uni<Current> refresh() {
        return store.activeVersion().chain(this::follow);
    }

    private Uni<Current> follow(Optional<String> version) {
        if (version.isEmpty()) {
            return Uni.createFrom().item(current);
        }
        if (version.get().equals(current.version())) {
            return Uni.createFrom().item(current);
        }
        return store.popularity(version.get())
                .map(popularity -> {
                    current = new Current(version.get(), popularity);
                    LOG.infof("Now reading co-purchase model %s", version.get());
                    return current;
                });
    }
}
