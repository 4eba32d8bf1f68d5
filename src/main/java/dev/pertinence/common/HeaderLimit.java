package dev.pertinence.common;

import dev.pertinence.common.config.PertinenceConfig;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Request headers larger than {@code pertinence.http.max-header-bytes} in all are answered 431
 * problem+json naming the largest header, before anything reads them (a 15 KB bearer token is not
 * parsed). Vert.x's own limit (quarkus.http.limits.max-header-size, 64K) sits above it: its 431
 * has no body, and only headers beyond it still meet that one.
 */
@ApplicationScoped
public class HeaderLimit {

    /** A header name worth naming in the answer; anything else is not echoed. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9-]{1,64}");

    private final int limit;

    public HeaderLimit(PertinenceConfig config) {
        this.limit = config.http().maxHeaderBytes();
    }

    void install(@Observes Router router) {
        // right after RouteTemplates (the answer is measured under its route); before or after InFlightLimit alike
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            MultiMap headers = context.request().headers();
            int size = 0;
            String largest = null;
            int largestSize = -1;
            for (Map.Entry<String, String> header : headers) {
                int one = header.getKey().length() + header.getValue().length() + 4; // "name: value\r\n"
                size += one;
                if (one > largestSize) {
                    largest = header.getKey();
                    largestSize = one;
                }
            }
            if (size <= limit) {
                context.next();
                return;
            }
            context.response().setStatusCode(431).putHeader("Content-Type", "application/problem+json")
                    .putHeader("Connection", "close").end(problem(size, largest));
        });
    }

    private String problem(int size, String largest) {
        boolean nameable = largest != null && NAME.matcher(largest).matches();
        return "{\"type\":\"about:blank\",\"title\":\"Request Header Fields Too Large\",\"status\":431,"
                + "\"detail\":\"The request's headers take " + size + " bytes; at most " + limit + " are read"
                + (nameable ? " (the largest: " + largest + ")" : "") + "\""
                + (nameable ? ",\"field\":\"" + largest + "\"" : "") + "}";
    }
}
