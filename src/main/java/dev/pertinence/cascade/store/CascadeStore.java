package dev.pertinence.cascade.store;

import static dev.pertinence.common.store.Timestamps.instant;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Cascades and their steps in PostgreSQL. */
@ApplicationScoped
public class CascadeStore {

    private static final String INSERT = """
            INSERT INTO cascade (id, customer_id, placement, status, created_at, updated_at) VALUES ($1, $2, $3, 'running', $4, $4)""";
    private static final String INSERT_STEP = """
            INSERT INTO cascade_step (cascade_id, position, channel, wait_seconds, until, status) VALUES ($1, $2, $3, $4, $5, 'waiting')""";
    private static final String LOCK = "SELECT id, customer_id, placement, status, created_at FROM cascade WHERE id = $1 FOR UPDATE";
    private static final String ONE = "SELECT id, customer_id, placement, status, created_at FROM cascade WHERE id = $1";
    private static final String STEPS = """
            SELECT position, channel, wait_seconds, until, status, decision_id, reason, sent_at, deadline FROM cascade_step
            WHERE cascade_id = $1 ORDER BY position""";
    private static final String SENT = """
            UPDATE cascade_step SET status = 'sent', decision_id = $3, sent_at = $4, deadline = $5 WHERE cascade_id = $1 AND position = $2""";
    private static final String SKIPPED = "UPDATE cascade_step SET status = 'skipped', decision_id = $3, reason = $4 WHERE cascade_id = $1 AND position = $2";
    private static final String STEP_STATUS = "UPDATE cascade_step SET status = $3 WHERE cascade_id = $1 AND position = $2";
    private static final String STATUS = "UPDATE cascade SET status = $2, updated_at = $3 WHERE id = $1";
    private static final String BY_DECISION = """
            SELECT cascade_id, position, until FROM cascade_step WHERE decision_id = $1 AND status = 'sent'""";
    private static final String DUE = """
            SELECT DISTINCT cascade_id FROM cascade_step WHERE status = 'sent' AND deadline <= $1 LIMIT 100""";

    private final Pool pool;

    public CascadeStore(Pool pool) {
        this.pool = pool;
    }

    public record Cascade(UUID id, String customerId, String placement, String status, Instant createdAt, List<Step> steps) {
    }

    public record Step(int position, String channel, Duration waitFor, String until, String status, UUID decisionId, String reason,
                       Instant sentAt, Instant deadline) {
    }

    public record NewStep(String channel, Duration waitFor, String until) {
    }

    public record Sent(UUID cascadeId, int position, String until) {
    }

    public Uni<Void> create(UUID id, String customerId, String placement, List<NewStep> steps, Instant at) {
        return pool.withTransaction(connection -> {
            Uni<Void> chain = connection.preparedQuery(INSERT).execute(Tuple.of(id, customerId, placement, at.atOffset(ZoneOffset.UTC)))
                    .replaceWithVoid();
            for (int i = 0; i < steps.size(); i++) {
                NewStep step = steps.get(i);
                int position = i + 1;
                chain = chain.chain(() -> connection.preparedQuery(INSERT_STEP)
                        .execute(Tuple.of(id, position, step.channel(), step.waitFor().toSeconds(), step.until())).replaceWithVoid());
            }
            return chain;
        });
    }

    /** The cascade, its row locked for the transaction of {@code connection}; null when there is none. */
    public Uni<Cascade> lock(SqlConnection connection, UUID id) {
        return read(connection, LOCK, id);
    }

    public Uni<Cascade> get(UUID id) {
        return pool.withConnection(connection -> read(connection, ONE, id));
    }

    private Uni<Cascade> read(SqlConnection connection, String sql, UUID id) {
        return connection.preparedQuery(sql).execute(Tuple.of(id)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().nullItem();
            }
            Row row = rows.iterator().next();
            return connection.preparedQuery(STEPS).execute(Tuple.of(id)).map(stepRows -> {
                List<Step> steps = new ArrayList<>();
                for (Row step : stepRows) {
                    steps.add(new Step(step.getInteger("position"), step.getString("channel"),
                            Duration.ofSeconds(step.getLong("wait_seconds")), step.getString("until"), step.getString("status"),
                            step.getUUID("decision_id"), step.getString("reason"), instant(step.getOffsetDateTime("sent_at")),
                            instant(step.getOffsetDateTime("deadline"))));
                }
                return new Cascade(row.getUUID("id"), row.getString("customer_id"), row.getString("placement"),
                        row.getString("status"), row.getOffsetDateTime("created_at").toInstant(), steps);
            });
        });
    }

    public Uni<Void> sent(SqlConnection connection, UUID id, int position, UUID decisionId, Instant at, Instant deadline) {
        return connection.preparedQuery(SENT).execute(Tuple.of(id, position, decisionId, at.atOffset(ZoneOffset.UTC),
                deadline.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    public Uni<Void> skipped(SqlConnection connection, UUID id, int position, UUID decisionId, String reason) {
        return connection.preparedQuery(SKIPPED).execute(Tuple.of(id, position, decisionId, reason)).replaceWithVoid();
    }

    public Uni<Void> stepStatus(SqlConnection connection, UUID id, int position, String status) {
        return connection.preparedQuery(STEP_STATUS).execute(Tuple.of(id, position, status)).replaceWithVoid();
    }

    public Uni<Void> status(SqlConnection connection, UUID id, String status, Instant at) {
        return connection.preparedQuery(STATUS).execute(Tuple.of(id, status, at.atOffset(ZoneOffset.UTC))).replaceWithVoid();
    }

    public Uni<List<Sent>> sentFor(UUID decisionId) {
        return pool.preparedQuery(BY_DECISION).execute(Tuple.of(decisionId)).map(rows -> {
            List<Sent> sent = new ArrayList<>();
            rows.forEach(row -> sent.add(new Sent(row.getUUID("cascade_id"), row.getInteger("position"), row.getString("until"))));
            return sent;
        });
    }

    public Uni<List<UUID>> due(Instant now) {
        return pool.preparedQuery(DUE).execute(Tuple.of(now.atOffset(ZoneOffset.UTC))).map(rows -> {
            List<UUID> ids = new ArrayList<>();
            rows.forEach(row -> ids.add(row.getUUID(0)));
            return ids;
        });
    }

    public Pool pool() {
        return pool;
    }
}
