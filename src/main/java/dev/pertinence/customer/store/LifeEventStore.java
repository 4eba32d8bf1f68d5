package dev.pertinence.customer.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The {@code life_event} table. */
@ApplicationScoped
public class LifeEventStore {

    private static final String INSERT = """
            INSERT INTO life_event (customer_id, type, event_date, recurring, source, recorded_at)
            VALUES ($1, $2, $3, $4, $5, $6) RETURNING id""";
    private static final String LIST = """
            SELECT id, type, event_date, recurring, source, recorded_at FROM life_event WHERE customer_id = $1
            ORDER BY event_date, id""";
    private static final String DELETE = "DELETE FROM life_event WHERE id = $1 AND customer_id = $2";

    private final Pool pool;

    public LifeEventStore(Pool pool) {
        this.pool = pool;
    }

    public record Stored(long id, String type, LocalDate date, boolean recurring, String source, Instant recordedAt) {
    }

    public Uni<Stored> add(String customerId, String type, LocalDate date, boolean recurring, String source, Instant at) {
        return pool.preparedQuery(INSERT).execute(Tuple.of(customerId, type, date, recurring, source, at.atOffset(ZoneOffset.UTC)))
                .map(rows -> new Stored(rows.iterator().next().getLong(0), type, date, recurring, source, at));
    }

    public Uni<List<Stored>> list(String customerId) {
        return pool.preparedQuery(LIST).execute(Tuple.of(customerId)).map(rows -> {
            List<Stored> events = new ArrayList<>();
            for (Row row : rows) {
                events.add(new Stored(row.getLong("id"), row.getString("type"), row.getLocalDate("event_date"),
                        row.getBoolean("recurring"), row.getString("source"), row.getOffsetDateTime("recorded_at").toInstant()));
            }
            return events;
        });
    }

    /** True when the customer had this event. */
    public Uni<Boolean> delete(String customerId, long id) {
        return pool.preparedQuery(DELETE).execute(Tuple.of(id, customerId)).map(rows -> rows.rowCount() > 0);
    }
}
