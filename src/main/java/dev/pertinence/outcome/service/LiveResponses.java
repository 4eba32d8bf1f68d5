package dev.pertinence.outcome.service;

import dev.pertinence.common.ThrottledLog;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.redis.ChangeAnnouncements;
import dev.pertinence.decision.LearnedResponses;
import dev.pertinence.decision.PageOrder;
import dev.pertinence.offer.catalog.OfferCatalog;
import dev.pertinence.outcome.store.ResponseCounters;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * This replica's view of impressions and acceptances per offer and segment. An outcome this
 * replica counts updates it at once (the counting script returns the offer's counters) and is
 * announced over Redis pub/sub, on which the other replicas re-read that offer's counters. A full
 * re-read of every active offer's counters, a safety net for a missed announcement, runs rarely
 * (every {@code pertinence.learning.refresh-interval}): with 10,000 offers it is 10,000 commands.
 *
 * <p>Every change of an offer's counts gets a version, and the last {@value #LOGGED} changes are kept, so a decision
 * can rescore just the offers that changed since its candidate set was prepared.
 *
 * <p>A page's sections learn the same way under their keys ({@link PageOrder#key}: impressions and
 * clicks): they are not in the catalogue, so the refresh re-reads those page layouts asked for
 * ({@link #watch}, at most {@code pertinence.learning.page-sections} keys; past it a key is still
 * updated by outcomes and announcements, just not re-read).
 */
@ApplicationScoped
public class LiveResponses implements LearnedResponses {

    static final int LOGGED = 1024;
    private static final Logger LOG = Logger.getLogger(LiveResponses.class);

    private final Map<String, Map<String, Counts>> byOffer = new ConcurrentHashMap<>();
    private final ConcurrentSkipListMap<Long, String> changes = new ConcurrentSkipListMap<>();
    private final ThrottledLog refreshFailures = new ThrottledLog(LOG, Duration.ofSeconds(60));
    private final AtomicBoolean refreshing = new AtomicBoolean();
    /** Section keys layouts asked for: re-read with the catalogue's offers. */
    private final Set<String> watched = ConcurrentHashMap.newKeySet();
    private final int watchedAtMost;
    static final String CHANGED_CHANNEL = "pertinence:responses-changed";

    private final ResponseCounters counters;
    private final OfferCatalog catalog;
    private final ChangeAnnouncements announcements;
    private final Vertx vertx;
    private final Duration refreshInterval;
    private volatile long version;
    private long timer = -1;

    public LiveResponses(ResponseCounters counters, OfferCatalog catalog, ChangeAnnouncements announcements, Vertx vertx,
                         PertinenceConfig config) {
        this.counters = counters;
        this.catalog = catalog;
        this.announcements = announcements;
        this.vertx = vertx;
        this.refreshInterval = config.learning().refreshInterval();
        this.watchedAtMost = config.learning().pageSections();
    }

    void onStart(@Observes StartupEvent event) {
        announcements.followDetails(CHANGED_CHANNEL, this::reread);
        refresh();
        timer = vertx.setPeriodic(refreshInterval.toMillis(), id -> refresh());
    }

    void onStop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    @Override
    public Counts counts(String offerId, String segment) {
        Map<String, Counts> segments = byOffer.get(offerId);
        Counts counts = segments == null ? null : segments.get(segment);
        return counts == null ? Counts.NONE : counts;
    }

    @Override
    public long version() {
        return version;
    }

    @Override
    public Set<String> changedSince(long since) {
        if (version == since) {
            return Set.of();
        }
        synchronized (this) {
            long now = version;
            if (now - since >= LOGGED) {
                return null;
            }
            return Set.copyOf(changes.subMap(since, false, now, true).values());
        }
    }

    /** Section keys not known yet are read now, in the background, and re-read by every refresh from now on. */
    @Override
    public void watch(Collection<String> ids) {
        List<String> fresh = new ArrayList<>();
        for (String id : ids) {
            if (!watched.contains(id) && watched.size() < watchedAtMost && watched.add(id)) {
                fresh.add(id);
            }
        }
        if (!fresh.isEmpty()) {
            reload(fresh).subscribe().with(done -> { }, failure -> refreshFailures.warn("Learned section counts not read", failure));
        }
    }

    /** Takes an offer's counters as Redis holds them (fields {@code <segment>|<channel>|<type>}). */
    public void update(String offerId, Map<String, String> fields) {
        Map<String, Counts> held = byOffer.getOrDefault(offerId, Map.of());
        Map<String, Counts> next = newest(held, toCounts(offerId, fields));
        if (next.equals(held)) {
            return;
        }
        if (PageOrder.isSectionKey(offerId)) {
            // no candidate order holds a section: a click leaves the offers' change log (and their rescoring) alone;
            // only the sections this replica watches (bounded) are held: pages are named by callers
            if (watched.contains(offerId)) {
                byOffer.put(offerId, next);
            }
            return;
        }
        synchronized (this) {
            byOffer.put(offerId, next);
            long v = version + 1;
            changes.put(v, offerId);
            changes.remove(v - LOGGED);
            version = v;
        }
    }

    /**
     * Counters only grow, but the answers of two outcomes counted at once may arrive in either order: the
     * older must not undo the newer (a click was lost from a section's counts until the next refresh).
     * So each count is the larger of what is held and what arrived; counters gone from Redis (a section's
     * expired) replace what is held.
     */
    static Map<String, Counts> newest(Map<String, Counts> held, Map<String, Counts> arrived) {
        if (held.isEmpty() || arrived.isEmpty()) {
            return arrived;
        }
        Map<String, Counts> merged = new HashMap<>(held);
        arrived.forEach((segment, counts) -> merged.merge(segment, counts, (a, b) -> new Counts(
                Math.max(a.impressions(), b.impressions()), Math.max(a.accepts(), b.accepts()))));
        return Map.copyOf(merged);
    }

    /** Tells the other replicas which offers' counters this one just changed. */
    public Uni<Void> announce(java.util.Collection<String> offerIds) {
        return offerIds.isEmpty() ? Uni.createFrom().voidItem() : announcements.announce(CHANGED_CHANNEL, String.join(",", offerIds));
    }

    /** Re-reads the counters of the offers another replica announced. */
    private Uni<Void> reread(String offerIds) {
        return reload(offerIds.isEmpty() ? List.of() : List.of(offerIds.split(",")));
    }

    /** Re-reads every active offer's counters; one refresh at a time. */
    public void refresh() {
        if (!refreshing.compareAndSet(false, true)) {
            return;
        }
        List<String> ids = new ArrayList<>(catalog.index().offerIds());
        ids.addAll(watched);
        reload(ids)
                .eventually(() -> refreshing.set(false))
                .subscribe().with(done -> { }, failure -> refreshFailures.warn("Learned responses not refreshed", failure));
    }

    /** Takes these offers' counters from Redis; an offer without any has none. */
    private Uni<Void> reload(List<String> offerIds) {
        return counters.all(offerIds)
                .invoke(all -> offerIds.forEach(id -> update(id, all.getOrDefault(id, Map.of()))))
                .replaceWithVoid();
    }

    /** An offer's impressions and acceptances, a section's impressions and clicks ({@link PageOrder#RESPONSE}), per segment. */
    static Map<String, Counts> toCounts(String offerId, Map<String, String> fields) {
        String response = PageOrder.isSectionKey(offerId) ? PageOrder.RESPONSE : "accept";
        Map<String, long[]> sums = new HashMap<>();
        fields.forEach((field, value) -> {
            int typeBar = field.lastIndexOf('|');
            int channelBar = typeBar <= 0 ? -1 : field.lastIndexOf('|', typeBar - 1);
            if (channelBar < 0) {
                return;
            }
            String type = field.substring(typeBar + 1);
            int slot = type.equals("impression") ? 0 : type.equals(response) ? 1 : -1;
            if (slot >= 0) {
                sums.computeIfAbsent(field.substring(0, channelBar), s -> new long[2])[slot] += Long.parseLong(value);
            }
        });
        Map<String, Counts> counts = new HashMap<>();
        sums.forEach((segment, sum) -> counts.put(segment, new Counts(sum[0], sum[1])));
        return Map.copyOf(counts);
    }
}
