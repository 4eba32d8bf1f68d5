package dev.pertinence.decision;

import dev.pertinence.decision.Neighbour;
import dev.pertinence.decision.Popularity;
import dev.pertinence.offer.rule.RuleCompiler;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The pure core alone: one decision over a catalogue of 100, 1,000 or 10,000 offers with real
 * compiled CEL rules, a customer with 20 recent purchases and 20 neighbours each.
 * Run: bench/jmh.sh (see docs/benchmarks.md).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DecisionEngineBenchmark {

    @Param({"100", "1000", "10000"})
    int offers;

    private final DecisionEngine engine = new DecisionEngine(ScoringPolicy.DEFAULT);
    private Snapshot known;
    private Snapshot explained;
    private Snapshot pressed;
    private Snapshot control;
    private Snapshot exploring;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(1);
        RuleCompiler rules = new RuleCompiler();
        Instant now = Instant.parse("2026-11-24T18:00:00Z");
        List<CandidateOffer> catalogue = new ArrayList<>();
        for (int i = 0; i < offers; i++) {
            int target = random.nextInt(20_000);
            String rule = switch (i % 4) {
                case 0 -> "!('sk" + target + "' in history.skus)";
                case 1 -> "history.count > 0 || context.channel == 'web'";
                case 2 -> "";
                default -> "!('vip' in customer.segments)";
            };
            catalogue.add(new CandidateOffer("o" + i, "Offer " + i, "Message", "cat" + (target / 10 % 200),
                    Set.of("sk" + target, "sk" + (target + 1)), Set.of(), null, null, 1 + random.nextInt(100) / 10.0, 1.0,
                    rules.compile(rule)));
        }
        List<PastPurchase> history = new ArrayList<>();
        Map<String, List<Neighbour>> neighbours = new HashMap<>();
        for (int i = 0; i < 20; i++) {
            String sku = "sk" + random.nextInt(20_000);
            history.add(new PastPurchase(sku, "Product", "cat" + i, now.minus(Duration.ofDays(i * 5L)), 1, 9.99));
            List<Neighbour> list = new ArrayList<>();
            for (int n = 0; n < 20; n++) {
                list.add(new Neighbour("sk" + random.nextInt(20_000), "cat" + random.nextInt(200), 50, 2.5,
                        random.nextDouble() * 0.5, 0.01, 30));
            }
            neighbours.put(sku, list);
        }
        Map<String, Double> popularity = new HashMap<>();
        for (int p = 0; p < 20_000; p++) {
            popularity.put("sk" + p, random.nextDouble() * 0.05);
        }
        CustomerProfile customer = new CustomerProfile("cu1", "Jeanne", "Rousseau", "female", null, null, null,
                List.of("gold"), "gold", 1200, null);
        SessionContext context = new SessionContext("web", "home", now.atZone(ZoneOffset.UTC), List.of(), null, Map.of(),
                null, null, null, null);
        CandidateSet candidates = CandidateSet.of(catalogue, new Popularity(popularity, Map.of()), ScoringPolicy.DEFAULT);
        known = new Snapshot(now, customer, history, context, neighbours, true, candidates, 3, false, false, ContactHistory.NONE, LearnedResponses.NONE);
        explained = new Snapshot(now, customer, history, context, neighbours, true, candidates, 3, true, false, ContactHistory.NONE, LearnedResponses.NONE);
        // a busy person: 40 exposures over the last month (shown, answered, reserved), 3 refusals
        List<Exposure> exposures = new ArrayList<>();
        Exposure.Status[] statuses = Exposure.Status.values();
        for (int i = 0; i < 40; i++) {
            exposures.add(new Exposure("d" + i / 3, "o" + random.nextInt(offers), "web", now.minus(Duration.ofHours(18L * i)),
                    statuses[i % statuses.length]));
        }
        List<ContactHistory.Refusal> refusals = List.of(new ContactHistory.Refusal("o1", "cat1", now.minus(Duration.ofDays(3))),
                new ContactHistory.Refusal("o2", "cat2", now.minus(Duration.ofDays(9))),
                new ContactHistory.Refusal("o3", "cat1", now.minus(Duration.ofDays(20))));
        pressed = new Snapshot(now, customer, history, context, neighbours, true, candidates, 3, false, false,
                new ContactHistory(exposures, refusals), LearnedResponses.NONE);
        // experiment arms: the control group, and an arm whose every decision explores (Thompson sampling)
        CandidateSet asControl = CandidateSet.of(catalogue, new Popularity(popularity, Map.of()), ScoringPolicy.DEFAULT,
                LearnedResponses.NONE, "gold", new Strategy(Strategy.Kind.CONTROL, Map.of(), 0));
        control = new Snapshot(now, customer, history, context, neighbours, true, asControl, 3, false, false, ContactHistory.NONE,
                LearnedResponses.NONE);
        CandidateSet explorer = CandidateSet.of(catalogue, new Popularity(popularity, Map.of()), ScoringPolicy.DEFAULT,
                LearnedResponses.NONE, "gold", new Strategy(Strategy.Kind.PERSONALISED, Map.of(), 1.0));
        exploring = new Snapshot(now, customer, history, context, neighbours, true, explorer, 3, false, false, ContactHistory.NONE,
                LearnedResponses.NONE, new SplittableRandom(5));
    }

    @Benchmark
    public Decision decideAsControl() {
        return engine.decide(control);
    }

    /** Every candidate is scored with a Beta draw: the cost of one exploring decision (an arm's share of them explore). */
    @Benchmark
    public Decision decideExploring() {
        return engine.decide(exploring);
    }

    @Benchmark
    public Decision decideWithContactHistory() {
        return engine.decide(pressed);
    }

    @Benchmark
    public Decision decide() {
        return engine.decide(known);
    }

    @Benchmark
    public Decision decideAndExplain() {
        return engine.decide(explained);
    }
}
