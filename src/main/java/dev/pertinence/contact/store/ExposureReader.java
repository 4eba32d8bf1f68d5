package dev.pertinence.contact.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A person's exposure history from PostgreSQL, newest first, a page at a time (keyset paging). */
@ApplicationScoped
public class ExposureReader {

    private static final String COLUMNS = "id, decision_id, offer_id, channel, placement, shown_at, response, responded_at";
    private static final String FIRST = "SELECT " + COLUMNS + " FROM exposure WHERE customer_id = $1 "
            + "ORDER BY shown_at DESC, id DESC LIMIT $2";
    private static final String AFTER = "SELECT " + COLUMNS + " FROM exposure WHERE customer_id = $1 "
            + "AND (shown_at, id) < ($3, $4) ORDER BY shown_at DESC, id DESC LIMIT $2";

    private final Pool pool;

    public ExposureReader(Pool pool) {
        this.pool = pool;
    }

    public record ExposureRow(long id, UUID decisionId, String offerId, String channel, String placement, Instant shownAt,
                       String response, Instant respondedAt) {
    }

    /** Where a page ends: the last row's time and id. */
    public record Cursor(Instant shownAt, long id) {
    }

    /** Up to {@code limit} exposures of the customer (resolved by the caller) older than the cursor. */
    public Uni<List<ExposureRow>> page(String customerId, int limit, Cursor after) {
        Uni<RowSet<Row>> rows = after == null
                ? pool.preparedQuery(FIRST).execute(Tuple.of(customerId, (long) limit))
                : pool.preparedQuery(AFTER).execute(Tuple.of(customerId, (long) limit,
                        after.shownAt().atOffset(ZoneOffset.UTC), after.id()));
        return rows.map(found -> {
            List<ExposureRow> page = new ArrayList<>();
            for (Row row : found) {
                OffsetDateTime responded = row.getOffsetDateTime("responded_at");
                page.add(new ExposureRow(row.getLong("id"), row.getUUID("decision_id"), row.getString("offer_id"),
                        row.getString("channel"), row.getString("placement"),
                        row.getOffsetDateTime("shown_at").toInstant(), row.getString("response"),
                        responded == null ? null : responded.toInstant()));
            }
            return page;
        });
    }
}
