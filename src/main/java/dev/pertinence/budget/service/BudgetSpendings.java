package dev.pertinence.budget.service;

import dev.pertinence.budget.store.BudgetStore;
import dev.pertinence.common.ThrottledLog;
import dev.pertinence.common.TimeOrderedId;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.redis.RedisGeneration;
import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.OfferBudget;
import dev.pertinence.offer.catalog.OfferCatalog;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * What spends a budget, and what is left: an impression or an accept outcome (applied with the
 * outcome's other counters, so the sweep retries a failure), a coupon issued at a store visit; the
 * spending of a window as Redis holds it, or as PostgreSQL counts it (the record: outcomes and
 * coupons) when Redis cannot say.
 */
@ApplicationScoped
public class BudgetSpendings {

    private static final Logger LOG = Logger.getLogger(BudgetSpendings.class);
    private final ThrottledLog failures = new ThrottledLog(LOG, Duration.ofSeconds(10));

    /** Outcomes that spend a window: by the time of their decision (the window its reservation was made in). */
    private static final String OUTCOMES = """
            SELECT count(*), coalesce(array_agg(o.decision_id::text) FILTER (WHERE NOT o.applied), '{}')
            FROM outcome o JOIN decision d ON d.id = o.decision_id
            WHERE o.offer_id = $1 AND o.type = $2 AND d.decided_at >= $3 AND d.decided_at < $4""";
    private static final String COUPONS = """
            SELECT count(*), '{}'::text[] FROM coupon WHERE offer_id = $1 AND issued_at >= $2 AND issued_at < $3""";

    private final BudgetStore store;
    private final OfferCatalog catalog;
    private final RedisGeneration generation;
    private final Pool pool;
    private final Clock clock;
    private final Duration hold;
    private final Duration memory;
    private final long burst;

    public BudgetSpendings(BudgetStore store, OfferCatalog catalog, RedisGeneration generation, Pool pool, Clock clock,
                           PertinenceConfig config) {
        this.store = store;
        this.catalog = catalog;
        this.generation = generation;
        this.pool = pool;
        this.clock = clock;
        this.hold = config.budget().reservationHold();
        this.memory = config.budget().confirmationMemory();
        this.burst = config.budget().pacingBurst();
    }

    /** A window's figures: the count, spent, held, left and what even pacing allows now (the count when asap). */
    public record Status(long count, long spent, long reserved, long left, long pacedAllowanceNow, Instant windowStart,
                         Instant windowEnd) {
    }

    /**
     * Spends one unit of the offer's budget for the decision when the offer's budget counts
     * {@code spent}; nothing (no Redis call) otherwise. Once per decision, in the window of the
     * decision's time. Fails when Redis does (an outcome's caller leaves it to the sweep).
     */
    public Uni<Void> confirm(String offerId, OfferBudget.Spend spent, UUID decisionId) {
        CandidateOffer offer = catalog.index().offer(offerId);
        if (offer == null || offer.budget() == null || offer.budget().of() != spent) {
            return Uni.createFrom().voidItem();
        }
        Instant now = clock.instant();
        OfferBudget.Window window = offer.budget().window(TimeOrderedId.timeOf(decisionId).orElse(now));
        if (window == null) {
            return Uni.createFrom().voidItem();
        }
        return store.confirm(offerId, spent, window, decisionId.toString(), now, memory).replaceWithVoid();
    }

    /** The same for a coupon just issued: a failure is logged (the reservation then lapses; a rebuild counts the coupon). */
    public Uni<Void> couponIssued(String offerId, UUID decisionId) {
        return confirm(offerId, OfferBudget.Spend.COUPONS, decisionId)
                .onFailure().invoke(failure -> failures.warn("Coupon not counted against its offer's budget", failure))
                .onFailure().recoverWithNull();
    }

    /** The current window of {@code budget}: from Redis, or counted in PostgreSQL (nothing held) when Redis cannot say. */
    public Uni<Status> status(String offerId, OfferBudget budget) {
        Instant now = clock.instant();
        OfferBudget.Window window = budget.window(now);
        if (window == null) {
            return Uni.createFrom().item(new Status(budget.count(), 0, 0, 0, 0, null, null));
        }
        long allowance = budget.allowance(now, burst);
        Uni<BudgetStore.Spending> spending = generation.rebuilding() ? counted(offerId, budget.of(), window)
                : store.readNow(offerId, budget.of(), window.start(), now.minus(hold))
                        .onFailure().recoverWithUni(failure -> counted(offerId, budget.of(), window));
        return spending.map(found -> new Status(budget.count(), found.spent(), found.held(),
                Math.max(0, budget.count() - found.spent() - found.held()), allowance, window.start(), window.end()));
    }

    private Uni<BudgetStore.Spending> counted(String offerId, OfferBudget.Spend of, OfferBudget.Window window) {
        return count(offerId, of, window).map(row -> new BudgetStore.Spending(row.getLong(0), 0));
    }

    /** PostgreSQL's count of what spent the window, with the decisions whose outcome is not applied to Redis yet. */
    Uni<Row> count(String offerId, OfferBudget.Spend of, OfferBudget.Window window) {
        Tuple arguments = switch (of) {
            case IMPRESSIONS -> Tuple.of(offerId, "impression", window.start().atOffset(ZoneOffset.UTC),
                    window.end().atOffset(ZoneOffset.UTC));
            case ACCEPTS -> Tuple.of(offerId, "accept", window.start().atOffset(ZoneOffset.UTC), window.end().atOffset(ZoneOffset.UTC));
            case COUPONS -> Tuple.of(offerId, window.start().atOffset(ZoneOffset.UTC), window.end().atOffset(ZoneOffset.UTC));
        };
        return pool.preparedQuery(of == OfferBudget.Spend.COUPONS ? COUPONS : OUTCOMES).execute(arguments)
                .map(rows -> rows.iterator().next());
    }

    /** After Redis lost its data: every active budget's current window counted again from PostgreSQL; returns how many. */
    long rebuild(Duration budget) {
        Instant now = clock.instant();
        long restored = 0;
        for (CandidateOffer offer : catalog.index().budgeted()) {
            OfferBudget.Window window = offer.budget().window(now);
            if (window == null) {
                continue;
            }
            Row row = count(offer.id(), offer.budget().of(), window).await().atMost(budget);
            List<String> pending = List.of(row.getArrayOfStrings(1));
            store.restore(offer.id(), offer.budget().of(), window, row.getLong(0), pending, now, memory).await().atMost(budget);
            restored++;
        }
        return restored;
    }
}
