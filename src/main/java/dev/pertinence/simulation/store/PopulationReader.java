package dev.pertinence.simulation.store;

import dev.pertinence.common.store.BlockingTransaction;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.function.ToDoubleFunction;

/**
 * What a simulation reads besides each person's inputs (which come through the decision path's
 * own gathering): the population's ids, streamed through a cursor and sampled as they come (never
 * more than the sample held), and how often offers were proposed lately. Read-only. Blocking: from
 * the simulation's worker thread only.
 */
@ApplicationScoped
public class PopulationReader {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final String PEOPLE = "SELECT id FROM customer WHERE $1::text IS NULL OR $1::text = ANY(segments)";
    private static final String PROPOSED = """
            SELECT o ->> 'offerId', count(*) FROM decision d CROSS JOIN LATERAL jsonb_array_elements(d.offers) o
            WHERE d.decided_at >= $1 AND o ->> 'offerId' = ANY($2) GROUP BY 1""";
    private static final int FETCH = 5_000;

    private final Pool pool;

    public PopulationReader(Pool pool) {
        this.pool = pool;
    }

    /** The people decided: at most {@code size} ids, those with the smallest draws; and how many the population held. */
    public record Population(long size, List<String> sample) {
    }

    /** Whether some customer is in this segment. */
    public boolean segmentExists(String segment) {
        Row row = pool.preparedQuery("SELECT EXISTS (SELECT 1 FROM customer WHERE $1::text = ANY(segments))")
                .execute(Tuple.of(segment)).await().atMost(TIMEOUT).iterator().next();
        return row.getBoolean(0);
    }

    /**
     * Every customer (in {@code segment}, when given), keeping the {@code size} whose {@code draw} is
     * smallest (ties by id): the same seed on the same customers keeps the same people, whatever order
     * PostgreSQL streams them in. Returned in draw order.
     */
    public Population sample(String segment, int size, ToDoubleFunction<String> draw) {
        record Drawn(String id, double draw) {
        }
        Comparator<Drawn> order = Comparator.comparingDouble(Drawn::draw).thenComparing(Drawn::id);
        PriorityQueue<Drawn> kept = new PriorityQueue<>(Math.min(size, 1 << 16) + 1, order.reversed());
        long[] seen = {0};
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.stream(PEOPLE, Tuple.of(segment), FETCH, row -> {
                seen[0]++;
                Drawn drawn = new Drawn(row.getString(0), draw.applyAsDouble(row.getString(0)));
                if (kept.size() < size) {
                    kept.add(drawn);
                } else if (order.compare(drawn, kept.peek()) < 0) {
                    kept.poll();
                    kept.add(drawn);
                }
            });
        }
        List<Drawn> sorted = new ArrayList<>(kept);
        sorted.sort(order);
        return new Population(seen[0], sorted.stream().map(Drawn::id).toList());
    }

    /** Decisions recorded since {@code since} that proposed each of these offers, by offer id (absent: none). */
    public Map<String, Long> proposedSince(Collection<String> offerIds, Instant since) {
        Map<String, Long> counts = new HashMap<>();
        if (offerIds.isEmpty()) {
            return counts;
        }
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.execute(PROPOSED, Tuple.of(since.atOffset(ZoneOffset.UTC), offerIds.toArray(String[]::new)))
                    .forEach(row -> counts.put(row.getString(0), row.getLong(1)));
        }
        return counts;
    }
}
