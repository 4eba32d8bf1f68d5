package dev.pertinence.common.redis;

import dev.pertinence.common.NewestLoad;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A value every replica holds in memory, read from PostgreSQL (the offer catalogue, the product
 * directory, the experiments): loaded at start-up, reloaded here after a committed change and
 * announced on Redis pub/sub so that every other replica reloads, and reloaded periodically by its
 * owner (a {@code @Scheduled} method calling {@link #periodicReload()}) in case an announcement
 * was lost. Reloads may overlap: a newer load is never replaced by an older one. Each reload is
 * counted: {@code pertinence_cache_reloads_total{cache, result="loaded"|"failed"}}.
 */
public final class Replicated<T> {

    private final String what;
    private final String channel;
    private final Supplier<Uni<T>> source;
    private final Consumer<T> installed;
    private final ChangeAnnouncements announcements;
    private final Logger log;
    private final Counter reloaded;
    private final Counter failed;
    private final NewestLoad loads = new NewestLoad();
    private volatile T value;
    private volatile boolean loaded;

    /**
     * @param what      what it is, for the logs ("offer catalogue"); its reload counter's cache tag ("offer_catalogue")
     * @param empty     the value until the first load succeeds
     * @param installed told of each value installed (a meter, a log line)
     */
    public Replicated(String what, String channel, T empty, Supplier<Uni<T>> source, Consumer<T> installed,
                      ChangeAnnouncements announcements, MeterRegistry meters, Logger log) {
        this.what = what;
        this.channel = channel;
        this.value = empty;
        this.source = source;
        this.installed = installed;
        this.announcements = announcements;
        this.log = log;
        String cache = what.replace(' ', '_');
        this.reloaded = reloads(meters, cache, "loaded");
        this.failed = reloads(meters, cache, "failed");
    }

    /** {@code pertinence_cache_reloads_total{cache, result}}, for this and the other in-memory copies (the model's popularity). */
    public static Counter reloads(MeterRegistry meters, String cache, String result) {
        return Counter.builder("pertinence.cache.reloads").description("Reloads of a value every replica holds in memory")
                .tag("cache", cache).tag("result", result).register(meters);
    }

    /** Follows the announcements and loads once; a failed first load is logged with what it means, and retried periodically. */
    public void start(String meanwhile) {
        announcements.follow(channel, this::reload);
        try {
            reload().await().atMost(Duration.ofMinutes(2));
        } catch (RuntimeException e) {
            log.errorf(e, "%s not loaded at start-up: %s until a reload succeeds", what, meanwhile);
        }
    }

    public Uni<Void> periodicReload() {
        return reload().onFailure().invoke(failure -> log.warnf(failure, "Periodic reload of the %s failed", what))
                .onFailure().recoverWithNull();
    }

    public T get() {
        return value;
    }

    /** Whether a load has succeeded since start-up. */
    public boolean loaded() {
        return loaded;
    }

    /**
     * After a committed change: reload here, then tell the other replicas. The change is committed
     * whatever happens here: a failed announcement (Redis down) is logged, not answered as a
     * failure, and the other replicas catch up at their periodic reload.
     */
    public Uni<Void> changed() {
        return reload().call(() -> announcements.announce(channel).onFailure().recoverWithUni(failure -> {
            log.warnf("Other replicas not told of a change to the %s (%s): they reload it within their refresh interval",
                    what, failure.toString());
            return Uni.createFrom().voidItem();
        }));
    }

    public Uni<Void> reload() {
        long ticket = loads.start();
        return source.get()
                .invoke(fresh -> loads.install(ticket, () -> {
                    value = fresh;
                    loaded = true;
                    installed.accept(fresh);
                }))
                .invoke(() -> reloaded.increment())
                .onFailure().invoke(() -> failed.increment())
                .replaceWithVoid();
    }
}
