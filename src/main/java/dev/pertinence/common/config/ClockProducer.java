package dev.pertinence.common.config;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * The one clock the service reads time from; tests and the pure core receive it explicitly. Its instants are
 * whole microseconds, as PostgreSQL's timestamps are: an instant the service answers at once (a coupon's expiry
 * on the first store visit) is the one it answers once read back (the repeated visit), not a nanosecond apart.
 */
@ApplicationScoped
public class ClockProducer {

    @Produces
    @ApplicationScoped
    Clock clock() {
        return new Microseconds(Clock.systemUTC());
    }

    /**
     * {@code Clock.tick(clock, 1 µs)} would do, but on JDK 17 its {@code millis()} divides by zero for a tick under
     * a millisecond (the token check reads millis): only {@link #instant()} is truncated here.
     */
    static final class Microseconds extends Clock {
        private final Clock base;

        Microseconds(Clock base) {
            this.base = base;
        }

        @Override
        public Instant instant() {
            return base.instant().truncatedTo(ChronoUnit.MICROS);
        }

        @Override
        public long millis() {
            return base.millis();
        }

        @Override
        public ZoneId getZone() {
            return base.getZone();
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return new Microseconds(base.withZone(zone));
        }
    }
}
