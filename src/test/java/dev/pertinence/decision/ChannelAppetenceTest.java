package dev.pertinence.decision;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pertinence.decision.ChannelAppetence.Rate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which channel a person answers on: responses per exposure, Laplace-smoothed, most responsive first. */
class ChannelAppetenceTest {

    @Test
    void ratesAreSmoothedSoANewChannelStartsAtOneHalf() {
        List<Rate> rates = ChannelAppetence.rates(List.of("email", "sms", "app"),
                Map.of("email", new long[] {8, 1}, "app", new long[] {2, 2}));
        assertEquals(List.of(
                new Rate("app", 2, 2, 3.0 / 4),     // (2 + 1) / (2 + 2)
                new Rate("sms", 0, 0, 0.5),         // never tried
                new Rate("email", 8, 1, 2.0 / 10)), // (1 + 1) / (8 + 2)
                rates);
    }

    @Test
    void aFewExposuresDoNotSwingTheRateToZeroOrOne() {
        List<Rate> rates = ChannelAppetence.rates(List.of("email", "sms"),
                Map.of("email", new long[] {1, 0}, "sms", new long[] {1, 1}));
        assertEquals(2.0 / 3, rates.get(0).rate(), 1e-12);
        assertEquals(1.0 / 3, rates.get(1).rate(), 1e-12);
    }

    @Test
    void tiesKeepTheGivenOrderAndOnlyTheGivenChannelsAreRated() {
        List<Rate> rates = ChannelAppetence.rates(List.of("sms", "email", "push"),
                Map.of("email", new long[] {2, 1}, "call_centre", new long[] {1, 1}));
        assertEquals(List.of("sms", "email", "push"), rates.stream().map(Rate::channel).toList());
        assertEquals(List.of(), ChannelAppetence.rates(List.of(), Map.of("email", new long[] {1, 1})));
    }
}
