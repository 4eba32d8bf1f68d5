package dev.pertinence.common;

import io.vertx.ext.web.Router;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * Every API request gets an id: the caller's {@code X-Request-Id} when it is a sane token (a
 * gateway's or a front end's, up to 64 of {@code [A-Za-z0-9._-]}), else a new one. It is in the MDC,
 * so every line logged while serving the request carries {@code "requestId"} in the JSON logs
 * (beside the {@code decisionId} of a decision or an outcome), and it is echoed in the response's
 * {@code X-Request-Id} so a caller can quote it.
 */
@ApplicationScoped
public class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(context -> {
            if (!ApiPatterns.isApi(context.normalizedPath())) {
                context.next();
                return;
            }
            String id = of(context.request().getHeader(HEADER));
            MDC.put("requestId", id);
            context.response().putHeader(HEADER, id);
            context.next();
        });
    }

    /** The caller's id when sane, else a new one. */
    static String of(String given) {
        return given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}
