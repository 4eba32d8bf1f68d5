package dev.pertinence.privacy.store;

import dev.pertinence.common.store.CountedStatements;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Erases a person from PostgreSQL in one transaction. What only concerns them goes (profile,
 * identifiers and merged-away ids, consents, life events, purchases, exposures, the audit of
 * merges into them); what the service's aggregates are made of stays without its link to them (decisions and
 * outcomes keep offer, channel, segment, time and value; their customer becomes unknown), so
 * offer performance reads the same before and after.
 */
@ApplicationScoped
public class ErasureStore {

    private static final String LOCK = "SELECT id FROM customer WHERE id = $1 FOR UPDATE";
    /** One of the steps; run again for decisions another replica recorded late, after the erasure. */
    private static final String UNLINK_DECISIONS = "UPDATE decision SET customer_id = NULL WHERE customer_id = $1";
    /** In order; the customer row last (its foreign keys cascade to purchases, identifiers, consents, merge audit). */
    private static final Map<String, String> STEPS = steps();
    private static final String RECEIPT = "INSERT INTO erasure (id, erased_at, erased) VALUES ($1, $2, $3)";

    private final Pool pool;

    public ErasureStore(Pool pool) {
        this.pool = pool;
    }

    public record Erasure(UUID id, Instant erasedAt, Map<String, Long> erased) {
    }

    private static Map<String, String> steps() {
        Map<String, String> steps = new LinkedHashMap<>();
        steps.put("exposures", "DELETE FROM exposure WHERE customer_id = $1");
        steps.put("outcomesUnlinked", "UPDATE outcome SET customer_id = NULL WHERE customer_id = $1");
        // each experiment's pseudonym of the person (a hash of their id) becomes a random one: results count them the same
        steps.put("experimentPseudonymsReplaced", """
                WITH k AS MATERIALIZED ( -- drawn once per experiment, not once per row joined
                    SELECT e.experiment_id, ('x' || substr(md5(gen_random_uuid()::text), 1, 16))::bit(64)::bigint AS unit
                    FROM (SELECT DISTINCT experiment_id FROM decision WHERE customer_id = $1 AND experiment_id IS NOT NULL) e)
                UPDATE decision d SET experiment_unit = k.unit FROM k
                WHERE d.customer_id = $1 AND d.experiment_id = k.experiment_id""");
        steps.put("decisionsUnlinked", UNLINK_DECISIONS);
        steps.put("purchases", "DELETE FROM purchase WHERE customer_id = $1");
        steps.put("identifiers", "DELETE FROM customer_identifier WHERE customer_id = $1");
        steps.put("consents", "DELETE FROM consent WHERE customer_id = $1");
        steps.put("lifeEvents", "DELETE FROM life_event WHERE customer_id = $1");
        steps.put("coupons", "DELETE FROM coupon WHERE customer_id = $1");
        steps.put("cascades", "DELETE FROM cascade WHERE customer_id = $1");
        steps.put("mergeRecords", "DELETE FROM customer_merge WHERE survivor_id = $1 OR merged_id = $1");
        steps.put("profile", "DELETE FROM customer WHERE id = $1");
        return steps;
    }

    /** Null when the customer does not exist (erased meanwhile). */
    public Uni<Erasure> erase(String customerId, Instant at) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK).execute(Tuple.of(customerId)).chain(locked -> {
            if (locked.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            return CountedStatements.run(connection, STEPS, Tuple.of(customerId)).chain(erased -> connection
                    .preparedQuery(RECEIPT).execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC), new JsonObject(new LinkedHashMap<>(erased))))
                    .map(done -> new Erasure(id, at, erased)));
        }));
    }

    /** Unlinks decisions another replica recorded after the erasure (they were queued in its memory). */
    public Uni<Integer> unlinkLateDecisions(String customerId) {
        return pool.preparedQuery(UNLINK_DECISIONS).execute(Tuple.of(customerId)).map(rows -> rows.rowCount());
    }
}
