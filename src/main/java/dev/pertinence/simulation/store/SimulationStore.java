package dev.pertinence.simulation.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.simulation.Simulation;
import dev.pertinence.simulation.SimulationResult;
import dev.pertinence.simulation.SimulationSettings;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * Simulation jobs in PostgreSQL ({@code simulation}), as evaluations are kept: one queued or running at a time across
 * replicas (a partial unique index refuses a second), with their progress as a heartbeat, so a job
 * whose replica stopped is told apart from one still running. Blocking: called from worker threads.
 */
@ApplicationScoped
public class SimulationStore {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String COLUMNS = """
            id, status, settings, requested_at, started_at, finished_at, progress_done, progress_total, result, error""";

    private final Pool pool;
    private final ObjectMapper json;

    public SimulationStore(Pool pool, ObjectMapper json) {
        this.pool = pool;
        this.json = json;
    }

    /** Records a queued simulation; 409 when another is queued or running. */
    public Simulation insert(UUID id, SimulationSettings settings, Instant now) {
        try {
            run("""
                    INSERT INTO simulation (id, status, settings, requested_at, heartbeat_at)
                    VALUES ($1, 'queued', $2, $3, $3)""",
                    Tuple.of(id, new JsonObject(write(settings)), utc(now)));
        } catch (PgException e) {
            if ("23505".equals(e.getSqlState())) {
                throw ClientProblem.conflict("a simulation is already queued or running" + running().map(r -> ": " + r).orElse("")
                        + "; one runs at a time, try again when it is done");
            }
            throw e;
        }
        return get(id);
    }

    /** The id of the simulation queued or running, if any: a new one is refused (409) before anything is compiled. */
    public Optional<String> running() {
        RowSet<Row> rows = run("SELECT id FROM simulation WHERE status IN ('queued', 'running')", Tuple.tuple());
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0).toString());
    }

    /** The simulation, or null when there is none with this id. */
    public Simulation get(UUID id) {
        RowSet<Row> rows = run("SELECT " + COLUMNS + " FROM simulation WHERE id = $1", Tuple.of(id));
        return rows.size() == 0 ? null : simulation(rows.iterator().next());
    }

    /** False when the job is no longer queued (swept as abandoned meanwhile): it must not run. */
    public boolean started(UUID id, Instant now) {
        return run("UPDATE simulation SET status = 'running', started_at = $2, heartbeat_at = $2 WHERE id = $1 AND status = 'queued'",
                Tuple.of(id, utc(now))).rowCount() > 0;
    }

    /**
     * The heartbeat alone, ticked by the replica holding the job for as long as it is queued or
     * running. False when it is neither any more (swept as abandoned, or taken over): the job must stop.
     */
    public boolean beat(UUID id, Instant now) {
        return run("UPDATE simulation SET heartbeat_at = $2 WHERE id = $1 AND status IN ('queued', 'running')",
                Tuple.of(id, utc(now))).rowCount() > 0;
    }

    /** The progress so far, which is also the heartbeat; false when the job is no longer running (it must stop). */
    public boolean progress(UUID id, int done, Integer total, Instant now) {
        return run("UPDATE simulation SET progress_done = $2, progress_total = $3, heartbeat_at = $4 WHERE id = $1 AND status = 'running'",
                Tuple.of(id, done, total, utc(now))).rowCount() > 0;
    }

    /** False when the job was no longer running (swept meanwhile): the result was not written. */
    public boolean done(UUID id, SimulationResult result, Instant now) {
        return run("""
                UPDATE simulation SET status = 'done', finished_at = $2, heartbeat_at = $2, result = $3,
                    progress_done = $4, progress_total = $4 WHERE id = $1 AND status = 'running'""",
                Tuple.of(id, utc(now), new JsonObject(write(result)), (int) result.people())).rowCount() > 0;
    }

    /**
     * Cancelled: failed now, with why, wherever it runs (its replica finds its row no longer
     * running at its next heartbeat, and stops). False when it was no longer queued or running.
     */
    public boolean cancel(UUID id, String why, Instant now) {
        return run("""
                UPDATE simulation SET status = 'failed', finished_at = $2, heartbeat_at = $2, error = $3
                WHERE id = $1 AND status IN ('queued', 'running')""", Tuple.of(id, utc(now), why)).rowCount() > 0;
    }

    /** Stopped before the end (out of time): failed, with why and how far it got. */
    public void failed(UUID id, String why, int done, Integer total, Instant now) {
        run("""
                UPDATE simulation SET status = 'failed', finished_at = $2, heartbeat_at = $2, error = $3,
                    progress_done = $4, progress_total = $5 WHERE id = $1 AND status IN ('queued', 'running')""",
                Tuple.of(id, utc(now), why, done).addInteger(total));
    }

    public void failed(UUID id, String why, Instant now) {
        run("""
                UPDATE simulation SET status = 'failed', finished_at = $2, heartbeat_at = $2, error = $3
                WHERE id = $1 AND status IN ('queued', 'running')""", Tuple.of(id, utc(now), why));
    }

    /**
     * Marks failed every queued or running simulation whose heartbeat is older than {@code before}:
     * the replica running it stopped. Returns how many.
     */
    public int failAbandoned(Instant before, Instant now) {
        return run("""
                UPDATE simulation SET status = 'failed', finished_at = $2,
                    error = 'abandoned: the service running it stopped (no progress since ' || heartbeat_at || ')'
                WHERE status IN ('queued', 'running') AND heartbeat_at < $1""", Tuple.of(utc(before), utc(now))).rowCount();
    }

    private RowSet<Row> run(String sql, Tuple arguments) {
        return pool.preparedQuery(sql).execute(arguments).await().atMost(TIMEOUT);
    }

    private Simulation simulation(Row row) {
        JsonObject result = row.getJsonObject("result");
        return new Simulation(row.getUUID("id"), Simulation.Status.valueOf(row.getString("status").toUpperCase(Locale.ROOT)),
                read(row.getJsonObject("settings"), SimulationSettings.class), instant(row.getOffsetDateTime("requested_at")),
                instant(row.getOffsetDateTime("started_at")), instant(row.getOffsetDateTime("finished_at")),
                row.getInteger("progress_done"), row.getInteger("progress_total"),
                result == null ? null : read(result, SimulationResult.class), row.getString("error"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("simulation not written as JSON", e);
        }
    }

    private <T> T read(JsonObject value, Class<T> type) {
        try {
            return json.readValue(value.encode(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("simulation not read from JSON", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
