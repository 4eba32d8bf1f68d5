package dev.pertinence.decide.service;

import dev.pertinence.decide.DecisionResult;
import dev.pertinence.offer.catalog.OfferCatalog;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The decision path's meters. Tags are low-cardinality by construction: the channel (an enum),
 * the cause of a degradation (a fixed set), a placement some offer names (else "*"), an experiment
 * arm (a few, bounded), and past {@link #MAX_SERIES} combinations "other"; never a customer, an
 * offer or a caller's free text.
 */
@ApplicationScoped
public class DecisionMetrics {

    private static final Duration[] SLO = {Duration.ofMillis(1), Duration.ofMillis(2), Duration.ofMillis(5),
        Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50), Duration.ofMillis(100)};

    private final MeterRegistry registry;
    private final OfferCatalog catalog;
    private final Map<String, Timer> latency = new ConcurrentHashMap<>();
    private final Map<Series, Served> served = new ConcurrentHashMap<>();
    private final Map<String, Counter> degraded = new ConcurrentHashMap<>();
    private final Map<String, Counter> explored = new ConcurrentHashMap<>();

    /**
     * Channels × placements offers name × arms: past this many series, a new combination counts as
     * placement="other", arm="other" (totals stay right, the detail is lost).
     */
    static final int MAX_SERIES = 512;

    /** Arm names are a marketer's, a few per experiment: past this many the rest count as "other". */
    static final int MAX_ARMS = 64;

    /** The causes of a degraded decision; their counters exist from the start (at 0), so rate() and alerts see them. */
    public static final List<String> DEGRADED_CAUSES = List.of("redis", "database", "no_model");

    @Inject
    public DecisionMetrics(MeterRegistry registry, OfferCatalog catalog) {
        this.registry = registry;
        this.catalog = catalog;
        DEGRADED_CAUSES.forEach(cause -> degraded.put(cause, degradedCounter(cause)));
    }

    /** Without a catalogue: for tests of the series themselves. */
    public DecisionMetrics(MeterRegistry registry) {
        this(registry, null);
    }

    /** A decision answered in {@code nanos}: its series, its latency, and each cause it was degraded by, once. */
    public void decided(DecisionResult result, long nanos) {
        decided(result.channel(), catalog.index().placementKey(result.channel(), result.placement()),
                result.assignment() == null ? "none" : result.assignment().arm().name(), result.decision().explored(), nanos,
                result.decision().offers().size());
        result.degraded().forEach(this::degraded);
    }

    private record Series(String channel, String placement, String arm) {
    }

    /** The decisions and the offers they returned, counted in one series. */
    private record Served(Counter decisions, Counter offers) {
    }

    /**
     * @param placement the catalogue's key for it: a placement some offer names, else "*" (callers
     *                  cannot grow the series with made-up placements)
     * @param arm       the experiment arm, "none" outside experiments
     * @param exploring ranked by Thompson sampling (an experiment arm's exploration share)
     */
    public void decided(String channel, String placement, String arm, boolean exploring, long nanos, int offers) {
        Series key = new Series(channel, placement, arm);
        if (served.size() >= MAX_SERIES && !served.containsKey(key)) {
            key = new Series(channel, "other", "other");
        }
        Served series = served.computeIfAbsent(key, k -> new Served(
                Counter.builder("pertinence.decisions").description("Decisions answered, by channel, placement and experiment arm")
                        .tag("channel", k.channel()).tag("placement", k.placement()).tag("arm", k.arm()).register(registry),
                Counter.builder("pertinence.decision.offers.served").description("Offers returned by decisions")
                        .tag("channel", k.channel()).tag("placement", k.placement()).tag("arm", k.arm()).register(registry)));
        series.decisions().increment();
        series.offers().increment(offers);
        latency.computeIfAbsent(channel, c -> Timer.builder("pertinence.decision.latency")
                        .description("Time to answer a decision, gathering included")
                        .tag("channel", c)
                        .serviceLevelObjectives(SLO)
                        .register(registry))
                .record(Duration.ofNanos(nanos));
        if (exploring) {
            String name = explored.size() >= MAX_ARMS && !explored.containsKey(arm) ? "other" : arm;
            explored.computeIfAbsent(name, a -> Counter.builder("pertinence.decisions.explored")
                            .description("Decisions of an experiment arm ranked by Thompson sampling").tag("arm", a).register(registry))
                    .increment();
        }
    }

    /** @param cause one of {@link #DEGRADED_CAUSES} */
    public void degraded(String cause) {
        degraded.computeIfAbsent(cause, this::degradedCounter).increment();
    }

    private Counter degradedCounter(String cause) {
        return Counter.builder("pertinence.decision.degraded").description("Decisions answered without part of their inputs")
                .tag("cause", cause).register(registry);
    }
}
