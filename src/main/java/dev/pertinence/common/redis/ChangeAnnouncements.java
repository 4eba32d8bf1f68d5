package dev.pertinence.common.redis;

import dev.pertinence.common.config.PertinenceConfig;
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
import java.util.function.Function;
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
    private final Duration budget;

    public ChangeAnnouncements(ReactiveRedisDataSource redis, PertinenceConfig config) {
        this.redis = redis;
        this.budget = config.redis().commandTimeout();
    }

    /** Runs {@code reload} whenever another replica announces a change on {@code channel}. */
    public void follow(String channel, Supplier<Uni<?>> reload) {
        followDetails(channel, detail -> reload.get());
    }

    /**
     * Runs {@code reload} with the announcement's detail (what changed; empty when the whole of it
     * did) whenever another replica announces a change on {@code channel}.
     */
    public void followDetails(String channel, Function<String, Uni<?>> reload) {
        subscriptions.add(redis.pubsub(String.class).subscribe(channel)
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(30)).indefinitely()
                .filter(message -> !message.equals(instance) && !message.startsWith(instance + "|"))
                .subscribe().with(message -> {
                    int bar = message.indexOf('|');
                    reload.apply(bar < 0 ? "" : message.substring(bar + 1)).subscribe().with(done -> { },
                            failure -> LOG.warnf("Reload after a change on %s failed: %s", channel, failure.toString()));
                }));
    }

    /**
     * Tells the other replicas that what {@code channel} stands for changed. Within
     * {@code pertinence.redis.command-timeout}: the change is committed before, and a replica that
     * misses the announcement reloads on its refresh interval, so a frozen Redis must not hold the answer.
     */
    public Uni<Void> announce(String channel) {
        return publish(channel, instance);
    }

    /** Tells the other replicas that part of what {@code channel} stands for changed: {@code detail}. */
    public Uni<Void> announce(String channel, String detail) {
        return publish(channel, instance + "|" + detail);
    }

    private Uni<Void> publish(String channel, String message) {
        return redis.pubsub(String.class).publish(channel, message)
                .ifNoItem().after(budget).fail();
    }

    void onStop(@Observes ShutdownEvent event) {
        subscriptions.forEach(Cancellable::cancel);
    }
}
