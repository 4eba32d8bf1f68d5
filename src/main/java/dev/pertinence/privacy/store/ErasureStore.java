package dev.pertinence.privacy.store;

import dev.pertinence.common.store.CountedStatements;
import dev.pertinence.experiment.Pseudonyms;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    /**
     * Every unit the person may be known by in every experiment: their id; each identifier they have
     * now (merged-away ids included), as it names an unknown customer before it is linked; and their
     * cookies and devices, as an anonymous visitor's {@code visitorId}.
     */
    private static final String UNITS = """
            SELECT e.id AS experiment_id, u.unit FROM experiment e,
                (SELECT 'customer:' || $1 AS unit
                 UNION SELECT 'customer:' || reference FROM customer_identifier WHERE customer_id = $1
                 UNION SELECT 'visitor:' || substr(reference, length(type) + 2) FROM customer_identifier
                       WHERE customer_id = $1 AND type IN ('cookie', 'device')) u""";
    /**
     * A unit's pseudonym becomes a random one, the same for every decision under it (results count
     * the units as before): the first 64 bits of md5(salt, experiment, old pseudonym), with a salt
     * drawn for this erasure and forgotten after it. $1 the customer id, $2 the salt, $3/$4 the
     * (experiment, pseudonym) pairs derived from their units.
     */
    private static final String REPLACE = "('x' || substr(md5($2::text || '|' || experiment_id || '|' || experiment_unit::text), 1, 16))"
            + "::bit(64)::bigint";
    private static final String REPLACE_PSEUDONYMS = """
            UPDATE decision d SET experiment_unit = %s
            FROM (SELECT id FROM decision WHERE customer_id = $1 AND experiment_id IS NOT NULL
                  UNION
                  SELECT x.id FROM unnest($3::text[], $4::bigint[]) AS u (experiment_id, unit)
                  JOIN decision x ON x.experiment_id = u.experiment_id AND x.experiment_unit = u.unit) found
            WHERE d.id = found.id""".formatted(REPLACE);
    /** For decisions another replica recorded late, after the erasure: resolved, so under the customer id. */
    private static final String UNLINK_LATE = """
            UPDATE decision SET customer_id = NULL, experiment_unit = CASE WHEN experiment_id IS NULL THEN NULL ELSE %s END
            WHERE customer_id = $1""".formatted(REPLACE);
    /** In order; the customer row last (its foreign keys cascade to purchases, identifiers, consents, merge audit). */
    private static final Map<String, String> STEPS = steps();
    private static final String RECEIPT = "INSERT INTO erasure (id, erased_at, erased) VALUES ($1, $2, $3)";

    private final Pool pool;
    private final Pseudonyms pseudonyms;

    public ErasureStore(Pool pool, Pseudonyms pseudonyms) {
        this.pool = pool;
        this.pseudonyms = pseudonyms;
    }

    public record Erasure(UUID id, Instant erasedAt, Map<String, Long> erased) {
    }

    private static Map<String, String> steps() {
        Map<String, String> steps = new LinkedHashMap<>();
        steps.put("exposures", "DELETE FROM exposure WHERE customer_id = $1");
        steps.put("outcomesUnlinked", "UPDATE outcome SET customer_id = NULL WHERE customer_id = $1");
        steps.put("decisionsUnlinked", "UPDATE decision SET customer_id = NULL WHERE customer_id = $1");
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

    /**
     * Null when the customer does not exist (erased meanwhile). {@code salt}: random, kept only until
     * {@link #unlinkLateDecisions} has run.
     */
    public Uni<Erasure> erase(String customerId, Instant at, String salt) {
        UUID id = UUID.randomUUID();
        return pool.withTransaction(connection -> connection.preparedQuery(LOCK).execute(Tuple.of(customerId)).chain(locked -> {
            if (locked.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            Map<String, Long> erased = new LinkedHashMap<>();
            return replacePseudonyms(connection, customerId, salt)
                    .invoke(replaced -> erased.put("experimentPseudonymsReplaced", replaced))
                    .chain(() -> CountedStatements.run(connection, STEPS, Tuple.of(customerId)))
                    .invoke(erased::putAll)
                    .chain(() -> connection.preparedQuery(RECEIPT)
                            .execute(Tuple.of(id, at.atOffset(ZoneOffset.UTC), new JsonObject(new LinkedHashMap<>(erased)))))
                    .map(done -> new Erasure(id, at, erased));
        }));
    }

    /** Decisions under any pseudonym the person's id or identifiers give them, in every experiment (both forms). */
    private Uni<Long> replacePseudonyms(SqlConnection connection, String customerId, String salt) {
        return connection.preparedQuery(UNITS).execute(Tuple.of(customerId)).chain(units -> {
            List<String> experiments = new ArrayList<>();
            List<Long> pseudonymsFound = new ArrayList<>();
            for (Row row : units) {
                for (long pseudonym : pseudonyms.everyForm(row.getString("experiment_id"), row.getString("unit"))) {
                    experiments.add(row.getString("experiment_id"));
                    pseudonymsFound.add(pseudonym);
                }
            }
            return connection.preparedQuery(REPLACE_PSEUDONYMS).execute(Tuple.of(customerId, salt,
                    experiments.toArray(String[]::new), pseudonymsFound.toArray(Long[]::new)));
        }).map(rows -> (long) rows.rowCount());
    }

    /**
     * Unlinks decisions another replica recorded after the erasure (they were queued in its memory),
     * their pseudonyms replaced with the erasure's salt: the same unit gets the same replacement.
     */
    public Uni<Integer> unlinkLateDecisions(String customerId, String salt) {
        return pool.preparedQuery(UNLINK_LATE).execute(Tuple.of(customerId, salt)).map(rows -> rows.rowCount());
    }
}
