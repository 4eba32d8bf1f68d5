package dev.pertinence.outcome.store;

import dev.pertinence.decision.PageOrder;
import dev.pertinence.outcome.OutcomeType;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Outcomes in PostgreSQL: stored with the exposure history they imply in one transaction,
 * before the API answers. A retried event (same id) is not stored twice, nor is a second event id
 * for an outcome already stored (same decision, offer and type: unique index outcome_once), so
 * nothing downstream (performance, the Redis counters applied to what was stored) counts it twice.
 */
@ApplicationScoped
public class OutcomeWriter {

    private static final String DECISIONS = """
            SELECT id, coalesce((SELECT i.customer_id FROM customer_identifier i WHERE i.reference = decision.customer_id),
                                customer_id) AS customer_id, -- merged since: the survivor
                   segment, channel, placement, decided_at,
                   ARRAY(SELECT jsonb_array_elements(offers) ->> 'offerId') AS offer_ids
            FROM decision WHERE id = ANY($1)""";
    private static final String INSERT = """
            INSERT INTO outcome (event_id, decision_id, offer_id, type, channel, shown_on, placement, customer_id, segment,
                                 value, occurred_at, redemption)
            SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[],
                                 $8::text[], $9::text[], $10::text[]::numeric[], $11::timestamptz[], $12::boolean[])
            ON CONFLICT DO NOTHING -- on the event id (a retry) or on (decision, offer, type) (the same outcome again)
            RETURNING event_id""";
    private static final String STORED = """
            SELECT event_id, decision_id, offer_id, type, value FROM outcome WHERE event_id = ANY($1)""";
    /** One row per (decision, offer): shown at the earliest time known, the strongest response kept. */
    private static final String EXPOSE = """
            INSERT INTO exposure (customer_id, decision_id, offer_id, channel, placement, shown_at, response, responded_at)
            SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::text[],
                                 $8::timestamptz[])
            ON CONFLICT (decision_id, offer_id) DO UPDATE SET
                shown_at = LEAST(exposure.shown_at, EXCLUDED.shown_at),
                response = CASE WHEN %1$s THEN EXCLUDED.response ELSE exposure.response END,
                responded_at = CASE WHEN %1$s THEN EXCLUDED.responded_at ELSE exposure.responded_at END"""
            .formatted("coalesce(array_position(ARRAY['dismiss','refuse','click','accept','convert'], EXCLUDED.response), 0) "
                    + "> coalesce(array_position(ARRAY['dismiss','refuse','click','accept','convert'], exposure.response), 0)");
    /** A redemption whose conversion was reported before (one outcome per decision, offer and type): that one is it. */
    private static final String MARK_REDEMPTION = """
            UPDATE outcome SET redemption = true WHERE decision_id = $1 AND offer_id = $2 AND type = 'convert'""";
    private static final String MARK_APPLIED = "UPDATE outcome SET applied = true WHERE event_id = ANY($1)";
    private static final String UNAPPLIED = """
            SELECT o.event_id, o.decision_id, o.offer_id, o.type, o.channel, o.shown_on, o.placement,
                   o.customer_id, o.segment, o.value, o.occurred_at, o.redemption
            FROM outcome o
            WHERE NOT o.applied AND o.received_at < now() - $1::bigint * interval '1 second'
            ORDER BY o.received_at LIMIT $2""";

    private final Pool pool;

    public OutcomeWriter(Pool pool) {
        this.pool = pool;
    }

    public Uni<Map<UUID, DecisionRef>> decisions(Collection<UUID> ids) {
        return pool.preparedQuery(DECISIONS).execute(Tuple.of(ids.toArray(UUID[]::new))).map(rows -> {
            Map<UUID, DecisionRef> found = new HashMap<>();
            for (Row row : rows) {
                found.put(row.getUUID("id"), new DecisionRef(row.getUUID("id"), row.getString("customer_id"),
                        row.getString("segment"), row.getString("channel"), row.getString("placement"),
                        row.getOffsetDateTime("decided_at").toInstant(), new HashSet<>(Arrays.asList(row.getArrayOfStrings("offer_ids")))));
            }
            return found;
        });
    }

    /** What a retry of an already stored event said, to tell a harmless retry from a reused id. */
    public record Previous(UUID decisionId, String offerId, OutcomeType type, BigDecimal value) {
    }

    /** The result of a write: the event ids stored now, and what the others were stored as before. */
    public record Written(Set<String> stored, Map<String, Previous> previous) {
    }

    /**
     * Stores the outcomes and their exposures in one transaction. {@code check} sees the events
     * stored before under the same ids and may throw to roll everything back.
     */
    public Uni<Written> write(List<StoredOutcome> outcomes, java.util.function.Consumer<Written> check) {
        return write(outcomes, connection -> Uni.createFrom().voidItem(), check);
    }

    /**
     * The same, after {@code alongside}, a write of another feature that must commit with the
     * outcomes or not at all (a coupon's redemption): it runs first in the transaction and may fail
     * to roll everything back.
     */
    public Uni<Written> write(List<StoredOutcome> outcomes, Function<SqlConnection, Uni<Void>> alongside,
                              java.util.function.Consumer<Written> check) {
        return pool.withTransaction(connection -> alongside.apply(connection)
                .chain(() -> insert(connection, outcomes))
                .chain(stored -> previous(connection, outcomes, stored)
                        .map(previous -> new Written(stored, previous))
                        .invoke(check)
                        .call(written -> markRedemptions(connection, outcomes, written.stored()))
                        .call(written -> expose(connection, outcomes, written.stored()))));
    }

    private Uni<Void> markRedemptions(SqlConnection connection, List<StoredOutcome> outcomes, Set<String> stored) {
        Uni<Void> marked = Uni.createFrom().voidItem();
        for (StoredOutcome outcome : outcomes) {
            if (outcome.redemption() && !stored.contains(outcome.eventId())) {
                marked = marked.chain(() -> connection.preparedQuery(MARK_REDEMPTION)
                        .execute(Tuple.of(outcome.decisionId(), outcome.offerId())).replaceWithVoid());
            }
        }
        return marked;
    }

    /**
     * Two requests take the unique index's row locks in the same order, so two batches naming the
     * same outcomes cannot deadlock (preventive: 8 batches at once in opposite orders did not
     * deadlock without it either, OutcomeCountingTest).
     */
    private static final Comparator<StoredOutcome> LOCK_ORDER = Comparator.comparing(StoredOutcome::decisionId)
            .thenComparing(StoredOutcome::offerId).thenComparing(StoredOutcome::type);

    private Uni<Set<String>> insert(SqlConnection connection, List<StoredOutcome> unordered) {
        // stable: of two event ids for one outcome in a request, the first is the one stored
        List<StoredOutcome> outcomes = unordered.stream().sorted(LOCK_ORDER).toList();
        int n = outcomes.size();
        String[] events = new String[n];
        UUID[] decisions = new UUID[n];
        String[] offers = new String[n];
        String[] types = new String[n];
        String[] channels = new String[n];
        String[] shownOn = new String[n];
        String[] placements = new String[n];
        String[] customers = new String[n];
        String[] segments = new String[n];
        String[] values = new String[n];
        OffsetDateTime[] times = new OffsetDateTime[n];
        Boolean[] redemptions = new Boolean[n];
        for (int i = 0; i < n; i++) {
            StoredOutcome o = outcomes.get(i);
            events[i] = o.eventId();
            decisions[i] = o.decisionId();
            offers[i] = o.offerId();
            types[i] = o.type().wire();
            channels[i] = o.channel();
            shownOn[i] = o.decisionChannel();
            placements[i] = o.placement();
            customers[i] = o.customerId();
            segments[i] = o.segment();
            values[i] = o.value() == null ? null : o.value().toPlainString();
            times[i] = o.occurredAt().atOffset(ZoneOffset.UTC);
            redemptions[i] = o.redemption();
        }
        return connection.preparedQuery(INSERT)
                .execute(Tuple.from(new Object[] {events, decisions, offers, types, channels, shownOn, placements, customers,
                        segments, values, times, redemptions}))
                .map(rows -> {
                    Set<String> stored = new HashSet<>();
                    rows.forEach(row -> stored.add(row.getString("event_id")));
                    return stored;
                });
    }

    private Uni<Map<String, Previous>> previous(SqlConnection connection, List<StoredOutcome> outcomes, Set<String> stored) {
        String[] repeated = outcomes.stream().map(StoredOutcome::eventId).filter(id -> !stored.contains(id))
                .distinct().toArray(String[]::new);
        if (repeated.length == 0) {
            return Uni.createFrom().item(Map.of());
        }
        return connection.preparedQuery(STORED).execute(Tuple.of(repeated)).map(rows -> {
            Map<String, Previous> previous = new HashMap<>();
            for (Row row : rows) {
                previous.put(row.getString("event_id"), new Previous(row.getUUID("decision_id"), row.getString("offer_id"),
                        OutcomeType.fromWire(row.getString("type")), row.getBigDecimal("value")));
            }
            return previous;
        });
    }

    /**
     * The exposures the newly stored outcomes imply (known customers only), one row per (decision, offer); a page
     * layout's section is not an offer shown: none.
     */
    private Uni<Void> expose(SqlConnection connection, List<StoredOutcome> outcomes, Set<String> stored) {
        Map<String, StoredOutcome> shown = new LinkedHashMap<>();
        Map<String, StoredOutcome> answered = new HashMap<>();
        for (StoredOutcome o : outcomes) {
            if (o.customerId() == null || !stored.contains(o.eventId()) || PageOrder.isSectionKey(o.offerId())) {
                continue;
            }
            String key = o.decisionId() + "|" + o.offerId();
            shown.merge(key, o, (a, b) -> a.occurredAt().isBefore(b.occurredAt()) ? a : b);
            if (o.type().isResponse()) {
                answered.merge(key, o, (a, b) -> a.type().compareTo(b.type()) >= 0 ? a : b);
            }
        }
        if (shown.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int n = shown.size();
        String[] customers = new String[n];
        UUID[] decisions = new UUID[n];
        String[] offers = new String[n];
        String[] channels = new String[n];
        String[] placements = new String[n];
        OffsetDateTime[] shownAt = new OffsetDateTime[n];
        String[] responses = new String[n];
        OffsetDateTime[] respondedAt = new OffsetDateTime[n];
        int i = 0;
        for (Map.Entry<String, StoredOutcome> entry : shown.entrySet()) {
            StoredOutcome first = entry.getValue();
            StoredOutcome response = answered.get(entry.getKey());
            customers[i] = first.customerId();
            decisions[i] = first.decisionId();
            offers[i] = first.offerId();
            channels[i] = first.decisionChannel();
            placements[i] = first.placement();
            shownAt[i] = first.occurredAt().atOffset(ZoneOffset.UTC);
            responses[i] = response == null ? null : response.type().wire();
            respondedAt[i] = response == null ? null : response.occurredAt().atOffset(ZoneOffset.UTC);
            i++;
        }
        return connection.preparedQuery(EXPOSE)
                .execute(Tuple.from(new Object[] {customers, decisions, offers, channels, placements, shownAt, responses,
                        respondedAt}))
                .replaceWithVoid();
    }

    public Uni<Void> markApplied(Collection<String> eventIds) {
        if (eventIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return pool.preparedQuery(MARK_APPLIED).execute(Tuple.of(eventIds.toArray(String[]::new))).replaceWithVoid();
    }

    /** Outcomes stored at least {@code age} ago whose counters were never updated. */
    public Uni<List<StoredOutcome>> unapplied(Duration age, int limit) {
        return pool.preparedQuery(UNAPPLIED).execute(Tuple.of(age.toSeconds(), (long) limit)).map(rows -> {
            List<StoredOutcome> outcomes = new ArrayList<>();
            for (Row row : rows) {
                outcomes.add(new StoredOutcome(row.getString("event_id"), row.getUUID("decision_id"),
                        row.getString("offer_id"), OutcomeType.fromWire(row.getString("type")), row.getString("channel"),
                        row.getString("shown_on"), row.getString("placement"), row.getString("customer_id"),
                        row.getString("segment"), row.getBigDecimal("value"), row.getOffsetDateTime("occurred_at").toInstant(),
                        row.getBoolean("redemption")));
            }
            return outcomes;
        });
    }
}
