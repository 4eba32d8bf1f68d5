package dev.pertinence.decision;

import java.time.Duration;
import java.util.Map;

/**
 * How much contact a person takes (documented in docs/contact-policy.md).
 *
 * @param channelCaps          contacts (decisions with something shown) per channel; a channel absent here is not capped
 * @param dailyCap             contacts across every channel
 * @param offerCap             exposures of one offer
 * @param refusalsToSuppress   refusals of an offer that suppress it...
 * @param categoryRefusals     refusals of offers of one category that suppress the whole category...
 * @param refusalWindow        ...when they fall within this window...
 * @param suppressionPeriod    ...for this long after the last of them
 * @param unansweredContacts   K: each run of K contacts shown without any response lowers the caps one level
 * @param pressureReduction    caps are multiplied by this per level (0..1)
 * @param maxPressureLevel     levels stop here, so a silent person is still contacted now and then
 * @param responseGrace        a contact younger than this is not yet counted as unanswered
 * @param noveltyPenalty       how much one unanswered exposure of an offer lowers its score right after it
 * @param noveltyHalfLife      the penalty of an exposure halves every this long
 * @param reservationHold      an offer proposed but not reported shown counts against caps this long
 */
public record ContactPolicy(Map<String, Cap> channelCaps, Cap dailyCap, Cap offerCap, int refusalsToSuppress,
                            int categoryRefusals, Duration refusalWindow, Duration suppressionPeriod, int unansweredContacts,
                            double pressureReduction, int maxPressureLevel, Duration responseGrace,
                            double noveltyPenalty, Duration noveltyHalfLife, Duration reservationHold) {

    /** The longest period an offer's own frequency cap may have (the contact history is read this far back at least). */
    public static final Duration MAX_FREQUENCY_PERIOD = Duration.ofDays(30);

    public static final ContactPolicy DEFAULT = new ContactPolicy(
            Map.of("email", new Cap(1, Duration.ofDays(7)), "sms", new Cap(1, Duration.ofDays(7))),
            new Cap(30, Duration.ofDays(1)), new Cap(3, Duration.ofDays(7)), 1, 3, Duration.ofDays(30),
            Duration.ofDays(30), 5, 0.5, 2, Duration.ofDays(1), 0.5, Duration.ofDays(2), Duration.ofMinutes(2));

    /** How far back a decision must read a person's exposures and refusals to apply this policy. */
    public Duration lookBack() {
        Duration longest = refusalWindow.plus(suppressionPeriod);
        for (Cap cap : channelCaps.values()) {
            longest = max(longest, stretched(cap, maxPressureLevel).window());
        }
        longest = max(longest, stretched(dailyCap, maxPressureLevel).window());
        longest = max(longest, max(offerCap.window(), MAX_FREQUENCY_PERIOD));
        return max(longest, noveltyHalfLife.multipliedBy(8));
    }

    /**
     * A cap at pressure level L: the count times reduction^L, rounded down but at least 1; when
     * that would fall below 1 the window stretches instead (1 per 7 days becomes 1 per 14, then 28).
     */
    public Cap stretched(Cap cap, int level) {
        double scaled = cap.count() * Math.pow(pressureReduction, level);
        if (scaled >= 1) {
            return new Cap((int) Math.floor(scaled), cap.window());
        }
        return new Cap(1, Duration.ofSeconds(Math.round(cap.window().toSeconds() / scaled)));
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
