package dev.pertinence.decide.store;

import dev.pertinence.common.store.CountedStatements;
import dev.pertinence.experiment.Pseudonyms;
import dev.pertinence.identity.PersonData;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A person's decisions. A merge gives them to the survivor; an erasure keeps them (offer, channel,
 * segment, time and value: what offer performance and experiment results are made of) without their
 * link to the person and without their answer (messages rendered for the person, reasons drawn from
 * their purchases, the context with their cart, location and device), and replaces every experiment
 * pseudonym the person may have had. Runs
 * {@link #FIRST}: the pseudonyms are found from the person's identifiers, which the erasure deletes.
 * Records still queued in this replica's {@link DecisionRecorder} are written before either.
 */
@ApplicationScoped
public class DecisionPersonData implements PersonData {

    private static final Map<String, String> FOLD = Map.of("decisions", "UPDATE decision SET customer_id = $1 WHERE customer_id = $2");
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
            UPDATE decision d SET experiment_unit = %s, answer = NULL
            FROM (SELECT id FROM decision WHERE customer_id = $1 AND experiment_id IS NOT NULL
                  UNION
                  SELECT x.id FROM unnest($3::text[], $4::bigint[]) AS u (experiment_id, unit)
                  JOIN decision x ON x.experiment_id = u.experiment_id AND x.experiment_unit = u.unit) found
            WHERE d.id = found.id""".formatted(REPLACE);
    private static final Map<String, String> UNLINK = Map.of("decisionsUnlinked",
            "UPDATE decision SET customer_id = NULL, answer = NULL WHERE customer_id = $1");
    /** For decisions another replica recorded late, after the erasure: resolved, so under the customer id. */
    private static final String UNLINK_LATE = """
            UPDATE decision SET customer_id = NULL, answer = NULL, experiment_unit = CASE WHEN experiment_id IS NULL THEN NULL ELSE %s END
            WHERE customer_id = $1""".formatted(REPLACE);

    private final DecisionRecorder recorder;
    private final Pseudonyms pseudonyms;
    private final Pool pool;

    public DecisionPersonData(DecisionRecorder recorder, Pseudonyms pseudonyms, Pool pool) {
        this.recorder = recorder;
        this.pseudonyms = pseudonyms;
        this.pool = pool;
    }

    @Override
    public String name() {
        return "decisions";
    }

    @Override
    public Set<String> columns() {
        return Set.of("decision.customer_id");
    }

    @Override
    public int order() {
        return FIRST;
    }

    @Override
    public Uni<Void> flush() {
        return recorder.flushNow();
    }

    @Override
    public Uni<Map<String, Long>> fold(SqlConnection connection, String survivorId, String mergedId, Instant at) {
        return CountedStatements.run(connection, FOLD, Tuple.of(survivorId, mergedId));
    }

    @Override
    public Uni<Map<String, Long>> forget(SqlConnection connection, String personId, String salt) {
        Map<String, Long> forgotten = new LinkedHashMap<>();
        return replacePseudonyms(connection, personId, salt)
                .invoke(replaced -> forgotten.put("experimentPseudonymsReplaced", replaced))
                .chain(() -> CountedStatements.run(connection, UNLINK, Tuple.of(personId)))
                .invoke(forgotten::putAll)
                .replaceWith(forgotten);
    }

    /** Decisions under any pseudonym the person's id or identifiers give them, in every experiment (both forms). */
    private Uni<Long> replacePseudonyms(SqlConnection connection, String personId, String salt) {
        return connection.preparedQuery(UNITS).execute(Tuple.of(personId)).chain(units -> {
            List<String> experiments = new ArrayList<>();
            List<Long> pseudonymsFound = new ArrayList<>();
            for (Row row : units) {
                for (long pseudonym : pseudonyms.everyForm(row.getString("experiment_id"), row.getString("unit"))) {
                    experiments.add(row.getString("experiment_id"));
                    pseudonymsFound.add(pseudonym);
                }
            }
            return connection.preparedQuery(REPLACE_PSEUDONYMS).execute(Tuple.of(personId, salt,
                    experiments.toArray(String[]::new), pseudonymsFound.toArray(Long[]::new)));
        }).map(rows -> (long) rows.rowCount());
    }

    /**
     * Unlinks decisions another replica recorded after the erasure (they were queued in its memory),
     * their pseudonyms replaced with the erasure's salt: the same unit gets the same replacement.
     */
    @Override
    public Uni<Long> forgetLate(String personId, String salt) {
        return pool.preparedQuery(UNLINK_LATE).execute(Tuple.of(personId, salt)).map(rows -> (long) rows.rowCount());
    }
}
