package dev.pertinence.common;

import dev.pertinence.common.config.PertinenceConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Back-pressure at the door, one limit per kind of work: at most
 * {@code pertinence.http.max-in-flight} decision requests and
 * {@code pertinence.http.max-in-flight-other} other API requests are served at once; one more is
 * answered 503 problem+json with {@code Retry-After: 1} straight away, so that beyond capacity
 * callers get fast refusals instead of timeouts piling up (a call-centre screen would rather show
 * no offer now than one in ten seconds). Two limits because one let writes stuck on a slow store
 * (outcomes during a frozen Redis) fill every place and shed decisions. Health and metrics are
 * never refused: probes and Prometheus must see an overloaded replica.
 */
@ApplicationScoped
public class InFlightLimit {

    private static final String PROBLEM = "{\"type\":\"about:blank\",\"title\":\"Service unavailable\",\"status\":503,"
            + "\"detail\":\"The service is at capacity: send the request again in a moment\"}";

    /** One kind of work with its own places: {@code pertinence_http_in_flight{work}}, {@code pertinence_http_shed_total{work}}. */
    private static final class Places {
        final AtomicInteger inFlight = new AtomicInteger();
        final int limit;
        final Counter shed;

        Places(String work, int limit, MeterRegistry meters) {
            this.limit = limit;
            this.shed = Counter.builder("pertinence.http.shed").tag("work", work)
                    .description("Requests refused at capacity (503)").register(meters);
            Gauge.builder("pertinence.http.in.flight", inFlight, AtomicInteger::get).tag("work", work)
                    .description("API requests being served now (health and metrics not counted)").register(meters);
        }
    }

    private final Places decisions;
    private final Places other;

    public InFlightLimit(PertinenceConfig config, MeterRegistry meters) {
        this.decisions = new Places("decision", config.http().maxInFlight(), meters);
        this.other = new Places("other", config.http().maxInFlightOther(), meters);
    }

    void install(@Observes Router router) {
        // right after RouteTemplates: a shed request is measured under its route, not its raw path
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            String path = context.normalizedPath();
            if (!ApiPatterns.isApi(path)) {
                context.next();
                return;
            }
            Places places = isDecision(context.request().method(), path) ? decisions : other;
            if (places.inFlight.incrementAndGet() > places.limit) {
                places.inFlight.decrementAndGet();
                places.shed.increment();
                context.response().setStatusCode(503).putHeader("Content-Type", "application/problem+json")
                        .putHeader("Retry-After", "1").end(PROBLEM);
                return;
            }
            context.addEndHandler(ended -> places.inFlight.decrementAndGet());
            context.next();
        });
    }

    /** A decision, a page layout or an agent card: what a caller waits for in real time, read-mostly. */
    static boolean isDecision(HttpMethod method, String path) {
        if (method == HttpMethod.POST) {
            return path.equals("/v1/decisions") || path.equals("/v1/page-layouts");
        }
        return method == HttpMethod.GET && path.startsWith("/v1/customers/") && path.endsWith("/agent-card");
    }
}
