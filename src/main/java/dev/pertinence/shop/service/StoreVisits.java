package dev.pertinence.shop.service;

import dev.pertinence.common.Channel;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.decision.RankedOffer;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decide.DecisionQuery;
import dev.pertinence.decide.service.DecisionService;
import dev.pertinence.identity.service.CustomerResolver;
import dev.pertinence.offer.catalog.OfferCatalog;
import dev.pertinence.shop.Geofence;
import dev.pertinence.shop.store.Coupons;
import dev.pertinence.shop.store.StoreDirectory;
import dev.pertinence.shop.rest.Redemption;
import dev.pertinence.shop.rest.StoreVisit;
import dev.pertinence.shop.rest.StoreVisitRequest;
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
    private final Clock clock;

    public StoreVisits(CustomerResolver resolver, StoreDirectory stores, Coupons coupons, DecisionService decisions,
                       OfferCatalog catalog, Pool pool, PertinenceConfig config, Clock clock) {
        this.resolver = resolver;
        this.stores = stores;
        this.coupons = coupons;
        this.decisions = decisions;
        this.catalog = catalog;
        this.pool = pool;
        this.visitWindow = config.store().visitWindow();
        this.clock = clock;
    }

    public Uni<StoreVisit> visit(StoreVisitRequest request) {
        double latitude = request.latitude();
        double longitude = request.longitude();
        return resolver.require(request.customerId(), "customerId").chain(customerId -> stores.near(latitude, longitude)
                .chain(fences -> {
                    Geofence.Nearest nearest = Geofence.locate(fences, latitude, longitude);
                    if (nearest == null || !nearest.inside()) {
                        String where = nearest == null ? "no store within 50 km"
                                : "the nearest, " + nearest.fence().name() + ", is " + Math.round(nearest.distanceM()) + " m away";
                        return Uni.createFrom().item(new StoreVisit(customerId, null, null, List.of(),
                                List.of("Not inside any store's geofence (" + where + "): no in-store offers")));
                    }
                    StoreVisit.Store store = new StoreVisit.Store(nearest.fence().storeId(), nearest.fence().name(),
                            Math.round(nearest.distanceM()));
                    return pool.withTransaction(connection -> inStore(connection, customerId, store, latitude, longitude));
                }));
    }

    private Uni<StoreVisit> inStore(SqlConnection connection, String customerId, StoreVisit.Store store, double latitude,
                                    double longitude) {
        Instant now = clock.instant();
        return connection.preparedQuery("SELECT pg_advisory_xact_lock(hashtext($1))").execute(Tuple.of(customerId + "|" + store.id()))
                .chain(() -> coupons.since(connection, customerId, store.id(), now.minus(visitWindow)))
                .chain(current -> {
                    if (!current.isEmpty()) {
                        return Uni.createFrom().item(new StoreVisit(customerId, store, current.get(0).decisionId(),
                                current.stream().map(this::offer).toList(),
                                List.of("Same visit as " + current.get(0).issuedAt() + ": the coupons given then, no new ones")));
                    }
                    SessionContext context = new SessionContext(Channel.STORE.wire(), PLACEMENT,
                            ZonedDateTime.ofInstant(now, ZoneOffset.UTC), List.of(), null, Map.of(), latitude, longitude, store.id(), null);
                    return decisions.decide(DecisionQuery.forCustomer(customerId, context, 3))
                            .chain(result -> {
                                Uni<List<StoreVisit.Offer>> issued = Uni.createFrom().item(new ArrayList<>());
                                for (RankedOffer ranked : result.decision().offers()) {
                                    issued = issued.chain(offers -> coupons.issue(connection, customerId, store.id(), ranked.offer().id(),
                                                    result.id(), ranked.rank(), now)
                                            .map(coupon -> {
                                                offers.add(new StoreVisit.Offer(ranked.offer().id(), ranked.rank(), ranked.offer().title(),
                                                        ranked.message(), coupon.code()));
                                                return offers;
                                            }));
                                }
                                return issued.map(offers -> new StoreVisit(customerId, store, result.id(), List.copyOf(offers),
                                        result.notes()));
                            });
                });
    }

    private StoreVisit.Offer offer(Coupons.Coupon coupon) {
        var offer = catalog.index().offer(coupon.offerId());
        return new StoreVisit.Offer(coupon.offerId(), coupon.rank(), offer == null ? null : offer.title(),
                offer == null ? null : offer.template().render(dev.pertinence.decision.MessageFields.neutral()), coupon.code());
    }

    /** A coupon used at a till: once. A second redemption is a 409 saying when the first was. */
    public Uni<Redemption> redeem(String code) {
        String normalised = code == null ? "" : code.trim().toUpperCase(java.util.Locale.ROOT);
        return coupons.redeem(normalised, clock.instant()).map(redemption -> {
            if (redemption == null) {
                throw ClientProblem.notFound("code", "coupon", normalised);
            }
            Coupons.Coupon coupon = redemption.coupon();
            if (!redemption.now()) {
                throw ClientProblem.conflict("code", "coupon " + normalised + " was already redeemed at " + coupon.redeemedAt());
            }
            return new Redemption(coupon.code(), coupon.offerId(), coupon.storeId(), coupon.customerId(), coupon.redeemedAt());
        });
    }
}
