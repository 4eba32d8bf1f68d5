package dev.pertinence.evaluation.store;

import dev.pertinence.common.store.BlockingTransaction;
import dev.pertinence.decision.Consents;
import dev.pertinence.decision.CustomerProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What an evaluation replays, streamed from PostgreSQL through cursors (a million purchase lines
 * are never held as rows): baskets, the customers with purchases on both sides of a cut, their
 * profiles and consents, and their purchase lines. Read-only, each read in its own transaction
 * with the bulk statement timeout. Blocking: from the evaluation's worker thread only.
 */
@ApplicationScoped
public class HistoryReader {

    /** A basket as the co-purchase model builder groups them: an order; else a customer's UTC day; else the line alone. */
    private static final String BASKETS = """
            SELECT COALESCE('o:' || order_id, 'c:' || customer_id || ':' || (purchased_at AT TIME ZONE 'UTC')::date, 'l:' || id),
                   array_agg(DISTINCT sku)
            FROM purchase WHERE purchased_at >= $1 AND purchased_at < $2
            GROUP BY 1""";
    private static final String BOTH_SIDES = """
            SELECT p.customer_id FROM purchase p JOIN customer c ON c.id = p.customer_id
            WHERE p.customer_id IS NOT NULL AND p.purchased_at >= $1 AND p.purchased_at < $3
              AND ($4::text IS NULL OR $4::text = ANY(c.segments))
            GROUP BY p.customer_id HAVING bool_or(p.purchased_at < $2) AND bool_or(p.purchased_at >= $2)""";
    private static final String PEOPLE = """
            SELECT c.id, c.first_name, c.last_name, c.gender, c.birth_date, c.region, c.postal_code, c.segments,
                   c.loyalty_tier, c.loyalty_points, c.home_store,
                   ARRAY(SELECT purpose || ':' || channel || '=' || granted FROM consent WHERE customer_id = c.id) AS consents
            FROM customer c WHERE c.id = ANY($1)""";
    private static final String LINES = """
            SELECT customer_id, sku, purchased_at, quantity, amount::float8 FROM purchase
            WHERE customer_id = ANY($1) AND purchased_at >= $2 AND purchased_at < $3
            ORDER BY customer_id, purchased_at DESC""";
    private static final int FETCH = 5_000;

    private final Pool pool;

    public HistoryReader(Pool pool) {
        this.pool = pool;
    }

    public interface BasketConsumer {
        void accept(String key, String[] skus);
    }

    public interface LineConsumer {
        void accept(String customerId, String sku, Instant purchasedAt, int quantity, Double amount);
    }

    /** A person as a decision sees them, and what they agreed to. */
    public record Person(CustomerProfile profile, Consents consents) {
    }

    /** Every basket with purchases in [from, until), keyed as the model builder groups them. */
    public void baskets(Instant from, Instant until, BasketConsumer consumer) {
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.stream(BASKETS, Tuple.of(utc(from), utc(until)), FETCH, row -> consumer.accept(row.getString(0),
                    row.getArrayOfStrings(1)));
        }
    }

    /** The customers (in {@code segment}, when given) who bought in [from, cut) and in [cut, until). */
    public List<String> customersOnBothSides(Instant from, Instant cut, Instant until, String segment) {
        List<String> ids = new ArrayList<>();
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.stream(BOTH_SIDES, Tuple.of(utc(from), utc(cut), utc(until), segment), FETCH, row -> ids.add(row.getString(0)));
        }
        return ids;
    }

    /** The profiles and consents of these customers, by id. */
    public Map<String, Person> people(List<String> ids) {
        Map<String, Person> people = new HashMap<>(ids.size() * 2);
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.stream(PEOPLE, Tuple.of(ids.toArray(String[]::new)), FETCH, row -> people.put(row.getString("id"), person(row)));
        }
        return people;
    }

    /** These customers' purchase lines in [from, until), customer by customer, newest first. */
    public void lines(List<String> ids, Instant from, Instant until, LineConsumer consumer) {
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.stream(LINES, Tuple.of(ids.toArray(String[]::new), utc(from), utc(until)), FETCH,
                    row -> consumer.accept(row.getString(0), row.getString(1), row.getOffsetDateTime(2).toInstant(),
                            row.getInteger(3), row.getDouble(4)));
        }
    }

    private static Person person(Row row) {
        String[] segments = row.getArrayOfStrings("segments");
        CustomerProfile profile = new CustomerProfile(row.getString("id"), row.getString("first_name"), row.getString("last_name"),
                row.getString("gender"), row.getLocalDate("birth_date"), row.getString("region"), row.getString("postal_code"),
                segments == null ? List.of() : Arrays.asList(segments), row.getString("loyalty_tier"),
                row.getInteger("loyalty_points"), row.getString("home_store"));
        Map<String, Boolean> answers = new HashMap<>();
        String[] consents = row.getArrayOfStrings("consents");
        if (consents != null) {
            for (String consent : consents) {
                int equals = consent.lastIndexOf('=');
                answers.put(consent.substring(0, equals), Boolean.parseBoolean(consent.substring(equals + 1)));
            }
        }
        return new Person(profile, answers.isEmpty() ? Consents.NONE : new Consents(answers));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }
}
