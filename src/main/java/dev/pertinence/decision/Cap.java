package dev.pertinence.decision;

import java.time.Duration;

/** At most {@code count} within any sliding {@code window}. */
public record Cap(int count, Duration window) {

    public Cap {
        if (count < 1 || window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("a cap needs a count ≥ 1 and a positive window");
        }
    }

    /** "1 per 7 days", "3 per 1 day": days when the window is whole days, else hours. */
    public String describe() {
        long hours = window.toHours();
        return count + " per " + (hours % 24 == 0 ? hours / 24 + (hours == 24 ? " day" : " days") : hours + " h");
    }
}
