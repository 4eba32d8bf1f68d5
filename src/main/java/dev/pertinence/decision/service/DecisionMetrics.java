package dev.pertinence.decision.service;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decision path's meters. Tags are low-cardinality by construction: the channel (an enum)
 * and the cause of a degradation (a fixed set), an experiment arm (a few, bounded); never a
 * customer, offer or free-text placement.
 */
@ApplicationScoped
public class DecisionMetrics {

    private static final Duration[] SLO = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100)};

    private final MeterRegistry registry;
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<String, Counter> served = new ConcurrentHashMap<>();
    private final Map<String, Counter> degraded = new ConcurrentHashMap<>();
    private final Map<String, Counter> inArms = new ConcurrentHashMap<>();
    private final Map<String, Counter> decisions = new ConcurrentHashMap<>();

    /** Channels × placements offers name × arms: past this many series, decisions count in the channel's meters only. */
    static final int MAX_SERIES = 512;

    /** Arm names are a marketer's, a few per experiment: past this many the rest count as "other". */
    static final int MAX_ARMS = 64;

    public DecisionMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * @param placement the catalogue's key for it: a placement some offer names, else "*" (callers
     *                  cannot grow the series with made-up placements)
     * @param arm       the experiment arm, "none" outside experiments
     */
    public void decided(String channel, String placement, String arm, long nanos, int offers) {
        String key = channel + "|" + placement + "|" + arm;
        if (decisions.size() < MAX_SERIES || decisions.containsKey(key)) {
            decisions.computeIfAbsent(key, k -> Counter.builder("pertinence.decisions")
                            .description("Decisions answered, by channel, placement and experiment arm")
                            .tag("channel", channel).tag("placement", placement).tag("arm", arm).register(registry))
                    .increment();
        }
        decided(channel, nanos, offers);
    }

    private void decided(String channel, long nanos, int offers) {
        latency.computeIfAbsent(channel, c -> Timer.builder("pertinence.decision.latency")
                        .description("Time to answer a decision, gathering included")
                        .tag("channel", c)
                        .serviceLevelObjectives(SLO)
                        .register(registry))
                .record(Duration.ofNanos(nanos));
        served.computeIfAbsent(channel, c -> Counter.builder("pertinence.decision.offers.served")
                        .description("Offers returned by decisions").tag("channel", c).register(registry))
                .increment(offers);
    }

    /** A decision made in an experiment arm; {@code explored}: ranked by Thompson sampling. */
    public void inArm(String arm, boolean explored) {
        String name = inArms.size() >= MAX_ARMS && !inArms.containsKey(arm + "|" + explored) ? "other" : arm;
        inArms.computeIfAbsent(name + "|" + explored, key -> Counter.builder("pertinence.experiment.decisions")
                        .description("Decisions made in an experiment arm").tag("arm", name).tag("explored", String.valueOf(explored))
                        .register(registry))
                .increment();
    }

    /** @param cause one of: database, redis, no_model */
    public void degraded(String cause) {
        degraded.computeIfAbsent(cause, c -> Counter.builder("pertinence.decision.degraded")
                        .description("Decisions answered without part of their inputs").tag("cause", c).register(registry))
                .increment();
    }
}
