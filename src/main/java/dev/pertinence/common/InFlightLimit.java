package dev.pertinence.common;

import dev.pertinence.common.config.PertinenceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Back-pressure at the door: at most {@code pertinence.http.max-in-flight} API requests are
 * served at once; one more is answered 503 problem+json with {@code Retry-After: 1} straight
 * away, so that beyond capacity callers get fast refusals instead of timeouts piling up (a
 * call-centre screen would rather show no offer now than one in ten seconds). Health and metrics
 * are never refused: probes and Prometheus must see an overloaded replica.
 */
@ApplicationScoped
public class InFlightLimit {

    private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Service unavailable\",\"status\":503,"
            + "\"detail\":\"The service is at capacity: send the request again in a moment\"}";

    private final AtomicInteger inFlight = new AtomicInteger();
    private final int limit;
    private final Counter shed;

    public InFlightLimit(PertinenceConfig config, MeterRegistry meters) {
        this.limit = config.http().maxInFlight();
        this.shed = Counter.builder("pertinence.http.shed").description("Requests refused at capacity (503)").register(meters);
        Gauge.builder("pertinence.http.in.flight", inFlight, AtomicInteger::get)
                .description("API requests being served now (health and metrics not counted)").register(meters);
    }

    void install(@Observes Router router) {
        // right after RouteTemplates: a shed request is measured under its route, not its raw path
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            if (!ApiPatterns.isApi(context.normalizedPath())) {
                context.next();
                return;
            }
            if (inFlight.incrementAndGet() > limit) {
                inFlight.decrementAndGet();
                shed.increment();
                context.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json")
                        .putHeader("Retry-After", "1").end(PROBLEM);
                return;
            }
            context.addEndHandler(ended -> inFlight.decrementAndGet());
            context.next();
        });
    }
}
