package dev.pertinence.agentcard.service;

import dev.pertinence.common.Channel;
import dev.pertinence.consent.service.ConsentService;
import dev.pertinence.customer.Customer;
import dev.pertinence.customer.CustomerProfile;
import dev.pertinence.customer.service.CustomerService;
import dev.pertinence.customer.store.LifeEventStore;
import dev.pertinence.decision.LifeEvent;
import dev.pertinence.decision.RankedOffer;
import dev.pertinence.decision.Segments;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decide.DecisionQuery;
import dev.pertinence.decide.DecisionResult;
import dev.pertinence.decide.service.RecentAnswers;
import dev.pertinence.identity.service.CustomerResolver;
import dev.pertinence.product.store.ProductDirectory;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The call-centre card: the profile, recent purchases, coming life events, consents and a
 * decision for the call, gathered concurrently so the agent waits for one round trip.
 */
@ApplicationScoped
public class AgentCards {

    static final String PLACEMENT = "agent-card";
    static final int PURCHASES = 5;
    static final int MOMENTS_AHEAD_DAYS = 60;
    private static final String LAST_PURCHASES = """
            SELECT sku, purchased_at, quantity, amount FROM purchase WHERE customer_id = $1
            ORDER BY purchased_at DESC LIMIT""" + " " + PURCHASES;

    private final CustomerResolver resolver;
    private final CustomerService customers;
    private final LifeEventStore lifeEvents;
    private final ConsentService consents;
    private final RecentAnswers decisions;
    private final ProductDirectory products;
    private final Pool pool;
    private final Clock clock;

    public AgentCards(CustomerResolver resolver, CustomerService customers, LifeEventStore lifeEvents, ConsentService consents,
                      RecentAnswers decisions, ProductDirectory products, Pool pool, Clock clock) {
        this.resolver = resolver;
        this.customers = customers;
        this.lifeEvents = lifeEvents;
        this.consents = consents;
        this.decisions = decisions;
        this.products = products;
        this.pool = pool;
        this.clock = clock;
    }

    /** @param dryRun rehearse the card's decision: the same offers, nothing reserved, recorded or counted */
    public Uni<Card> card(String customer, int offers, boolean dryRun) {
        return resolver.require(customer, "id").chain(customerId -> {
            ZonedDateTime now = ZonedDateTime.now(clock.withZone(ZoneOffset.UTC));
            DecisionQuery query = DecisionQuery.forCustomer(customerId,
                    SessionContext.at(Channel.CALL_CENTRE.wire(), PLACEMENT, now), offers);
            // a refresh of the screen within the refresh window gets the same decision, nothing reserved again; a dry run
            // neither reads nor keeps one
            Uni<DecisionResult> decision = dryRun ? decisions.rehearse(query) : decisions.decide(query, customerId, "agent-card|" + offers);
            return Uni.combine().all().unis(customers.get(customerId), lastPurchases(customerId),
                            lifeEvents.list(customerId), consents(customerId), decision).asTuple()
                    .map(all -> card(all.getItem1(), all.getItem2(), moments(all.getItem3(), now.toLocalDate()), all.getItem4(),
                            all.getItem5(), dryRun));
        });
    }

    /** The consents the agent must respect, as the consent feature sums them up. */
    private Uni<Card.Consents> consents(String customerId) {
        return consents.read(customerId).map(read -> new Card.Consents(read.effective().profiling(), read.effective().offers()));
    }

    private static Card card(Customer customer, List<Card.Purchase> purchases, List<Card.Moment> moments, Card.Consents consents,
                             DecisionResult decision, boolean dryRun) {
        CustomerProfile profile = customer.profile();
        String name = String.join(" ", java.util.stream.Stream.of(profile.firstName(), profile.lastName())
                .filter(part -> part != null && !part.isBlank()).toList());
        List<Card.Offer> offers = decision.decision().offers().stream().map(AgentCards::offer).toList();
        return new Card(customer.id(), name.isEmpty() ? null : name,
                profile.segments().isEmpty() ? Segments.ANONYMOUS : profile.segments().get(0), profile.segments(),
                profile.loyaltyTier() == null && profile.loyaltyPoints() == null ? null
                        : new Card.Loyalty(profile.loyaltyTier(), profile.loyaltyPoints()),
                profile.homeStore(), purchases, moments, consents, decision.id(), offers, decision.notes(),
                decision.degraded().isEmpty() ? null : decision.degraded(), dryRun);
    }

    /**
     * What the agent says, in words for a person on the phone: the offer's own talking points (written by
     * marketing; its message when it has none), then the strongest reason it fits, in plain words. The technical
     * reasons (figures, lifts, rules, business value) stay in {@code reasons}, for the curious agent.
     */
    static Card.Offer offer(RankedOffer ranked) {
        List<String> points = new ArrayList<>(ranked.offer().talkingPoints().isEmpty() ? List.of(ranked.message())
                : ranked.offer().talkingPoints());
        if (ranked.plainReason() != null) {
            points.add(ranked.plainReason());
        }
        return new Card.Offer(ranked.offer().id(), ranked.rank(), ranked.offer().title(), ranked.score(), List.copyOf(points),
                ranked.message(), ranked.reasons());
    }

    private Uni<List<Card.Purchase>> lastPurchases(String customerId) {
        return pool.preparedQuery(LAST_PURCHASES).execute(Tuple.of(customerId)).map(rows -> {
            List<Card.Purchase> purchases = new ArrayList<>();
            for (Row row : rows) {
                String sku = row.getString("sku");
                SessionContext.ProductInfo product = products.get(sku);
                purchases.add(new Card.Purchase(sku, product == null ? null : product.name(),
                        product == null ? null : product.category(), row.getOffsetDateTime("purchased_at").toInstant(),
                        row.getInteger("quantity"), row.getBigDecimal("amount")));
            }
            return purchases;
        });
    }

    static List<Card.Moment> moments(List<LifeEventStore.Stored> events, LocalDate today) {
        List<Card.Moment> moments = new ArrayList<>();
        for (LifeEventStore.Stored stored : events) {
            LifeEvent event = new LifeEvent(stored.type(), stored.date(), stored.recurring());
            Long days = event.daysUntil(today, MOMENTS_AHEAD_DAYS, 0);
            if (days != null) {
                moments.add(new Card.Moment(stored.type(), today.plusDays(days), days, event.describe(days)));
            }
        }
        moments.sort(Comparator.comparingLong(Card.Moment::inDays));
        return moments;
    }
}
