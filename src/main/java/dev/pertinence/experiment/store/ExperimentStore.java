package dev.pertinence.experiment.store;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.store.StatementTimeouts;
import dev.pertinence.decision.Strategy;
import dev.pertinence.experiment.Experiment;
import dev.pertinence.experiment.Tally;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** Experiments in PostgreSQL, and the tallies their results are computed from. */
@ApplicationScoped
public class ExperimentStore {

    private static final String COLUMNS = "id, name, channels, placements, starts_at, ends_at, arms, minimum_detectable_effect, power";
    /** Creations are serialised: two overlapping experiments created at once would each see none. */
    private static final String LOCK = "SELECT pg_advisory_xact_lock(hashtext('pertinence:experiments'))";
    private static final String INSERT = """
            INSERT INTO experiment (id, name, channels, placements, starts_at, ends_at, arms, created_at, minimum_detectable_effect, power)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)""";
    private static final String NOT_ENDED = "SELECT " + COLUMNS + " FROM experiment WHERE ends_at IS NULL OR ends_at > $1";
    private static final String ALL = "SELECT " + COLUMNS + " FROM experiment ORDER BY starts_at DESC, id LIMIT 1000";
    private static final String ONE = "SELECT " + COLUMNS + " FROM experiment WHERE id = $1";
    private static final String STOP = """
            UPDATE experiment SET ends_at = $2, stopped_at = $2 WHERE id = $1 AND (ends_at IS NULL OR ends_at > $2)""";
    /**
     * Per arm and segment: people (each in the segment of their first decision in the experiment,
     * with all their decisions), decisions, and what their outcomes say. On a page layout a section's click is
     * its acceptance (its outcomes are stored under the section's key, page/&lt;page&gt;/&lt;section&gt;).
     */
    private static final String TALLIES = """
            WITH d AS (
                SELECT id, arm, experiment_unit AS unit, segment, decided_at FROM decision WHERE experiment_id = $1
            ), o AS (
                SELECT o.decision_id,
                       count(*) FILTER (WHERE o.type = 'impression') AS impressions,
                       count(*) FILTER (WHERE o.type = 'accept' OR (o.type = 'click' AND o.offer_id LIKE 'page/%')) AS acceptances,
                       count(*) FILTER (WHERE o.type = 'convert') AS conversions,
                       coalesce(sum(o.value) FILTER (WHERE o.type = 'convert'), 0) AS value
                FROM outcome o JOIN d ON d.id = o.decision_id GROUP BY o.decision_id
            ), person AS (
                SELECT d.arm, d.unit, (array_agg(d.segment ORDER BY d.decided_at, d.id))[1] AS segment,
                       count(*) AS decisions, coalesce(sum(o.impressions), 0) AS impressions,
                       coalesce(sum(o.acceptances), 0) AS acceptances, coalesce(sum(o.conversions), 0) AS conversions,
                       coalesce(sum(o.value), 0) AS value
                FROM d LEFT JOIN o ON o.decision_id = d.id GROUP BY d.arm, d.unit
            )
            SELECT arm, segment, count(*) AS people, sum(decisions) AS decisions, sum(impressions) AS impressions,
                   sum(acceptances) AS acceptances, count(*) FILTER (WHERE acceptances > 0) AS people_accepting,
                   sum(conversions) AS conversions, count(*) FILTER (WHERE conversions > 0) AS people_converting,
                   sum(value)::float8 AS value, sum(value * value)::float8 AS value_squares
            FROM person GROUP BY arm, segment""";

    private final Pool pool;

    public ExperimentStore(Pool pool) {
        this.pool = pool;
    }

    /** Creates the experiment unless a running or coming one would claim some of its decisions (409). */
    public Uni<Void> create(Experiment experiment, Instant at) {
        return pool.withTransaction(connection -> connection.query(LOCK).execute()
                .chain(() -> notEnded(connection, at))
                .chain(others -> {
                    for (Experiment other : others) {
                        if (other.overlaps(experiment)) {
                            return Uni.createFrom().failure(ClientProblem.conflict("channels",
                                    "experiment '" + other.id() + "' (" + other.name() + ") already covers some of these channels and "
                                            + "placements in this period: a decision belongs to one experiment at most"));
                        }
                    }
                    return connection.preparedQuery(INSERT).execute(Tuple.from(new Object[] {experiment.id(), experiment.name(),
                            experiment.channels().toArray(String[]::new), experiment.placements().toArray(String[]::new),
                            utc(experiment.startsAt()), utc(experiment.endsAt()), arms(experiment.arms()), utc(at),
                            experiment.minimumDetectableEffect(),
                            experiment.minimumDetectableEffect() == null ? null : experiment.power()}));
                })
                .replaceWithVoid());
    }

    /** Experiments running or to come at {@code at}: what decisions look up. */
    public Uni<List<Experiment>> notEnded(Instant at) {
        return pool.withConnection(connection -> notEnded(connection, at));
    }

    private static Uni<List<Experiment>> notEnded(SqlConnection connection, Instant at) {
        return connection.preparedQuery(NOT_ENDED).execute(Tuple.of(utc(at))).map(ExperimentStore::experiments);
    }

    public Uni<List<Experiment>> all() {
        return pool.query(ALL).execute().map(ExperimentStore::experiments);
    }

    public Uni<Experiment> get(String id) {
        return pool.preparedQuery(ONE).execute(Tuple.of(id)).map(rows -> rows.size() == 0 ? null : experiment(rows.iterator().next()));
    }

    /** Ends the experiment now; false when it had already ended. */
    public Uni<Boolean> stop(String id, Instant at) {
        return pool.preparedQuery(STOP).execute(Tuple.of(id, utc(at))).map(rows -> rows.rowCount() > 0);
    }

    public Uni<List<Tally>> tallies(String experimentId) {
        return pool.withTransaction(connection -> connection.query(StatementTimeouts.BULK).execute()
                .chain(() -> connection.preparedQuery(TALLIES).execute(Tuple.of(experimentId)))).map(rows -> {
            List<Tally> tallies = new ArrayList<>(rows.size());
            rows.forEach(row -> tallies.add(new Tally(row.getString("arm"), row.getString("segment"), row.getLong("people"),
                    row.getLong("decisions"), row.getLong("impressions"), row.getLong("acceptances"),
                    row.getLong("people_accepting"), row.getLong("conversions"), row.getLong("people_converting"),
                    row.getDouble("value"), row.getDouble("value_squares"))));
            return tallies;
        });
    }

    private static List<Experiment> experiments(io.vertx.mutiny.sqlclient.RowSet<Row> rows) {
        List<Experiment> experiments = new ArrayList<>(rows.size());
        rows.forEach(row -> experiments.add(experiment(row)));
        return experiments;
    }

    private static Experiment experiment(Row row) {
        List<Experiment.Arm> arms = new ArrayList<>();
        for (Object element : (JsonArray) row.getValue("arms")) {
            JsonObject arm = (JsonObject) element;
            Map<String, Double> levers = new HashMap<>();
            JsonObject leverSet = arm.getJsonObject("levers", new JsonObject());
            leverSet.forEach(entry -> levers.put(entry.getKey(), ((Number) entry.getValue()).doubleValue()));
            arms.add(new Experiment.Arm(arm.getString("name"), arm.getInteger("share"),
                    new Strategy(Strategy.Kind.valueOf(arm.getString("strategy").toUpperCase(Locale.ROOT)), levers,
                            arm.getDouble("exploration", 0.0))));
        }
        return new Experiment(row.getString("id"), row.getString("name"), Set.of(row.getArrayOfStrings("channels")),
                Set.of(row.getArrayOfStrings("placements")), row.getOffsetDateTime("starts_at").toInstant(),
                row.getOffsetDateTime("ends_at") == null ? null : row.getOffsetDateTime("ends_at").toInstant(), arms,
                row.getDouble("minimum_detectable_effect"),
                row.getDouble("power") == null ? Experiment.DEFAULT_POWER : row.getDouble("power"));
    }

    private static JsonArray arms(List<Experiment.Arm> arms) {
        JsonArray json = new JsonArray();
        for (Experiment.Arm arm : arms) {
            json.add(new JsonObject().put("name", arm.name()).put("share", arm.shareBasisPoints())
                    .put("strategy", arm.strategy().kind().name().toLowerCase(Locale.ROOT))
                    .put("levers", new JsonObject(new HashMap<>(arm.strategy().levers())))
                    .put("exploration", arm.strategy().exploration()));
        }
        return json;
    }

    private static OffsetDateTime utc(Instant at) {
        return at == null ? null : at.atOffset(ZoneOffset.UTC);
    }
}
