package dev.pertinence.common;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * At most one warning per interval for a recurring failure (a dependency down answers thousands of
 * requests a second); the lines in between are counted and reported with the next one. Metrics
 * count every occurrence.
 */
public final class ThrottledLog {

    private final Logger log;
    private final long intervalNanos;
    private final AtomicLong nextAllowed = new AtomicLong(Long.MIN_VALUE);
    private final AtomicLong suppressed = new AtomicLong();

    public ThrottledLog(Logger log, Duration interval) {
        this.log = log;
        this.intervalNanos = interval.toNanos();
    }

    public void warn(String message, Throwable failure) {
        long now = System.nanoTime();
        long allowed = nextAllowed.get();
        if ((allowed == Long.MIN_VALUE || now - allowed >= 0) && nextAllowed.compareAndSet(allowed, now + intervalNanos)) {
            long skipped = suppressed.getAndSet(0);
            log.warnf("%s: %s%s", message, failure.toString(), skipped == 0 ? "" : " (" + skipped + " more since the last report)");
        } else {
            suppressed.incrementAndGet();
        }
    }
}
