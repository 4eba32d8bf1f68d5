package dev.pertinence.spark;

import dev.pertinence.copurchase.ModelBuild;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * The build's row in the service's {@code model_build} table (trigger {@code spark}), so
 * {@code GET /v1/models/co-purchase/builds} lists it beside the service's own builds.
 */
final class BuildRecord {

    static final String TRIGGER = "spark";

    private final String url;
    private final JobOptions options;

    BuildRecord(JobOptions options) {
        this.url = options.database();
        this.options = options;
    }

    boolean enabled() {
        return url != null;
    }

    /** Just after the lock is taken: the rows of builds that died holding it say so ({@link ModelBuild#MARK_ABANDONED}). */
    int markAbandoned() {
        return execute(ModelBuild.MARK_ABANDONED);
    }

    void started(UUID id, Instant at) {
        execute("""
                INSERT INTO model_build (id, status, trigger, requested_at, started_at, min_support, top_k)
                VALUES (?, 'running', ?, ?, ?, ?, ?)""", id, TRIGGER, Timestamp.from(at), Timestamp.from(at),
                options.minSupport(), options.topK());
    }

    void succeeded(UUID id, Instant started, Instant finished, String version, SparkModel model) {
        execute("""
                UPDATE model_build SET status = 'succeeded', finished_at = ?, duration_ms = ?, model_version = ?,
                    baskets = ?, items = ?, pairs = ?, neighbours = ? WHERE id = ?""",
                Timestamp.from(finished), finished.toEpochMilli() - started.toEpochMilli(), version,
                model.baskets(), model.items(), model.pairs(), model.neighbourCount(), id);
    }

    void failed(UUID id, Instant started, Instant finished, String error) {
        execute("UPDATE model_build SET status = 'failed', finished_at = ?, duration_ms = ?, error = ? WHERE id = ?",
                Timestamp.from(finished), finished.toEpochMilli() - started.toEpochMilli(), error, id);
    }

    private int execute(String sql, Object... arguments) {
        if (!enabled()) {
            return 0;
        }
        try (Connection connection = DriverManager.getConnection(url, PurchaseSource.credentials(options));
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arguments.length; i++) {
                statement.setObject(i + 1, arguments[i]);
            }
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("cannot record the build in model_build: " + e.getMessage(), e);
        }
    }
}
