package dev.pertinence.common.store;

import io.vertx.mutiny.sqlclient.Cursor;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.PreparedStatement;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * One transaction on one connection, driven from a worker thread: for imports that read a
 * request body as it streams in. Closing without {@link #commit()} rolls back, so a refused
 * file leaves nothing behind. Never use it on the event loop.
 */
public final class BlockingTransaction implements AutoCloseable {

    private static final Duration STATEMENT_TIMEOUT = Duration.ofMinutes(5);

    private final SqlConnection connection;
    private final Transaction transaction;
    private boolean committed;

    private BlockingTransaction(SqlConnection connection, Transaction transaction) {
        this.connection = connection;
        this.transaction = transaction;
    }

    public static BlockingTransaction begin(Pool pool) {
        SqlConnection connection = pool.getConnection().await().atMost(STATEMENT_TIMEOUT);
        try {
            Transaction transaction = connection.begin().await().atMost(STATEMENT_TIMEOUT);
            connection.query(StatementTimeouts.BULK).execute().await().atMost(STATEMENT_TIMEOUT);
            return new BlockingTransaction(connection, transaction);
        } catch (RuntimeException e) {
            connection.closeAndAwait();
            throw e;
        }
    }

    public RowSet<Row> execute(String sql, Tuple arguments) {
        return connection.preparedQuery(sql).execute(arguments).await().atMost(STATEMENT_TIMEOUT);
    }

    public RowSet<Row> execute(String sql) {
        return connection.query(sql).execute().await().atMost(STATEMENT_TIMEOUT);
    }

    /** Streams a query's rows through a cursor, {@code fetchSize} at a time, so no result is held whole. */
    public void stream(String sql, Tuple arguments, int fetchSize, Consumer<Row> consumer) {
        PreparedStatement statement = connection.prepare(sql).await().atMost(STATEMENT_TIMEOUT);
        try {
            Cursor cursor = statement.cursor(arguments);
            do {
                cursor.read(fetchSize).await().atMost(STATEMENT_TIMEOUT).forEach(consumer);
            } while (cursor.hasMore());
            cursor.close().await().atMost(STATEMENT_TIMEOUT);
        } finally {
            statement.close().await().atMost(STATEMENT_TIMEOUT);
        }
    }

    /**
     * Feeds {@code items} to {@code stage} in chunks of {@code size} (the last one may be smaller),
     * so a file of any size streams into a staging table; returns how many items there were.
     * {@code stage} must empty the chunk it is given.
     */
    public <T> long stageInChunks(Iterator<T> items, int size, BiConsumer<BlockingTransaction, List<T>> stage) {
        List<T> chunk = new ArrayList<>(size);
        long count = 0;
        while (items.hasNext()) {
            chunk.add(items.next());
            count++;
            if (chunk.size() == size) {
                stage.accept(this, chunk);
            }
        }
        stage.accept(this, chunk);
        return count;
    }

    public void commit() {
        transaction.commit().await().atMost(STATEMENT_TIMEOUT);
        committed = true;
    }

    @Override
    public void close() {
        try {
            if (!committed) {
                transaction.rollback().await().atMost(STATEMENT_TIMEOUT);
            }
        } finally {
            connection.closeAndAwait();
        }
    }
}
