package dev.pertinence.offer.catalog;

import static dev.pertinence.common.store.Timestamps.instant;

import dev.pertinence.common.redis.ChangeAnnouncements;
import dev.pertinence.common.redis.Replicated;
import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.Cap;
import dev.pertinence.decision.EligibilityRule;
import dev.pertinence.decision.LifeEventTarget;
import dev.pertinence.decision.MessageFields;
import dev.pertinence.decision.MessageTemplate;
import dev.pertinence.decision.OfferBudget;
import dev.pertinence.offer.message.MessageCompiler;
import dev.pertinence.offer.rule.RuleCompiler;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The active offers, held in memory on every replica with their rules compiled. A change in
 * PostgreSQL is announced on Redis pub/sub and every replica reloads; a periodic reload covers a
 * missed announcement. Reloads may overlap: a newer load is never replaced by an older one.
 */
@ApplicationScoped
public class OfferCatalog {

    public static final String CHANGED_CHANNEL = "pertinence:catalog-changed";
    private static final Logger LOG = Logger.getLogger(OfferCatalog.class);
    private static final String ACTIVE_OFFERS = """
            SELECT id, title, message, category, target_skus, target_categories, channels, placements,
                   valid_from, valid_until, business_value, lever, rule, frequency_cap_count, frequency_cap_period_seconds,
                   life_event_type, life_event_days_before, life_event_days_after, message_reliability,
                   propose_when_in_cart, exclude_bought_within_seconds, talking_points,
                   budget_count, budget_of, budget_until, budget_period_seconds, budget_pacing, budget_start
            FROM offer WHERE status = 'active' AND (valid_until IS NULL OR valid_until > now())""";

    private final Pool pool;
    private final RuleCompiler rules;
    private final MessageCompiler messages;
    private final Replicated<CatalogIndex> index;
    private volatile Compiled compiled = new Compiled(new HashMap<>(), new HashMap<>());

    public OfferCatalog(Pool pool, RuleCompiler rules, MessageCompiler messages, ChangeAnnouncements announcements,
                        MeterRegistry meters) {
        this.pool = pool;
        this.rules = rules;
        this.messages = messages;
        this.index = new Replicated<>("offer catalogue", CHANGED_CHANNEL, CatalogIndex.EMPTY, this::load,
                fresh -> LOG.debugf("Offer catalogue loaded: %d active offers", fresh.size()), announcements, meters, LOG);
        Gauge.builder("pertinence.catalog.offers", this, OfferCatalog::size).description("Active offers held in memory").register(meters);
    }

    void onStart(@Observes StartupEvent event) {
        index.start("readiness stays down");
    }

    @Scheduled(every = "{pertinence.catalog.refresh-interval}", delayed = "{pertinence.catalog.refresh-interval}")
    Uni<Void> periodicReload() {
        return index.periodicReload();
    }

    public List<CandidateOffer> candidates(String channel, String placement) {
        return index.get().candidates(channel, placement);
    }

    /** The current immutable snapshot; a reload installs a new one. */
    public CatalogIndex index() {
        return index.get();
    }

    public boolean loaded() {
        return index.loaded();
    }

    public int size() {
        return index.get().size();
    }

    /** After a committed change: reload here, then tell the other replicas. */
    public Uni<Void> changed() {
        return index.changed();
    }

    /**
     * The active offers. A rule or message whose text the current snapshot already compiled is not
     * compiled again, and when nothing changed the current snapshot itself is kept: the periodic
     * reload of an unchanged catalogue costs one query, and what decisions prepared from the
     * snapshot (candidate sets) stays valid. Before, every replica recompiled every rule every
     * refresh interval (10,000 rules: about 3 s of CPU) and dropped its prepared candidate sets.
     */
    private Uni<CatalogIndex> load() {
        return pool.query(ACTIVE_OFFERS).execute()
                .emitOn(Infrastructure.getDefaultWorkerPool()) // compiling new rules is CPU work: off the event loop
                .map(rows -> {
                    Compiled previous = compiled;
                    Compiled next = new Compiled(new HashMap<>(), new HashMap<>());
                    List<CatalogIndex.Placed> offers = new ArrayList<>(rows.size());
                    rows.forEach(row -> toPlaced(row, previous, next).ifPresent(offers::add));
                    compiled = next;
                    CatalogIndex current = index.get();
                    return current.holds(offers) ? current : new CatalogIndex(offers);
                });
    }

    /** Compiled rules and messages by their text: what the last load compiled, reused by the next. */
    private record Compiled(Map<String, EligibilityRule> rules, Map<String, MessageTemplate> messages) {
    }

    /** What {@code previous} compiled from this text, else {@code compile}'s; kept in {@code next} either way. */
    private static <T> T reused(Map<String, T> previous, Map<String, T> next, String text, Function<String, T> compile) {
        return next.computeIfAbsent(text, key -> previous.containsKey(key) ? previous.get(key) : compile.apply(key));
    }

    private Optional<CatalogIndex.Placed> toPlaced(Row row, Compiled previous, Compiled next) {
        String id = row.getString("id");
        // a rule refused since it was stored (a bound tightened) leaves its offer never eligible, with RULE_ERROR in explain
        EligibilityRule rule = reused(previous.rules(), next.rules(), row.getString("rule"), rules::compileStored);
        MessageTemplate template;
        try {
            template = reused(previous.messages(), next.messages(), row.getString("message"), messages::compile);
        } catch (IllegalArgumentException e) {
            LOG.errorf("Offer %s skipped: its stored message %s", id, e.getMessage());
            return Optional.empty();
        }
        CandidateOffer offer = new CandidateOffer(id, row.getString("title"), row.getString("message"),
                row.getString("category"), Set.of(row.getArrayOfStrings("target_skus")),
                Set.of(row.getArrayOfStrings("target_categories")), instant(row.getOffsetDateTime("valid_from")),
                instant(row.getOffsetDateTime("valid_until")), row.getDouble("business_value"), row.getDouble("lever"), rule,
                row.getInteger("frequency_cap_count") == null ? null : new Cap(row.getInteger("frequency_cap_count"),
                        Duration.ofSeconds(row.getLong("frequency_cap_period_seconds"))),
                row.getString("life_event_type") == null ? null : new LifeEventTarget(row.getString("life_event_type"),
                        row.getInteger("life_event_days_before"), row.getInteger("life_event_days_after")),
                template, MessageFields.Reliability.of(row.getString("message_reliability")),
                row.getBoolean("propose_when_in_cart"), row.getLong("exclude_bought_within_seconds") == null ? null
                        : Duration.ofSeconds(row.getLong("exclude_bought_within_seconds")),
                Arrays.asList(row.getArrayOfStrings("talking_points")), budget(row));
        return Optional.of(new CatalogIndex.Placed(offer, Arrays.asList(row.getArrayOfStrings("channels")),
                Arrays.asList(row.getArrayOfStrings("placements"))));
    }

    private static OfferBudget budget(Row row) {
        Long count = row.getLong("budget_count");
        if (count == null) {
            return null;
        }
        Long period = row.getLong("budget_period_seconds");
        return new OfferBudget(count, OfferBudget.Spend.of(row.getString("budget_of")), instant(row.getOffsetDateTime("budget_start")),
                instant(row.getOffsetDateTime("budget_until")), period == null ? null : Duration.ofSeconds(period),
                OfferBudget.Pacing.of(row.getString("budget_pacing")));
    }
}
