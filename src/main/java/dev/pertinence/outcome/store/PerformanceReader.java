package dev.pertinence.outcome.store;

import dev.pertinence.offer.OfferCost;
import dev.pertinence.decision.OfferBudget;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Outcome counts of one offer, from PostgreSQL (the record), per channel shown on, segment, type
 * and UTC day, with the offer's current cost.
 */
@ApplicationScoped
public class PerformanceReader {

    private static final String COUNTS = """
            SELECT shown_on, segment, type, (occurred_at AT TIME ZONE 'UTC')::date AS day, count(*) AS n,
                   coalesce(sum(value), 0) AS value, count(*) FILTER (WHERE redemption) AS redemptions
            FROM outcome WHERE offer_id = $1 AND occurred_at >= $2 AND occurred_at < $3
            GROUP BY shown_on, segment, type, day""";
    private static final String OFFER = "SELECT cost_per_impression, cost_per_accept, cost_per_redemption FROM offer WHERE id = $1";
    private static final String OFFER_EXISTS = """
            SELECT budget_count, budget_of, budget_until, budget_period_seconds, budget_pacing, budget_start FROM offer WHERE id = $1""";

    private final Pool pool;

    public PerformanceReader(Pool pool) {
        this.pool = pool;
    }

    /** @param redemptions of {@code count}, the conversions recorded by coupons redeemed at a till */
    public record Count(String channel, String segment, String type, LocalDate day, long count, BigDecimal value,
                        long redemptions) {
    }

    /** An offer's counts, and what it costs now. */
    public record Counts(OfferCost cost, List<Count> counts) {
    }

    /** The offer's budget as stored (active or paused), or null; empty when no such offer exists. */
    public Uni<Optional<Optional<OfferBudget>>> budget(String offerId) {
        return pool.preparedQuery(OFFER_EXISTS).execute(Tuple.of(offerId)).map(rows -> {
            if (rows.size() == 0) {
                return Optional.empty();
            }
            Row row = rows.iterator().next();
            Long count = row.getLong("budget_count");
            if (count == null) {
                return Optional.of(Optional.empty());
            }
            Long period = row.getLong("budget_period_seconds");
            return Optional.of(Optional.of(new OfferBudget(count, OfferBudget.Spend.of(row.getString("budget_of")),
                    row.getOffsetDateTime("budget_start").toInstant(),
                    row.getOffsetDateTime("budget_until") == null ? null : row.getOffsetDateTime("budget_until").toInstant(),
                    period == null ? null : java.time.Duration.ofSeconds(period), OfferBudget.Pacing.of(row.getString("budget_pacing")))));
        });
    }

    /** Empty when no such offer exists. */
    public Uni<Optional<Counts>> counts(String offerId, Instant from, Instant to) {
        return pool.preparedQuery(OFFER).execute(Tuple.of(offerId)).chain(offer -> {
            if (offer.size() == 0) {
                return Uni.createFrom().item(Optional.empty());
            }
            Row costs = offer.iterator().next();
            OfferCost cost = new OfferCost(costs.getBigDecimal("cost_per_impression"), costs.getBigDecimal("cost_per_accept"),
                    costs.getBigDecimal("cost_per_redemption"));
            return pool.preparedQuery(COUNTS)
                    .execute(Tuple.of(offerId, from.atOffset(ZoneOffset.UTC), to.atOffset(ZoneOffset.UTC)))
                    .map(rows -> {
                        List<Count> counts = new ArrayList<>();
                        for (Row row : rows) {
                            counts.add(new Count(row.getString("shown_on"), row.getString("segment"), row.getString("type"),
                                    row.getLocalDate("day"), row.getLong("n"), row.getBigDecimal("value"),
                                    row.getLong("redemptions")));
                        }
                        return Optional.of(new Counts(cost, counts));
                    });
        });
    }
}
