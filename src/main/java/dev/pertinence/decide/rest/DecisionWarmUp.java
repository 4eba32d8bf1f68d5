package dev.pertinence.decide.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.copurchase.store.ActiveModel;
import dev.pertinence.decide.service.DecisionService;
import dev.pertinence.identity.CustomerReference;
import dev.pertinence.offer.catalog.OfferCatalog;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Warms the decision path before the replica reports ready. A fresh JVM under 200-250
 * decisions/s flagged 571 of its first 2,000 decisions degraded with both stores healthy: their
 * budgets ran out while the JIT compiled. So, once started, the replica rehearses decisions the
 * way a request makes them (JSON in, the resource's mapping, {@link DecisionService#rehearse}: the
 * same reads of PostgreSQL and Redis and the same core, JSON out) over every channel and placement
 * of the catalogue, for a customer no request can name and for anonymous visitors, with and
 * without a cart of popular products. A rehearsal records nothing, reserves nothing under the caps
 * and counts in no metric. Readiness ({@link DecisionWarmUpReadiness}) stays down until it is done,
 * or until {@code pertinence.warm-up.timeout}: a broken store must not keep the replica unready,
 * and degraded decisions say what they went without.
 */
@ApplicationScoped
public class DecisionWarmUp {

    /** Not an id the API accepts ({@code ApiPatterns.ID}): no real person is read or touched. */
    static final String REHEARSAL_CUSTOMER = "~warm-up";
    private static final Logger LOG = Logger.getLogger(DecisionWarmUp.class);

    /** What a warm-up did: rehearsals made, those degraded or failed, offers proposed, and whether it ran out of time. */
    public record Summary(int rehearsed, int degraded, int failed, long offers, long millis, boolean timedOut) {
    }

    private record Plan(List<String[]> placements, List<String> cart) {
    }

    private final DecisionService decisions;
    private final OfferCatalog catalog;
    private final ActiveModel model;
    private final ObjectMapper json;
    private final Vertx vertx;
    private final PertinenceConfig.WarmUp config;
    private volatile boolean running = true; // unready from the start until the first warm-up ends
    private volatile Summary last;

    public DecisionWarmUp(DecisionService decisions, OfferCatalog catalog, ActiveModel model, ObjectMapper json, Vertx vertx,
                          PertinenceConfig config) {
        this.decisions = decisions;
        this.catalog = catalog;
        this.model = model;
        this.json = json;
        this.vertx = vertx;
        this.config = config.warmUp();
    }

    /** After the other start-up work (the catalogue and the model loaded), on the event loop, not blocking the start. */
    void onStart(@Observes @Priority(5_000) StartupEvent event) {
        vertx.setTimer(1, id -> run(config.decisions(), config.timeout()).subscribe().with(summary -> { }));
    }

    /** True while a warm-up runs (and before the first one ended): the replica is not ready. */
    public boolean running() {
        return running;
    }

    /** The last warm-up's summary, null before the first ended. */
    public Summary last() {
        return last;
    }

    /** Rehearses {@code count} decisions, at most {@code timeout} long; never fails. */
    public Uni<Summary> run(int count, Duration timeout) {
        running = true;
        long started = System.nanoTime();
        Tally tally = new Tally();
        // the model pointer is read at start-up without waiting: read it now, so rehearsals read neighbours as decisions will
        return model.refresh().onFailure().recoverWithNull()
                .onItem().transformToMulti(current -> rehearsals(count, plan(), tally))
                .collect().last()
                .map(done -> false)
                .ifNoItem().after(timeout).recoverWithItem(true)
                .map(timedOut -> {
                    Summary summary = new Summary(tally.rehearsed.get(), tally.degraded.get(), tally.failed.get(),
                            tally.offers.get(), (System.nanoTime() - started) / 1_000_000, timedOut);
                    last = summary;
                    running = false;
                    LOG.infof("Decision path warmed up: %d decisions rehearsed in %d ms (%d degraded, %d failed)%s",
                            summary.rehearsed(), summary.millis(), summary.degraded(), summary.failed(),
                            timedOut ? ", stopped at the time limit: ready anyway" : "");
                    return summary;
                });
    }

    private static final class Tally {
        final AtomicInteger rehearsed = new AtomicInteger();
        final AtomicInteger degraded = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicInteger offers = new AtomicInteger();
    }

    /** {@code count} rehearsals, {@code pertinence.warm-up.concurrency} at a time; a failed one is counted and skipped. */
    private Multi<DecisionResponse> rehearsals(int count, Plan plan, Tally tally) {
        return Multi.createFrom().range(0, count)
                .onItem().transformToUni(i -> rehearse(i, plan)
                        .invoke(response -> {
                            tally.rehearsed.incrementAndGet();
                            tally.offers.addAndGet(response.offers().size());
                            if (response.degraded() != null) {
                                tally.degraded.incrementAndGet();
                            }
                        })
                        .onFailure().invoke(failure -> {
                            if (tally.failed.getAndIncrement() == 0) {
                                LOG.warn("A warm-up decision failed (the others go on)", failure);
                            }
                        })
                        .onFailure().recoverWithNull())
                .merge(Math.max(1, config.concurrency()));
    }

    /** Every channel and placement the catalogue serves (web home when it is empty), and up to three popular products. */
    private Plan plan() {
        List<String[]> placements = new ArrayList<>();
        catalog.index().placementsByChannel().forEach((channel, named) -> named.forEach(placement ->
                placements.add(new String[] {channel, placement.equals("*") ? "warm-up" : placement})));
        if (placements.isEmpty()) {
            placements.add(new String[] {"web", "home"});
        }
        List<String> cart = model.current().popularity().bySku().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed()).limit(3).map(Map.Entry::getKey).toList();
        return new Plan(placements, cart);
    }

    /** One decision as a request makes it: JSON in, the resource's mapping, the service, JSON out. */
    private Uni<DecisionResponse> rehearse(int i, Plan plan) {
        String[] where = plan.placements().get(i % plan.placements().size());
        boolean named = i % 2 == 0;
        String cart = i % 4 < 2 || plan.cart().isEmpty() ? "" : ", \"context\": {\"cart\": " + quoted(plan.cart()) + "}";
        DecisionRequest request;
        try {
            request = json.readValue("{\"channel\": \"" + where[0] + "\", \"placement\": \"" + where[1] + "\", \"explain\": "
                    + (i % 3 == 0) + cart + "}", DecisionRequest.class);
        } catch (JsonProcessingException e) {
            return Uni.createFrom().failure(e);
        }
        CustomerReference customer = named ? new CustomerReference(null, REHEARSAL_CUSTOMER) : null;
        return decisions.rehearse(DecisionResource.toQuery(request, customer))
                .map(result -> DecisionResource.toResponse(result, request))
                .invoke(response -> {
                    try {
                        json.writeValueAsBytes(response);
                    } catch (JsonProcessingException e) {
                        throw new IllegalStateException(e);
                    }
                });
    }

    private String quoted(List<String> skus) {
        try {
            return json.writeValueAsString(skus);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
