package dev.pertinence.outcome.store;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Outcome counts of one offer, from PostgreSQL (the record), per channel shown on, segment and type. */
@ApplicationScoped
public class PerformanceReader {

    private static final String COUNTS = """
            SELECT shown_on, segment, type, count(*) AS n, coalesce(sum(value), 0) AS value
            FROM outcome WHERE offer_id = $1 AND occurred_at >= $2 AND occurred_at < $3
            GROUP BY shown_on, segment, type""";
    private static final String OFFER_EXISTS = "SELECT 1 FROM offer WHERE id = $1";

    private final Pool pool;

    public PerformanceReader(Pool pool) {
        this.pool = pool;
    }

    public record Count(String channel, String segment, String type, long count, BigDecimal value) {
    }

    /** Empty when no such offer exists. */
    public Uni<Optional<List<Count>>> counts(String offerId, Instant from, Instant to) {
        return pool.preparedQuery(OFFER_EXISTS).execute(Tuple.of(offerId)).chain(offer -> {
            if (offer.size() == 0) {
                return Uni.createFrom().item(Optional.empty());
            }
            return pool.preparedQuery(COUNTS)
                    .execute(Tuple.of(offerId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                    .map(rows -> {
                        List<Count> counts = new ArrayList<>();
                        for (Row row : rows) {
                            counts.add(new Count(row.getString("shown_on"), row.getString("segment"), row.getString("type"),
                                    row.getLong("n"), row.getBigDecimal("value")));
                        }
                        return Optional.of(counts);
                    });
        });
    }
}
