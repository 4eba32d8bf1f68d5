package dev.pertinence.identity.store;

import dev.pertinence.common.store.CountedStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Folds one customer into another in PostgreSQL, in one transaction: everything that pointed at
 * the merged customer points at the survivor, the merged id becomes an alias of the survivor, and
 * an audit row says what moved.
 */
@ApplicationScoped
public class MergeStore {

    /** Both rows locked in a stable order: two merges touching the same customers run one after the other. */
    private static final String LOCK = "SELECT id FROM customer WHERE id = ANY($1) ORDER BY id FOR UPDATE";
    /** What points at a customer, by table: each is repointed and counted. */
    private static final Map<String, String> MOVES = moves();
    /** The survivor keeps what it knows; what it does not, it takes from the merged profile (with its provenance). */
    private static final String PROFILE = """
            UPDATE customer s SET
                first_name = coalesce(s.first_name, o.first_name), last_name = coalesce(s.last_name, o.last_name),
                gender = coalesce(s.gender, o.gender), birth_date = coalesce(s.birth_date, o.birth_date),
                region = coalesce(s.region, o.region), postal_code = coalesce(s.postal_code, o.postal_code),
                segments = s.segments || ARRAY(SELECT x FROM unnest(o.segments) x WHERE x <> ALL (s.segments)),
                loyalty_tier = coalesce(s.loyalty_tier, o.loyalty_tier),
                loyalty_points = coalesce(s.loyalty_points, o.loyalty_points),
                home_store = coalesce(s.home_store, o.home_store),
                provenance = o.provenance || s.provenance, updated_at = $3
            FROM customer o WHERE s.id = $1 AND o.id = $2""";
    private static final String DELETE = "DELETE FROM customer WHERE id = $1";
    private static final String ALIAS = """
            INSERT INTO customer_identifier (reference, type, customer_id, source, added_at) VALUES ($2, 'merged', $1, 'merge', $3)
            ON CONFLICT (reference) DO UPDATE SET customer_id = EXCLUDED.customer_id""";
    private static final String AUDIT = """
            INSERT INTO customer_merge (id, survivor_id, merged_id, reason, moved, merged_at) VALUES ($1, $2, $3, $4, $5, $6)""";
    private static final String HISTORY = """
            SELECT id, survivor_id, merged_id, reason, moved, merged_at FROM customer_merge
            WHERE survivor_id = $1 ORDER BY merged_at DESC, id""";

    private final Pool pool;

    public MergeStore(Pool pool) {
        this.pool = pool;
    }

    public record Merge(UUID id, String survivorId, String mergedId, String reason, Map<String, Long> moved, Instant mergedAt) {
    }

    private static Map<String, String> moves() {
        Map<String, String> moves = new LinkedHashMap<>();
        moves.put("purchases", "UPDATE purchase SET customer_id = $1 WHERE customer_id = $2");
        moves.put("decisions", "UPDATE decision SET customer_id = $1 WHERE customer_id = $2");
        moves.put("exposures", "UPDATE exposure SET customer_id = $1 WHERE customer_id = $2");
        moves.put("outcomes", "UPDATE outcome SET customer_id = $1 WHERE customer_id = $2");
        moves.put("identifiers", "UPDATE customer_identifier SET customer_id = $1 WHERE customer_id = $2");
        moves.put("lifeEvents", "UPDATE life_event SET customer_id = $1 WHERE customer_id = $2");
        moves.put("coupons", "UPDATE coupon SET customer_id = $1 WHERE customer_id = $2");
        moves.put("cascades", "UPDATE cascade SET customer_id = $1 WHERE customer_id = $2");
        // per purpose and channel, the newer answer of the two; the merged person's rows go with their profile
        moves.put("consents", """
                INSERT INTO consent (customer_id, purpose, channel, granted, source, recorded_at)
                SELECT $1, purpose, channel, granted, source, recorded_at FROM consent WHERE customer_id = $2
                ON CONFLICT (customer_id, purpose, channel) DO UPDATE SET
                    granted = EXCLUDED.granted, source = EXCLUDED.source, recorded_at = EXCLUDED.recorded_at
                WHERE consent.recorded_at < EXCLUDED.recorded_at""");
        moves.put("earlierMerges", "UPDATE customer_merge SET survivor_id = $1 WHERE survivor_id = $2");
        return moves;
    }

    /**
     * Merges {@code mergedId} into {@code survivorId}; {@code contactEntries} (folded in Redis
     * beforehand) is recorded with the rest. Empty when either customer no longer exists.
     */
    public Uni<Merge> merge(String survivorId, String mergedId, String reason, long contactEntries, Instant at) {
        UUID id = UUID.randomUUID();
        OffsetDateTime when = at.atOffset(ZoneOffset.UTC);
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK)
                .execute(Tuple.of(new String[] {survivorId, mergedId}))
                .chain(locked -> {
                    if (locked.size() < 2) {
                        return Uni.createFrom().nullItem();
                    }
                    return CountedStatements.run(connection, MOVES, Tuple.of(survivorId, mergedId)).chain(counts -> {
                        Map<String, Long> moved = new LinkedHashMap<>(counts);
                        moved.put("contactEntries", contactEntries);
                        return connection.preparedQuery(PROFILE).execute(Tuple.of(survivorId, mergedId, when))
                                .chain(() -> connection.preparedQuery(DELETE).execute(Tuple.of(mergedId)))
                                .chain(() -> connection.preparedQuery(ALIAS).execute(Tuple.of(survivorId, mergedId, when)))
                                .chain(() -> connection.preparedQuery(AUDIT).execute(Tuple.tuple().addUUID(id).addString(survivorId)
                                        .addString(mergedId).addString(reason)
                                        .addJsonObject(new JsonObject(new LinkedHashMap<>(moved))).addOffsetDateTime(when)))
                                .map(done -> new Merge(id, survivorId, mergedId, reason, moved, at));
                    });
                }));
    }

    /** The merges into this customer, newest first. */
    public Uni<List<Merge>> history(String survivorId) {
        return pool.preparedQuery(HISTORY).execute(Tuple.of(survivorId)).map(rows -> {
            List<Merge> merges = new ArrayList<>();
            for (Row row : rows) {
                Map<String, Long> moved = new LinkedHashMap<>();
                row.getJsonObject("moved").forEach(entry -> moved.put(entry.getKey(), ((Number) entry.getValue()).longValue()));
                merges.add(new Merge(row.getUUID("id"), row.getString("survivor_id"), row.getString("merged_id"),
                        row.getString("reason"), moved, row.getOffsetDateTime("merged_at").toInstant()));
            }
            return merges;
        });
    }
}
