package dev.pertinence.evaluation.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.problem.LogSafe;
import dev.pertinence.copurchase.CoPurchaseCounter;
import dev.pertinence.copurchase.CoPurchaseModel;
import dev.pertinence.decision.BudgetSpending;
import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.CandidateSet;
import dev.pertinence.decision.ConsentPolicy;
import dev.pertinence.decision.ContactHistory;
import dev.pertinence.decision.CustomerProfile;
import dev.pertinence.decision.Decision;
import dev.pertinence.decision.DecisionEngine;
import dev.pertinence.decision.LearnedResponses;
import dev.pertinence.decision.PastPurchase;
import dev.pertinence.decision.RankedOffer;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decision.Snapshot;
import dev.pertinence.decision.Strategy;
import dev.pertinence.evaluation.EvaluationSettings;
import dev.pertinence.evaluation.LoggedDecision;
import dev.pertinence.evaluation.OffPolicyEstimate;
import dev.pertinence.evaluation.OffPolicyEstimator;
import dev.pertinence.evaluation.store.HistoryReader;
import dev.pertinence.evaluation.store.LoggedDecisionReader;
import dev.pertinence.offer.catalog.OfferCatalog;
import dev.pertinence.product.store.ProductDirectory;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Semaphore;

/**
 * Off-policy estimates (docs/evaluation.md): what a candidate strategy's acceptance (or conversion) rate would have
 * been, from the decisions logged in a time range and their outcomes. Each logged decision is replayed with the
 * candidate as of its moment, as an offline evaluation replays a case ({@link Replay}): the person's profile and
 * history before it, the cart and product the caller sent, a co-purchase model counted in memory from the purchases
 * before the range; no contact history, no learned responses, budgets untouched. The candidate shows as many offers
 * as the logged decision did; where it would show an offer the logged decision showed, that offer's answer counts,
 * weighed by the inverse of its recorded propensity ({@link OffPolicyEstimator}).
 *
 * <p>Synchronous: a run replays at most {@code pertinence.estimates.max-decisions} decisions (tens of microseconds
 * each) after counting the model as an evaluation does (seconds for a million purchase lines), so it answers in
 * seconds; one at a time per replica (409 otherwise), on the request's worker thread. Nothing is reserved,
 * recorded, learnt or counted.
 */
@ApplicationScoped
public class EstimateService {

    private static final Duration DEFAULT_RANGE = Duration.ofDays(7);

    public enum Outcome {
        ACCEPT("accept"), CONVERT("convert");

        private final String type;

        Outcome(String type) {
            this.type = type;
        }

        public String type() {
            return type;
        }
    }

    /** What a caller asks; any field may be null (defaults: the last 7 days, every channel and placement, accept, the current strategy). */
    public record Ask(Instant from, Instant until, String channel, String placement, Outcome outcome, EvaluationSettings.Draft draft) {
    }

    /** The estimate and what it was made from. */
    /** {@code skippedWithoutPropensity}: decisions of exploring arms recorded before propensities were, left out. */
    public record Result(Instant from, Instant until, String channel, String placement, Outcome outcome, boolean truncated,
                         int modelItems, long durationMs, OffPolicyEstimate estimate, int skippedWithoutPropensity) {
    }

    private final LoggedDecisionReader logged;
    private final HistoryReader history;
    private final OfferCatalog catalog;
    private final ProductDirectory products;
    private final DecisionEngine engine;
    private final ConsentPolicy consents;
    private final PertinenceConfig config;
    private final Clock clock;
    private final Semaphore oneAtATime = new Semaphore(1);

    public EstimateService(LoggedDecisionReader logged, HistoryReader history, OfferCatalog catalog, ProductDirectory products,
                           DecisionEngine engine, ConsentPolicy consents, PertinenceConfig config, Clock clock) {
        this.logged = logged;
        this.history = history;
        this.catalog = catalog;
        this.products = products;
        this.engine = engine;
        this.consents = consents;
        this.config = config;
        this.clock = clock;
    }

    public Result estimate(Ask ask) {
        if (!config.evaluation().enabled()) {
            throw ClientProblem.turnedOff("estimates, with evaluations,", "pertinence.evaluation.enabled");
        }
        Instant now = clock.instant();
        if (ask.until() != null && ask.until().isAfter(now)) {
            throw ClientProblem.invalid("until", "until: is in the future");
        }
        Instant until = ask.until() == null ? now : ask.until();
        Instant from = ask.from() == null ? until.minus(DEFAULT_RANGE) : ask.from();
        if (!from.isBefore(until)) {
            throw ClientProblem.invalid("from", "from: must be before until (" + until + ")");
        }
        Duration maxRange = config.estimates().maxRange();
        if (Duration.between(from, until).compareTo(maxRange) > 0) {
            throw ClientProblem.invalid("from", "from: at most " + maxRange.toDays() + " days before until (" + until
                    + "), pertinence.estimates.max-range");
        }
        checkLevers(ask.draft(), ask.channel(), ask.placement());
        Outcome outcome = ask.outcome() == null ? Outcome.ACCEPT : ask.outcome();
        if (!oneAtATime.tryAcquire()) {
            throw ClientProblem.conflict("an estimate is running on this replica: ask again when it is done");
        }
        try {
            return run(from, until, ask.channel(), ask.placement(), outcome, ask.draft());
        } finally {
            oneAtATime.release();
        }
    }

    private Result run(Instant from, Instant until, String channel, String placement, Outcome outcome, EvaluationSettings.Draft draft) {
        long started = System.nanoTime();
        int max = config.estimates().maxDecisions();
        LoggedDecisionReader.Read read = logged.decisions(from, until, channel, placement, max);
        List<LoggedDecision> decisions = read.decisions();
        List<UUID> ids = decisions.stream().map(LoggedDecision::id).toList();
        Set<String> answered = logged.answered(ids, outcome.type());
        CoPurchaseModel model = model(from);
        Map<String, List<PastPurchase>> lines = histories(decisions, from, until);
        Set<String> customerIds = new LinkedHashSet<>();
        decisions.forEach(d -> {
            if (d.customerId() != null) {
                customerIds.add(d.customerId());
            }
        });
        Map<String, HistoryReader.Person> people = customerIds.isEmpty() ? Map.of() : history.people(List.copyOf(customerIds));

        DecisionEngine candidate = draft == null ? engine : engine.withPolicy(draft.over(engine.policy()));
        Strategy strategy = new Strategy(Strategy.Kind.PERSONALISED, draft == null ? Map.of() : draft.levers(), 0.0);
        Map<String, CandidateSet> candidateSets = new HashMap<>();
        Map<String, BudgetSpending> untouched = new HashMap<>();
        OffPolicyEstimator estimator = new OffPolicyEstimator(config.estimates().minEffectiveSample());
        for (LoggedDecision decision : decisions) {
            CandidateSet candidates = candidateSets.computeIfAbsent(decision.channel() + "\n" + decision.placement(), key -> {
                List<CandidateOffer> offers = catalog.index().candidates(decision.channel(), decision.placement());
                offers.stream().filter(offer -> offer.budget() != null)
                        .forEach(offer -> untouched.put(offer.id(), new BudgetSpending(0, 0, Long.MAX_VALUE)));
                return CandidateSet.of(offers, model.popularity(), candidate.policy(), LearnedResponses.NONE, decision.segment(),
                        strategy);
            });
            HistoryReader.Person person = decision.customerId() == null ? null : people.get(decision.customerId());
            boolean profiled = person != null && consents.profilingRefusal(person.consents()) == null;
            List<PastPurchase> before = profiled ? before(lines.get(decision.customerId()), decision.decidedAt()) : List.of();
            Decision replayed = candidate.decide(new Snapshot(decision.decidedAt(), profiled ? person.profile() : null, before,
                    context(decision), model.neighbours(), true, candidates, decision.offers().size(), false, false,
                    ContactHistory.NONE, LearnedResponses.NONE, null, untouched));
            Set<String> shows = new HashSet<>();
            for (RankedOffer offer : replayed.offers()) {
                shows.add(offer.offer().id());
            }
            List<OffPolicyEstimator.Logged> shown = new ArrayList<>(decision.offers().size());
            for (LoggedDecision.Shown offer : decision.offers()) {
                shown.add(new OffPolicyEstimator.Logged(offer.offerId(), offer.propensity(),
                        answered.contains(decision.id() + "/" + offer.offerId())));
            }
            estimator.add(shown, shows);
        }
        return new Result(from, until, channel, placement, outcome, read.truncated(), model.items(),
                (System.nanoTime() - started) / 1_000_000, estimator.result(), read.skippedWithoutPropensity());
    }

    /** The co-purchase model counted from the baskets of the model window before the range, as an evaluation counts it. */
    private CoPurchaseModel model(Instant from) {
        CoPurchaseCounter counter = new CoPurchaseCounter(sku -> {
            SessionContext.ProductInfo info = products.get(sku);
            return info == null ? null : info.category();
        }, config.model().maxBasketSize());
        history.baskets(from.minus(config.model().window()), from, (key, skus) -> counter.addBasket(Arrays.asList(skus)));
        return counter.build(config.model().minSupport(), config.model().topK());
    }

    /**
     * The decisions' customers' purchase lines a replay may read, newest first: all those in the range, and before it
     * the most recent a decision reads (history lines), within the history window.
     */
    private Map<String, List<PastPurchase>> histories(List<LoggedDecision> decisions, Instant from, Instant until) {
        Set<String> customers = new LinkedHashSet<>();
        decisions.forEach(d -> {
            if (d.customerId() != null) {
                customers.add(d.customerId());
            }
        });
        Map<String, List<PastPurchase>> lines = new HashMap<>();
        if (customers.isEmpty()) {
            return lines;
        }
        int keptBefore = config.decision().historyLines();
        Map<String, Integer> olderKept = new HashMap<>();
        history.lines(List.copyOf(customers), from.minus(config.decision().historyWindow()), until,
                (customerId, sku, at, quantity, amount) -> {
                    if (at.isBefore(from) && olderKept.merge(customerId, 1, Integer::sum) > keptBefore) {
                        return;
                    }
                    SessionContext.ProductInfo info = products.get(sku);
                    lines.computeIfAbsent(customerId, id -> new ArrayList<>()).add(new PastPurchase(sku,
                            info == null ? null : info.name(), info == null ? null : info.category(), at, quantity, amount));
                });
        return lines;
    }

    /** What a decision at {@code at} reads of a history (newest first): the lines before it, within the window, at most the history lines. */
    private List<PastPurchase> before(List<PastPurchase> lines, Instant at) {
        if (lines == null) {
            return List.of();
        }
        Instant oldest = at.minus(config.decision().historyWindow());
        List<PastPurchase> before = new ArrayList<>();
        for (PastPurchase line : lines) {
            if (before.size() >= config.decision().historyLines()) {
                break;
            }
            if (line.purchasedAt().isBefore(at) && !line.purchasedAt().isBefore(oldest)) {
                before.add(line);
            }
        }
        return before;
    }

    private SessionContext context(LoggedDecision decision) {
        Map<String, SessionContext.ProductInfo> labelled = new HashMap<>();
        List<String> session = new ArrayList<>(decision.cart());
        if (decision.currentProduct() != null) {
            session.add(decision.currentProduct());
        }
        for (String sku : session) {
            SessionContext.ProductInfo info = products.get(sku);
            if (info != null) {
                labelled.put(sku, info);
            }
        }
        return new SessionContext(decision.channel(), decision.placement(), decision.localTime(), decision.cart(),
                decision.currentProduct(), labelled, null, null, null, null);
    }

    /** A lever for an offer no logged decision could have shown is a mistake worth saying: 400 naming draft.levers. */
    private void checkLevers(EvaluationSettings.Draft draft, String channel, String placement) {
        if (draft == null || draft.levers().isEmpty()) {
            return;
        }
        Set<String> known = new HashSet<>();
        if (channel != null && placement != null) {
            catalog.index().candidates(channel, placement).forEach(offer -> known.add(offer.id()));
        } else {
            known.addAll(catalog.index().offerIds());
        }
        for (String id : new TreeSet<>(draft.levers().keySet())) {
            if (!known.contains(id)) {
                throw ClientProblem.invalid("draft.levers", "draft.levers: '" + LogSafe.value(id) + "' is not an active offer"
                        + (channel != null && placement != null ? " for " + channel + "/" + placement : ""));
            }
        }
    }
}
