package dev.pertinence.evaluation.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.jobs.JobProgress;
import dev.pertinence.copurchase.CoPurchaseCounter;
import dev.pertinence.copurchase.CoPurchaseModel;
import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.ConsentPolicy;
import dev.pertinence.decision.DecisionEngine;
import dev.pertinence.decision.EligibilityRule;
import dev.pertinence.decision.PastPurchase;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.evaluation.EvaluationResult;
import dev.pertinence.evaluation.EvaluationSettings;
import dev.pertinence.evaluation.store.HistoryReader;
import dev.pertinence.offer.catalog.OfferCatalog;
import dev.pertinence.product.store.ProductDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Runs one evaluation, blocking, on the evaluation's worker thread: reads the history (streamed),
 * counts the co-purchase model in memory with the builder's own {@link CoPurchaseCounter} (never
 * published: the live model in Redis is not touched), then replays every case through the decision
 * core ({@link Replay}) and reports the figures of the strategy, the same without co-purchase and
 * popularity, side by side.
 */
@ApplicationScoped
public class EvaluationRunner {

    private final HistoryReader history;
    private final OfferCatalog catalog;
    private final ProductDirectory products;
    private final DecisionEngine engine;
    private final ConsentPolicy consents;
    private final PertinenceConfig config;
    private final Clock clock;

    public EvaluationRunner(HistoryReader history, OfferCatalog catalog, ProductDirectory products, DecisionEngine engine,
                            ConsentPolicy consents, PertinenceConfig config, Clock clock) {
        this.history = history;
        this.catalog = catalog;
        this.products = products;
        this.engine = engine;
        this.consents = consents;
        this.config = config;
        this.clock = clock;
    }

    public EvaluationResult run(EvaluationSettings settings, JobProgress progress) {
        long started = System.nanoTime();
        Partial partial = settings.mode() == EvaluationSettings.Mode.TIME_SPLIT ? timeSplit(settings, progress)
                : basketCompletion(settings, progress);
        return new EvaluationResult(settings.k(), partial.eligible, partial.cases, partial.skipped, partial.model.baskets(),
                partial.model.items(), partial.candidates, (System.nanoTime() - started) / 1_000_000, partial.replay.figures());
    }

    private static final class Partial {
        long eligible;
        long cases;
        Map<String, Long> skipped = new TreeMap<>();
        CoPurchaseModel model;
        int candidates;
        Replay replay;
    }

    /** A customer replayed: their history before the cut (newest first, as a decision reads it) and what they bought after. */
    private static final class Customer {
        final List<PastPurchase> before = new ArrayList<>();
        final Set<String> after = new LinkedHashSet<>();
    }

    private Partial timeSplit(EvaluationSettings settings, JobProgress progress) {
        Instant cut = settings.cutAt();
        progress.at(0, null);
        Partial partial = new Partial();
        CoPurchaseCounter counter = counter();
        long[] read = new long[1];
        history.baskets(settings.from(), cut, (key, skus) -> {
            counter.addBasket(Arrays.asList(skus));
            reading(progress, ++read[0]);
        });
        prepare(settings, partial, counter, progress);

        List<String> eligible = history.customersOnBothSides(settings.from(), cut, settings.until(), settings.segment());
        partial.eligible = eligible.size();
        List<String> sample = sample(eligible, settings.seed(), settings.sample());
        checkpoint(progress);
        Map<String, HistoryReader.Person> people = history.people(sample);
        checkpoint(progress);
        List<String> kept = new ArrayList<>(sample.size());
        for (String id : sample) {
            HistoryReader.Person person = people.get(id);
            if (person == null) {
                continue; // erased meanwhile
            }
            if (consents.profilingRefusal(person.consents()) != null) {
                partial.skipped.merge("no_profiling_consent", 1L, Long::sum);
            } else if (consents.offersRefused(person.consents(), settings.channel()) != null) {
                partial.skipped.merge("no_offers_consent", 1L, Long::sum);
            } else {
                kept.add(id);
            }
        }
        Map<String, Customer> customers = new LinkedHashMap<>();
        kept.forEach(id -> customers.put(id, new Customer()));
        Instant historyFrom = later(settings.from(), cut.minus(config.decision().historyWindow()));
        int lines = config.decision().historyLines();
        long[] lineCount = new long[1];
        history.lines(kept, historyFrom, settings.until(), (customerId, sku, at, quantity, amount) -> {
            reading(progress, ++lineCount[0]);
            Customer customer = customers.get(customerId);
            if (at.isBefore(cut)) {
                if (customer.before.size() < lines) {
                    SessionContext.ProductInfo info = products.get(sku);
                    customer.before.add(new PastPurchase(sku, info == null ? null : info.name(),
                            info == null ? null : info.category(), at, quantity, amount));
                }
            } else {
                customer.after.add(sku);
            }
        });
        int total = 0;
        for (Customer customer : customers.values()) {
            if (customer.before.isEmpty() || customer.after.isEmpty()) {
                // their purchases before the cut are older than the history window: a decision would not read them
                partial.skipped.merge("history_outside_window", 1L, Long::sum);
            } else {
                total++;
            }
        }
        int done = 0;
        progress.at(done, total);
        for (Map.Entry<String, Customer> entry : customers.entrySet()) {
            Customer customer = entry.getValue();
            if (customer.before.isEmpty() || customer.after.isEmpty()) {
                continue;
            }
            partial.replay.replay(new Replay.Case(people.get(entry.getKey()).profile(), customer.before, List.of(),
                    Set.copyOf(customer.after)), cut);
            report(progress, ++done, total);
        }
        partial.cases = done;
        return partial;
    }

    /** A held-out basket, ranked by its seeded draw. */
    private record HeldOut(double draw, String key, String[] skus) {
    }

    private Partial basketCompletion(EvaluationSettings settings, JobProgress progress) {
        progress.at(0, null);
        Partial partial = new Partial();
        CoPurchaseCounter counter = counter();
        // the sample keeps the held-out baskets with the lowest draws: the same whatever order PostgreSQL streams them in
        PriorityQueue<HeldOut> held = new PriorityQueue<>(Comparator.comparingDouble(HeldOut::draw).reversed()
                .thenComparing(HeldOut::key, Comparator.reverseOrder()));
        long[] eligible = new long[1];
        long[] read = new long[1];
        history.baskets(settings.from(), settings.until(), (ignored, skus) -> {
            reading(progress, ++read[0]);
            // drawn from the items, not the order id: the same baskets imported again (new ids) split the same way
            Arrays.sort(skus);
            String key = String.join("\n", skus);
            double draw = SeededDraws.unit(settings.seed(), key);
            if (draw >= settings.heldOutShare()) {
                counter.addBasket(Arrays.asList(skus));
                return;
            }
            if (skus.length < 2) {
                return; // nothing left to decide from once one item is hidden
            }
            eligible[0]++;
            held.add(new HeldOut(draw, key, skus));
            if (held.size() > settings.sample()) {
                held.poll();
            }
        });
        partial.eligible = eligible[0];
        prepare(settings, partial, counter, progress);
        List<HeldOut> baskets = new ArrayList<>(held);
        baskets.sort(Comparator.comparingDouble(HeldOut::draw).thenComparing(HeldOut::key));
        int total = baskets.size();
        progress.at(0, total);
        Instant now = clock.instant();
        int done = 0;
        for (HeldOut basket : baskets) {
            String[] items = basket.skus(); // sorted when drawn
            int hidden = (int) (SeededDraws.unit(settings.seed() + 1, basket.key()) * items.length);
            List<String> cart = new ArrayList<>(items.length - 1);
            for (int i = 0; i < items.length; i++) {
                if (i != hidden) {
                    cart.add(items[i]);
                }
            }
            partial.replay.replay(new Replay.Case(null, List.of(), List.copyOf(cart), Set.of(items[hidden])), now);
            report(progress, ++done, total);
        }
        partial.cases = done;
        return partial;
    }

    private static void report(JobProgress progress, int done, int total) {
        stopWhenAsked();
        progress.at(done, total);
    }

    /** While the history streams in: progress (which may stop the run) every 10,000 rows. */
    private static void reading(JobProgress progress, long rows) {
        if (rows % 10_000 == 0) {
            checkpoint(progress);
        }
    }

    /** Between two long steps before the replay: stops the run if asked to (or if its job was taken from it). */
    private static void checkpoint(JobProgress progress) {
        stopWhenAsked();
        progress.at(0, null);
    }

    private static void stopWhenAsked() {
        if (Thread.currentThread().isInterrupted()) {
            throw new IllegalStateException("the service stopped during the evaluation");
        }
    }

    private CoPurchaseCounter counter() {
        return new CoPurchaseCounter(sku -> {
            SessionContext.ProductInfo info = products.get(sku);
            return info == null ? null : info.category();
        }, config.model().maxBasketSize());
    }

    /** The model counted from the history before the split, the candidate offers, and the replay over them. */
    private void prepare(EvaluationSettings settings, Partial partial, CoPurchaseCounter counter, JobProgress progress) {
        partial.model = model(counter);
        checkpoint(progress);
        List<CandidateOffer> offers = candidates(settings, partial.model);
        partial.candidates = offers.size();
        partial.replay = new Replay(engine, partial.model, offers, settings.channel(), settings.placement(), settings.k(),
                products::get, settings.draft());
    }

    private CoPurchaseModel model(CoPurchaseCounter counter) {
        return counter.build(config.model().minSupport(), config.model().topK());
    }

    /**
     * The offers decisions choose from: the catalogue's for the channel and placement, or one neutral
     * offer per product (value 1, lever 1, no rule, no category to share) for the most popular
     * products of the training data.
     */
    private List<CandidateOffer> candidates(EvaluationSettings settings, CoPurchaseModel model) {
        if (settings.candidates() == EvaluationSettings.Candidates.OFFERS) {
            return catalog.index().candidates(settings.channel(), settings.placement());
        }
        Map<String, Double> bySku = model.popularity().bySku();
        List<String> skus = new ArrayList<>(bySku.keySet());
        skus.sort(Comparator.<String>comparingDouble(sku -> -bySku.get(sku)).thenComparing(Function.identity()));
        List<CandidateOffer> offers = new ArrayList<>();
        for (String sku : skus.subList(0, Math.min(skus.size(), config.evaluation().maxProductCandidates()))) {
            SessionContext.ProductInfo info = products.get(sku);
            String name = info == null || info.name() == null ? sku : info.name();
            offers.add(new CandidateOffer("product:" + sku, name, name, null, Set.of(sku), Set.of(), null, null, 1.0, 1.0,
                    EligibilityRule.ALWAYS));
        }
        return offers;
    }

    /** The customers with the lowest seeded draws: a sample that does not depend on the order they were read in. */
    static List<String> sample(List<String> ids, long seed, int size) {
        if (ids.size() <= size) {
            return ids;
        }
        Map<String, Double> draws = new HashMap<>(ids.size() * 2);
        ids.forEach(id -> draws.put(id, SeededDraws.unit(seed, id)));
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(Comparator.<String>comparingDouble(draws::get).thenComparing(Function.identity()));
        return List.copyOf(sorted.subList(0, size));
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
