package dev.pertinence.common.problem;

import java.time.Duration;

/**
 * A request the service cannot carry out now because a store it needs failed; nothing was
 * changed, and the same request can be sent again after {@code retryAfter}. Answered 503 with a
 * {@code Retry-After} header; logged as a warning with its cause.
 */
public class Unavailable extends RuntimeException {

    private final Duration retryAfter;

    public Unavailable(String detail, Duration retryAfter, Throwable cause) {
        super(detail, cause);
        this.retryAfter = retryAfter;
    }

    public Duration retryAfter() {
        return retryAfter;
    }
}
