package dev.pertinence.identity.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/** The {@code customer_identifier} table: which customer a reference points at. */
@ApplicationScoped
public class IdentifierStore {

    /** A plain id resolves to itself when the customer exists, else through a merge; an identifier through its row. */
    static final String RESOLVE = """
            SELECT id FROM customer WHERE id = $1
            UNION ALL SELECT customer_id FROM customer_identifier WHERE reference = $1
            LIMIT 1""";
    private static final String LINK = """
            INSERT INTO customer_identifier (reference, type, customer_id, source, added_at) VALUES ($1, $2, $3, $4, $5)
            ON CONFLICT (reference) DO NOTHING""";
    private static final String OWNER = "SELECT customer_id FROM customer_identifier WHERE reference = $1";
    private static final String LIST = """
            SELECT reference, type, source, added_at FROM customer_identifier
            WHERE customer_id = $1 AND type <> 'merged' ORDER BY type, reference""";
    private static final String UNLINK = "DELETE FROM customer_identifier WHERE reference = $1 AND customer_id = $2 AND type <> 'merged'";

    private final Pool pool;

    public IdentifierStore(Pool pool) {
        this.pool = pool;
    }

    public record Identifier(String reference, String type, String source, Instant addedAt) {
    }

    /** The customer id the reference key points at, or null. */
    public Uni<String> resolve(String key) {
        return pool.preparedQuery(RESOLVE).execute(Tuple.of(key))
                .map(rows -> rows.size() == 0 ? null : rows.iterator().next().getString(0));
    }

    /** Who a reference points at after a link attempt, and whether this attempt made the link. */
    public record Linked(String owner, boolean created) {
    }

    /** Links the reference to the customer unless it is already linked (to them or to another customer). */
    public Uni<Linked> link(String reference, String type, String customerId, String source, Instant at) {
        return pool.preparedQuery(LINK).execute(Tuple.of(reference, type, customerId, source, at.atOffset(ZoneOffset.UTC)))
                .chain(inserted -> inserted.rowCount() > 0 ? Uni.createFrom().item(new Linked(customerId, true))
                        : pool.preparedQuery(OWNER).execute(Tuple.of(reference))
                                .map(rows -> new Linked(rows.iterator().next().getString(0), false)));
    }

    public Uni<List<Identifier>> list(String customerId) {
        return pool.preparedQuery(LIST).execute(Tuple.of(customerId)).map(rows -> {
            List<Identifier> found = new ArrayList<>();
            for (Row row : rows) {
                found.add(new Identifier(row.getString("reference"), row.getString("type"), row.getString("source"),
                        row.getOffsetDateTime("added_at").toInstant()));
            }
            return found;
        });
    }

    /** True when the customer had this identifier. */
    public Uni<Boolean> unlink(String reference, String customerId) {
        return pool.preparedQuery(UNLINK).execute(Tuple.of(reference, customerId)).map(rows -> rows.rowCount() > 0);
    }
}
