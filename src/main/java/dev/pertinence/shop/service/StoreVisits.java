package dev.pertinence.shop.service;

import dev.pertinence.common.Channel;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.decision.RankedOffer;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decide.DecisionQuery;
import dev.pertinence.decide.service.DecisionService;
import dev.pertinence.identity.service.CustomerResolver;
import dev.pertinence.offer.catalog.OfferCatalog;
import dev.pertinence.shop.Geofence;
import dev.pertinence.shop.store.Coupons;
import dev.pertinence.budget.service.BudgetSpendings;
import dev.pertinence.shop.store.StoreDirectory;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A customer's phone says where they are. Inside a store's geofence: a decision among the offers
 * for channel {@code store} (placement {@code store-entry}, the store in the context, so a rule can
 * pick stores), and one unique coupon per offer. One visit per store and person per
 * {@code pertinence.store.visit-window}: entering again meanwhile gives back the same coupons. The
 * check and the issue run under a per-person-and-store lock, so two quick entries cannot both issue.
 * A coupon ends with its offer's validUntil, or {@code pertinence.store.coupon-lifetime} after its
 * issue when sooner; {@link Redemptions} redeems it.
 */
@ApplicationScoped
public class StoreVisits {

    static final String PLACEMENT = "store-entry";

    private final CustomerResolver resolver;
    private final StoreDirectory stores;
    private final Coupons coupons;
    private final DecisionService decisions;
    private final OfferCatalog catalog;
    private final Pool pool;
    private final Duration visitWindow;
    private final Duration couponLifetime;
    private final Clock clock;
    private final BudgetSpendings budgets;

    public StoreVisits(CustomerResolver resolver, StoreDirectory stores, Coupons coupons, DecisionService decisions,
                       OfferCatalog catalog, Pool pool, PertinenceConfig config, Clock clock, BudgetSpendings budgets) {
        this.budgets = budgets;
        this.resolver = resolver;
        this.stores = stores;
        this.coupons = coupons;
        this.decisions = decisions;
        this.catalog = catalog;
        this.pool = pool;
        this.visitWindow = config.store().visitWindow();
        this.couponLifetime = config.store().couponLifetime();
        this.clock = clock;
    }

    /**
     * @param dryRun what a visit would bring now ({@link DecisionService#rehearse}): no coupon issued, no visit recorded,
     *               nothing reserved or counted; a running visit is named in the notes, not changed
     */
    public Uni<Visit> visit(String customer, double latitude, double longitude, boolean dryRun) {
        return resolver.require(customer, "customerId").chain(customerId -> stores.near(latitude, longitude)
                .chain(fences -> {
                    Geofence.Nearest nearest = Geofence.locate(fences, latitude, longitude);
                    if (nearest == null || !nearest.inside()) {
                        String where = nearest == null ? "no store within 50 km"
                                : "the nearest, " + nearest.fence().name() + ", is " + Math.round(nearest.distanceM()) + " m away";
                        return Uni.createFrom().item(new Visit(customerId, null, null, List.of(),
                                List.of("Not inside any store's geofence (" + where + "): no in-store offers"), dryRun));
                    }
                    if (dryRun) {
                        return rehearsed(customerId, nearest, latitude, longitude);
                    }
                    return pool.withTransaction(connection -> inStore(connection, customerId, nearest, latitude, longitude))
                            .call(this::spendBudgets);
                }));
    }

    private Uni<Visit> inStore(SqlConnection connection, String customerId, Geofence.Nearest store, double latitude,
                               double longitude) {
        String storeId = store.fence().storeId();
        Instant now = clock.instant();
        return connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(customerId + "|" + storeId))
                .chain(() -> coupons.since(connection, customerId, storeId, now.minus(visitWindow)))
                .chain(current -> {
                    if (!current.isEmpty()) {
                        return Uni.createFrom().item(new Visit(customerId, store, current.get(0).decisionId(),
                                current.stream().map(this::offer).toList(),
                                List.of("Same visit as " + current.get(0).issuedAt() + ": the coupons given then, no new ones"), false,
                                true));
                    }
                    return decisions.decide(query(customerId, store.fence(), now, latitude, longitude))
                            .chain(result -> {
                                Uni<List<Visit.Offer>> issued = Uni.createFrom().item(new ArrayList<>());
                                for (RankedOffer ranked : result.decision().offers()) {
                                    issued = issued.chain(offers -> coupons.issue(connection, customerId, storeId, ranked.offer().id(),
                                                    result.id(), ranked.rank(), now, expiry(ranked, now), ranked.message())
                                            .map(coupon -> {
                                                offers.add(new Visit.Offer(coupon, ranked.offer().title(), ranked.message()));
                                                return offers;
                                            }));
                                }
                                return issued.map(offers -> new Visit(customerId, store, result.id(), List.copyOf(offers),
                                        result.notes(), false));
                            });
                });
    }

    /** A dry run: the offers a first visit would bring now, without coupons; the visit running, if any, is named and left as it is. */
    private Uni<Visit> rehearsed(String customerId, Geofence.Nearest store, double latitude, double longitude) {
        String storeId = store.fence().storeId();
        Instant now = clock.instant();
        Uni<List<Coupons.Coupon>> running = pool.withConnection(
                connection -> coupons.since(connection, customerId, storeId, now.minus(visitWindow)));
        return Uni.combine().all().unis(running, decisions.rehearse(query(customerId, store.fence(), now, latitude, longitude))).asTuple()
                .map(both -> {
                    List<String> notes = new ArrayList<>();
                    if (!both.getItem1().isEmpty()) {
                        notes.add("Dry run during the visit of " + both.getItem1().get(0).issuedAt()
                                + ": a real visit now would give back that visit's coupons, not these offers");
                    }
                    notes.addAll(both.getItem2().notes());
                    List<Visit.Offer> offers = both.getItem2().decision().offers().stream()
                            .map(ranked -> new Visit.Offer(null, ranked.offer().title(), ranked.message(), ranked.offer().id(),
                                    ranked.rank()))
                            .toList();
                    return new Visit(customerId, store, both.getItem2().id(), offers, List.copyOf(notes), true);
                });
    }

    /**
     * Each coupon issued by the visit spends its offer's budget, once. A repeat spends nothing: its coupons spent
     * theirs when issued (the budget's memory of confirmed decisions is gone after a Redis loss, or may be shorter
     * than the visit window, and would not stop a second count).
     */
    private Uni<Void> spendBudgets(Visit visit) {
        if (visit.repeat() || visit.offers().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return Uni.join().all(visit.offers().stream()
                        .map(offer -> budgets.couponIssued(offer.coupon().offerId(), offer.coupon().decisionId())).toList())
                .andCollectFailures().replaceWithVoid();
    }

    /** The store in the context by its id (for rules) and its name (for messages: {@code {store.name}}). */
    private static DecisionQuery query(String customerId, Geofence.Fence store, Instant now, double latitude, double longitude) {
        SessionContext context = new SessionContext(Channel.STORE.wire(), PLACEMENT, ZonedDateTime.ofInstant(now, ZoneOffset.UTC),
                List.of(), null, Map.of(), latitude, longitude, store.storeId(), null, store.name());
        return DecisionQuery.forCustomer(customerId, context, 3);
    }

    /** A coupon ends with its offer, or {@code pertinence.store.coupon-lifetime} after its issue when sooner. */
    private Instant expiry(RankedOffer ranked, Instant now) {
        Instant lifetime = now.plus(couponLifetime);
        Instant until = ranked.offer().validUntil();
        return until != null && until.isBefore(lifetime) ? until : lifetime;
    }

    /** The coupon as given on entering: its message as shown then (coupons older than V14 kept none: the neutral one). */
    private Visit.Offer offer(Coupons.Coupon coupon) {
        var offer = catalog.index().offer(coupon.offerId());
        String message = coupon.message() != null ? coupon.message()
                : offer == null ? null : offer.template().render(dev.pertinence.decision.MessageFields.neutral());
        return new Visit.Offer(coupon, offer == null ? null : offer.title(), message);
    }
}
