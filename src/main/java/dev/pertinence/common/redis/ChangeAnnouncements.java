package dev.pertinence.common.redis;

import io.quarkus.redis.datasource.ReactiveRedisDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * "Something changed, reload it": announcements between replicas over Redis pub/sub. A replica
 * ignores its own announcements (it has reloaded before announcing). Subscriptions survive Redis
 * restarts (resubscribe with back-off) and end with the application.
 */
@ApplicationScoped
public class ChangeAnnouncements {

    private static final Logger LOG = Logger.getLogger(ChangeAnnouncements.class);

    private final ReactiveRedisDataSource redis;
    private final String instance = UUID.randomUUID().toString();
    private final List<Cancellable> subscriptions = new CopyOnWriteArrayList<>();

    public ChangeAnnouncements(ReactiveRedisDataSource redis) {
        this.redis = redis;
    }

    /** Runs {@code reload} whenever another replica announces a change on {@code channel}. */
    public void follow(String channel, Supplier<Uni<?>> reload) {
        subscriptions.add(redis.pubsub(String.class).subscribe(channel)
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .filter(origin -> !instance.equals(origin))
                .subscribe().with(origin -> reload.get().subscribe().with(done -> { },
                        failure -> LOG.warnf("Reload after a change on %s failed: %s", channel, failure.toString()))));
    }

    /** Tells the other replicas that what {@code channel} stands for changed. */
    public Uni<Void> announce(String channel) {
        return redis.pubsub(String.class).publish(channel, instance);
    }

    void onStop(@Observes ShutdownEvent event) {
        subscriptions.forEach(Cancellable::cancel);
    }
}
