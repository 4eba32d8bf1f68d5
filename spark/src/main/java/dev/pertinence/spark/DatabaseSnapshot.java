package dev.pertinence.spark;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * One view of the purchases' database for every partition of the JDBC read: a repeatable-read transaction on the
 * driver exports its snapshot ({@code pg_export_snapshot()}), and each partition's transaction adopts it
 * ({@code SET TRANSACTION SNAPSHOT}, Spark's {@code sessionInitStatement}, run after the PostgreSQL dialect has
 * turned auto-commit off for the fetch size), so lines committed or erased while the partitions read are seen by
 * all of them or by none. The exporting transaction stays open until {@link #close} (after the build has written
 * its model: a partition recomputed after a lost executor adopts the same snapshot); meanwhile PostgreSQL keeps
 * the row versions it sees (vacuum waits for it), as with any long read. It is idle in its transaction for most of the
 * build, so it turns the server's (or the role's) {@code idle_in_transaction_session_timeout} off for its own session,
 * before it begins: otherwise that timeout would end it mid-build and every partition read after it would fail.
 */
final class DatabaseSnapshot implements AutoCloseable {

    private final Connection holder;
    private final String id;

    private DatabaseSnapshot(Connection holder, String id) {
        this.holder = holder;
        this.id = id;
    }

    /** Exported from a new transaction on {@code url}. */
    static DatabaseSnapshot export(String url, Properties credentials) {
        Connection holder = null;
        try {
            holder = DriverManager.getConnection(url, credentials);
            try (Statement untimed = holder.createStatement()) {
                untimed.execute("SET idle_in_transaction_session_timeout = 0");
            }
            holder.setAutoCommit(false);
            holder.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement statement = holder.createStatement(); ResultSet exported = statement.executeQuery("SELECT pg_export_snapshot()")) {
                exported.next();
                String id = exported.getString(1);
                if (!id.matches("[0-9A-Fa-f-]+")) {
                    throw new IllegalStateException("unexpected snapshot id " + id);
                }
                return new DatabaseSnapshot(holder, id);
            }
        } catch (SQLException e) {
            close(holder);
            throw new IllegalStateException("cannot export a snapshot of the purchases' database: " + e.getMessage(), e);
        }
    }

    /** The driver's connection, inside the snapshot: what it reads (the id bounds) is what the partitions read. */
    Connection connection() {
        return holder;
    }

    /** Spark JDBC properties: {@code credentials} plus the statement that makes each partition's reads this snapshot. */
    Properties adoptedBy(Properties credentials) {
        Properties properties = new Properties();
        properties.putAll(credentials);
        // the dialect turns auto-commit off when a fetch size is set: the statement then opens the read's transaction
        properties.setProperty("fetchsize", "10000");
        properties.setProperty("sessionInitStatement",
                "SET TRANSACTION ISOLATION LEVEL REPEATABLE READ; SET TRANSACTION SNAPSHOT '" + id + "'");
        return properties;
    }

    @Override
    public void close() {
        close(holder);
    }

    private static void close(Connection connection) {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
            connection.close();
        } catch (SQLException e) {
            // the snapshot goes with the connection either way
        }
    }
}
