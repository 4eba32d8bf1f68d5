package dev.pertinence.common.jobs;

import static dev.pertinence.common.store.Timestamps.instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pertinence.common.problem.ClientProblem;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vertx.pgclient.PgException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;

/**
 * A table of background jobs in PostgreSQL, named after its feature (evaluation, simulation):
 * one queued or running at a time across replicas (a partial unique index refuses a second), the
 * settings and the result as JSON, the progress beside a heartbeat, so a job whose replica stopped
 * is told apart from one still running. Every write names the status it expects: a job swept,
 * cancelled or taken over meanwhile is left as it is, and whoever wrote is told (false).
 * Blocking: called from worker threads. A feature's store extends it with its table and record.
 *
 * @param <S> the settings, as resolved
 * @param <R> the result
 * @param <J> the feature's job record
 */
public abstract class JobTable<S, R, J extends JobRecord> {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String COLUMNS = """
            id, status, settings, requested_at, started_at, finished_at, progress_done, progress_total, result, error""";

    /** A feature's job record from its row; the record's canonical constructor fits. */
    @FunctionalInterface
    public interface Reader<E extends Enum<E>, S, R, J> {
        J read(UUID id, E status, S settings, Instant requestedAt, Instant startedAt, Instant finishedAt, int done, Integer total,
               R result, String error);
    }

    private final Pool pool;
    private final ObjectMapper json;
    private final String table;
    private final Function<Row, J> reader;

    /** @param table the table, also what the job is called in problems and logs */
    protected <E extends Enum<E>> JobTable(Pool pool, ObjectMapper json, String table, Class<E> statuses, Class<S> settingsType,
                                           Class<R> resultType, Reader<E, S, R, J> reader) {
        this.pool = pool;
        this.json = json;
        this.table = table;
        this.reader = row -> {
            JsonObject result = row.getJsonObject("result");
            return reader.read(row.getUUID("id"), Enum.valueOf(statuses, row.getString("status").toUpperCase(Locale.ROOT)),
                    read(row.getJsonObject("settings"), settingsType), instant(row.getOffsetDateTime("requested_at")),
                    instant(row.getOffsetDateTime("started_at")), instant(row.getOffsetDateTime("finished_at")),
                    row.getInteger("progress_done"), row.getInteger("progress_total"),
                    result == null ? null : read(result, resultType), row.getString("error"));
        };
    }

    /** How many cases, people, ... a result counts: its progress once done. */
    protected abstract int count(R result);

    /** Columns of the feature's own a new row fills from its settings, beside the settings themselves. */
    protected Map<String, Object> columns(S settings) {
        return Map.of();
    }

    /** What the job is called: "evaluation". */
    public String noun() {
        return table;
    }

    /** Records a queued job; 409 when another is queued or running. */
    public J insert(UUID id, S settings, Instant now) {
        StringBuilder names = new StringBuilder();
        StringBuilder values = new StringBuilder();
        List<Object> arguments = new ArrayList<>(List.of(id, new JsonObject(write(settings)), utc(now)));
        columns(settings).forEach((name, value) -> {
            arguments.add(value);
            names.append(", ").append(name);
            values.append(", $").append(arguments.size());
        });
        try {
            run("INSERT INTO " + table + " (id, status, settings, requested_at, heartbeat_at" + names
                    + ") VALUES ($1, 'queued', $2, $3, $3" + values + ")", Tuple.from(arguments));
        } catch (PgException e) {
            if ("23505".equals(e.getSqlState())) {
                throw ClientProblem.conflict(article() + " " + table + " is already queued or running"
                        + running().map(r -> ": " + r).orElse("") + "; one runs at a time, try again when it is done");
            }
            throw e;
        }
        return get(id);
    }

    /** The id of the job queued or running, if any. */
    public Optional<String> running() {
        RowSet<Row> rows = run("SELECT id FROM " + table + " WHERE status IN ('queued', 'running')", Tuple.tuple());
        return rows.size() == 0 ? Optional.empty() : Optional.of(rows.iterator().next().getUUID(0).toString());
    }

    /** The job, or null when there is none with this id. */
    public J get(UUID id) {
        RowSet<Row> rows = run("SELECT " + COLUMNS + " FROM " + table + " WHERE id = $1", Tuple.of(id));
        return rows.size() == 0 ? null : reader.apply(rows.iterator().next());
    }

    /** False when the job is no longer queued (swept as abandoned, or cancelled, meanwhile): it must not run. */
    public boolean started(UUID id, Instant now) {
        return run("UPDATE " + table + " SET status = 'running', started_at = $2, heartbeat_at = $2 WHERE id = $1 AND status = 'queued'",
                Tuple.of(id, utc(now))).rowCount() > 0;
    }

    /**
     * The heartbeat alone, ticked by the replica holding the job for as long as it is queued or
     * running. False when it is neither any more (swept as abandoned, cancelled or taken over): the job must stop.
     */
    public boolean beat(UUID id, Instant now) {
        return run("UPDATE " + table + " SET heartbeat_at = $2 WHERE id = $1 AND status IN ('queued', 'running')",
                Tuple.of(id, utc(now))).rowCount() > 0;
    }

    /** The progress so far, which is also the heartbeat; false when the job is no longer running (it must stop). */
    public boolean progress(UUID id, int done, Integer total, Instant now) {
        return run("UPDATE " + table + " SET progress_done = $2, progress_total = $3, heartbeat_at = $4 WHERE id = $1 AND status = 'running'",
                Tuple.of(id, done, total, utc(now))).rowCount() > 0;
    }

    /** False when the job was no longer running (swept or cancelled meanwhile): the result was not written. */
    public boolean done(UUID id, R result, Instant now) {
        return run("""
                UPDATE %s SET status = 'done', finished_at = $2, heartbeat_at = $2, result = $3,
                    progress_done = $4, progress_total = $4 WHERE id = $1 AND status = 'running'""".formatted(table),
                Tuple.of(id, utc(now), new JsonObject(write(result)), count(result))).rowCount() > 0;
    }

    /**
     * Failed now, with why, wherever it runs (its replica finds its row no longer running at its
     * next heartbeat, and stops): a cancel. False when it was no longer queued or running.
     */
    public boolean failed(UUID id, String why, Instant now) {
        return run("""
                UPDATE %s SET status = 'failed', finished_at = $2, heartbeat_at = $2, error = $3
                WHERE id = $1 AND status IN ('queued', 'running')""".formatted(table), Tuple.of(id, utc(now), why)).rowCount() > 0;
    }

    /** Stopped before the end (out of time): failed, with why and how far it got. */
    public void failed(UUID id, String why, int done, Integer total, Instant now) {
        run("""
                UPDATE %s SET status = 'failed', finished_at = $2, heartbeat_at = $2, error = $3,
                    progress_done = $4, progress_total = $5 WHERE id = $1 AND status IN ('queued', 'running')""".formatted(table),
                Tuple.of(id, utc(now), why, done).addInteger(total));
    }

    /**
     * Marks failed every queued or running job whose heartbeat is older than {@code before}: the
     * replica running it stopped. Returns how many.
     */
    public int failAbandoned(Instant before, Instant now) {
        return run("""
                UPDATE %s SET status = 'failed', finished_at = $2,
                    error = 'abandoned: the service running it stopped (no progress since ' || heartbeat_at || ')'
                WHERE status IN ('queued', 'running') AND heartbeat_at < $1""".formatted(table), Tuple.of(utc(before), utc(now))).rowCount();
    }

    /** "an evaluation", "a simulation". */
    String article() {
        return "aeiou".indexOf(table.charAt(0)) >= 0 ? "an" : "a";
    }

    private RowSet<Row> run(String sql, Tuple arguments) {
        return pool.preparedQuery(sql).execute(arguments).await().atMost(TIMEOUT);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(table + " not written as JSON", e);
        }
    }

    private <T> T read(JsonObject value, Class<T> type) {
        try {
            return json.readValue(value.encode(), type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(table + " not read from JSON", e);
        }
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
