package dev.pertinence.decision;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * A volume budget on an offer: at most {@code count} of what it spends ({@link Spend}) within its
 * window. With {@code until} the window is one, from {@code start} to {@code until}; with
 * {@code period} the windows follow each other from {@code start} (a new count each period).
 * Even pacing spreads a window's count over its length: at any time at most
 * {@code count × elapsed / length + burst} may be spent or held.
 *
 * @param start when the first window begins (the offer's validFrom, else when the budget was set)
 */
public record OfferBudget(long count, Spend of, Instant start, Instant until, Duration period, Pacing pacing) {

    /** What spends the budget: an impression outcome, an accept outcome, or a coupon issued at a store visit. */
    public enum Spend {
        IMPRESSIONS, ACCEPTS, COUPONS;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Spend of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    public enum Pacing {
        ASAP, EVEN;

        public String wire() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Pacing of(String wire) {
            return valueOf(wire.toUpperCase(Locale.ROOT));
        }
    }

    /** One window of a budget: its count is spent from {@code start} (inclusive) to {@code end} (exclusive). */
    public record Window(Instant start, Instant end) {
    }

    public OfferBudget {
        if (count < 1 || of == null || start == null || pacing == null || (until == null) == (period == null)) {
            throw new IllegalArgumentException("a budget needs a count, what it counts, a start, a pacing, and until or period");
        }
        if (period != null && (period.isZero() || period.isNegative())) {
            throw new IllegalArgumentException("a budget's period must be positive");
        }
    }

    /** The window {@code now} falls in; null before the budget starts or after its {@code until}. */
    public Window window(Instant now) {
        if (now.isBefore(start)) {
            return null;
        }
        if (until != null) {
            return now.isBefore(until) ? new Window(start, until) : null;
        }
        long periodMillis = period.toMillis();
        long index = (now.toEpochMilli() - start.toEpochMilli()) / periodMillis;
        Instant from = start.plusMillis(index * periodMillis);
        return new Window(from, from.plusMillis(periodMillis));
    }

    /** Why no window holds {@code now}: the budget has not started yet, or it ended (its {@code until}). */
    public String outside(Instant now) {
        return now.isBefore(start) ? "its budget starts at " + start : "its budget ended at " + until;
    }

    /**
     * How much of the window's count may be spent or held at {@code now}: all of it as soon as
     * possible, or with even pacing {@code floor(count × elapsed / length) + burst}, at most the
     * count. Zero outside every window.
     */
    public long allowance(Instant now, long burst) {
        Window window = window(now);
        if (window == null) {
            return 0;
        }
        if (pacing == Pacing.ASAP) {
            return count;
        }
        long length = window.end().toEpochMilli() - window.start().toEpochMilli();
        long elapsed = now.toEpochMilli() - window.start().toEpochMilli();
        // count ≤ 10^7 and elapsed < length: the product stays far below Long.MAX_VALUE for windows up to centuries
        long paced = (long) Math.floor((double) count * elapsed / length);
        return Math.min(count, paced + Math.max(0, burst));
    }
}
