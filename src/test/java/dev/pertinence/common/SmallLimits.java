package dev.pertinence.common;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Limits small enough for a test to reach: two decision places, two other places, an outcome
 * sweep every second, budget reservations that lapse after two seconds; evaluations turned off (a
 * replica serving decisions only). Test classes sharing this
 * profile share one start-up.
 */
public class SmallLimits implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "pertinence.http.max-in-flight", "2",
                "pertinence.http.max-in-flight-other", "2",
                "pertinence.outcome.sweep-interval", "1s",
                "pertinence.budget.reservation-hold", "2s",
                "pertinence.evaluation.enabled", "false");
    }
}
