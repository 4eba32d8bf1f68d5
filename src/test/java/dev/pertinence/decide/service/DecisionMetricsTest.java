package dev.pertinence.decide.service;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.micrometer.core.instrument.search.Search;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class DecisionMetricsTest {

    @Test
    void pastTheSeriesBoundNewCombinationsCountAsOtherAndTotalsStayRight() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DecisionMetrics metrics = new DecisionMetrics(registry);
        int combinations = DecisionMetrics.MAX_SERIES + 100;
        for (int i = 0; i < combinations; i++) {
            metrics.decided("web", "placement-" + i, "none", false, 1_000_000, 2);
        }
        metrics.decided("web", "placement-0", "none", false, 1_000_000, 2);

        assertEquals(DecisionMetrics.MAX_SERIES + 1, Search.in(registry).name("pertinence.decisions").counters().size(),
                "the bound, plus web's \"other\"");
        assertEquals(combinations + 1, Search.in(registry).name("pertinence.decisions").counters().stream()
                .mapToDouble(c -> c.count()).sum(), "no decision lost from the totals");
        assertEquals(100, registry.get("pertinence.decisions").tag("placement", "other").tag("arm", "other").counter().count());
        assertEquals(2 * (combinations + 1), Search.in(registry).name("pertinence.decision.offers.served").counters().stream()
                .mapToDouble(c -> c.count()).sum());
        assertEquals(2, registry.get("pertinence.decisions").tag("placement", "placement-0").counter().count(),
                "a series registered before the bound keeps counting");
        assertEquals(combinations + 1, registry.get("pertinence.decision.latency").tag("channel", "web").timer().count());
    }

    @Test
    void exploredDecisionsAreCountedByArm() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        DecisionMetrics metrics = new DecisionMetrics(registry);
        metrics.decided("app", "*", "explore", true, 1_000, 1);
        metrics.decided("app", "*", "explore", false, 1_000, 1);
        assertEquals(1, registry.get("pertinence.decisions.explored").tag("arm", "explore").counter().count());
        assertEquals(2, registry.get("pertinence.decisions").tag("arm", "explore").counter().count());
    }
}
