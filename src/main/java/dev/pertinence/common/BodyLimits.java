package dev.pertinence.common;

import dev.pertinence.common.config.PertinenceConfig;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Set;

/**
 * A cap on every JSON body, by kind of request, before it is parsed: quarkus.http.limits.max-body-size
 * (200M) is there for the streamed CSV imports, and a 150 MB body posted to /v1/decisions was read
 * and parsed. A declared Content-Length past the cap is answered 413 before one byte of the body is
 * read; a streamed (chunked) body is counted as it arrives and refused as soon as it passes the
 * cap, never buffered beyond it. The connection is then closed: the rest of the body is not read.
 */
@ApplicationScoped
public class BodyLimits {

    /** Real-time requests: one person, here, now. */
    private static final Set<String> REAL_TIME = Set.of("/v1/decisions", "/v1/page-layouts", "/v1/store-visits");
    private static final String CAP = "pertinence.body-cap";

    private final long decision;
    private final long json;
    private final long bulk;
    private final BodyHandler[] counters;

    public BodyLimits(PertinenceConfig config) {
        this.decision = config.http().maxDecisionBody().asLongValue();
        this.json = config.http().maxJsonBody().asLongValue();
        this.bulk = config.http().maxBulkBody().asLongValue();
        this.counters = new BodyHandler[] {counter(decision), counter(json), counter(bulk)};
    }

    void install(@Observes Router router) {
        // after the in-flight limit and the request id (MIN_VALUE, MIN_VALUE + 1), before anything reads the body
        router.route().order(Integer.MIN_VALUE + 2).handler(this::limit).failureHandler(this::streamedPastTheCap);
    }

    /** The largest body this request may have; -1 when another limit applies (CSV imports, Quarkus' operational paths). */
    long capFor(HttpMethod method, String normalizedPath) {
        String path = ResourceRoutes.trimmed(normalizedPath);
        if (!ApiPatterns.isApi(path) || path.endsWith("/import")) {
            return -1;
        }
        if (method == HttpMethod.PUT && path.equals("/v1/offers")
                || method == HttpMethod.POST && (path.equals("/v1/purchases/batch") || path.equals("/v1/outcomes"))) {
            return bulk;
        }
        return method == HttpMethod.POST && REAL_TIME.contains(path) ? decision : json;
    }

    private void limit(RoutingContext context) {
        HttpServerRequest request = context.request();
        long cap = capFor(request.method(), context.normalizedPath());
        if (cap < 0 || request.isEnded()) {
            context.next();
            return;
        }
        String length = request.getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            if (declared(length) > cap) {
                tooLarge(context, cap);
            } else {
                context.next(); // the body is no longer than declared: read by the resource as usual
            }
            return;
        }
        if (!streamed(request)) {
            context.next(); // no body
            return;
        }
        context.put(CAP, cap);
        if (request.headers().contains(HttpHeaders.EXPECT, HttpHeaders.CONTINUE, true)) {
            context.response().writeContinue();
        }
        counters[cap == decision ? 0 : cap == json ? 1 : 2].handle(context);
    }

    /**
     * The body counter refuses with a failure (413) once past the cap; the answer is ours. Closing
     * the connection then fails the body read once more: nobody is left to answer, and it is no
     * server fault to log.
     */
    private void streamedPastTheCap(RoutingContext context) {
        Long cap = context.get(CAP);
        if (cap == null) {
            context.next();
        } else if (!context.response().ended()) {
            if (context.statusCode() == 413) {
                tooLarge(context, cap);
            } else {
                context.next();
            }
        }
    }

    private static void tooLarge(RoutingContext context, long cap) {
        String problem = "{\"type\":\"about:blank\",\"title\":\"Content too large\",\"status\":413,"
                + "\"detail\":\"The body of this request may have at most " + cap + " bytes (docs/security.md)\"}";
        HttpServerRequest request = context.request();
        context.response().setStatusCode(413).putHeader(HttpHeaders.CONTENT_TYPE, "application/problem+json")
                .putHeader(HttpHeaders.CONNECTION, "close").end(problem)
                .onComplete(written -> {
                    if (request.version() != HttpVersion.HTTP_2) {
                        request.connection().close(); // the rest of the body is never read
                    }
                });
    }

    private static long declared(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE; // HTTP rejects it before us; were it to pass, it is no size we accept
        }
    }

    /**
     * A chunked HTTP/1.1 body. HTTP/2 requests are left to the declared length and the global
     * limit: after an h2c upgrade the request is already read (the counter failed every GET with
     * "Request has already been read").
     */
    private static boolean streamed(HttpServerRequest request) {
        HttpMethod method = request.method();
        return request.version() != HttpVersion.HTTP_2 && request.headers().contains(HttpHeaders.TRANSFER_ENCODING)
                && (method == HttpMethod.POST || method == HttpMethod.PUT || method == HttpMethod.PATCH);
    }

    private static BodyHandler counter(long cap) {
        return BodyHandler.create(false).setBodyLimit(cap).setMergeFormAttributes(false);
    }
}
