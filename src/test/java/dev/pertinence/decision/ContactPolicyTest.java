package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How far back a decision reads a person's contact history: as far as the longest rule of the policy reaches. */
class ContactPolicyTest {

    private static final Cap WEEKLY = new Cap(1, Duration.ofDays(7));
    private static final Cap DAILY = new Cap(30, Duration.ofDays(1));
    private static final Duration SHORT = Duration.ofDays(1);

    /** A policy whose every period is short, but for the one a test lengthens. */
    private static ContactPolicy policy(Map<String, Cap> channelCaps, Cap daily, Cap offerCap, Duration refusalWindow,
                                        Duration noveltyHalfLife) {
        return new ContactPolicy(channelCaps, daily, offerCap, 1, 3, refusalWindow, Duration.ofDays(1), 5, 0.5, 2,
                Duration.ofDays(1), 0.5, noveltyHalfLife, Duration.ofMinutes(2));
    }

    @Test
    void byDefaultTheRefusalWindowAndTheSuppressionAfterItReachFarthest() {
        assertEquals(Duration.ofDays(60), ContactPolicy.DEFAULT.lookBack());
    }

    @Test
    void aChannelCapAtTheHighestPressureLevelCanReachFarther() {
        // 1 per 20 days stretched twice: 1 per 80 days
        assertEquals(Duration.ofDays(80),
                policy(Map.of("email", new Cap(1, Duration.ofDays(20)), "sms", WEEKLY), DAILY, WEEKLY, SHORT, SHORT).lookBack());
    }

    @Test
    void soCanTheDailyCapStretched() {
        assertEquals(Duration.ofDays(60), policy(Map.of(), new Cap(1, Duration.ofDays(15)), WEEKLY, SHORT, SHORT).lookBack());
    }

    @Test
    void anOffersOwnCapMayReachThirtyDaysSoTheHistoryAlwaysDoes() {
        assertEquals(ContactPolicy.MAX_FREQUENCY_PERIOD, policy(Map.of(), DAILY, WEEKLY, SHORT, SHORT).lookBack());
        assertEquals(Duration.ofDays(45), policy(Map.of(), DAILY, new Cap(3, Duration.ofDays(45)), SHORT, SHORT).lookBack());
    }

    @Test
    void aNoveltyPenaltyIsReadForEightHalfLives() {
        assertEquals(Duration.ofDays(80), policy(Map.of(), DAILY, WEEKLY, SHORT, Duration.ofDays(10)).lookBack());
    }
}
