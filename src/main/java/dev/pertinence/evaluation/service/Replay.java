package dev.pertinence.evaluation.service;

import dev.pertinence.copurchase.CoPurchaseModel;
import dev.pertinence.decision.BudgetSpending;
import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.decision.CandidateSet;
import dev.pertinence.decision.ContactHistory;
import dev.pertinence.decision.CustomerProfile;
import dev.pertinence.decision.Decision;
import dev.pertinence.decision.DecisionEngine;
import dev.pertinence.decision.LearnedResponses;
import dev.pertinence.decision.PastPurchase;
import dev.pertinence.decision.RankedOffer;
import dev.pertinence.decision.Segments;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decision.Snapshot;
import dev.pertinence.decision.Strategy;
import dev.pertinence.evaluation.EvaluationSettings;
import dev.pertinence.evaluation.Scorecard;
import dev.pertinence.evaluation.StrategyFigures;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Replays cases through the real decision core, from memory: the offline twin of the live
 * gathering ({@code decide/service/Gatherer}). Each case is decided as of its moment by
 * {@link DecisionEngine} with the in-memory co-purchase model, twice (the current strategy, then
 * the same without co-purchase), and ranked once by popularity alone; the three top k are scored
 * against what was bought. Nothing leaves this class: no reservation, no record, no learning, no
 * meter.
 *
 * <p>What a replayed decision is given: the person's profile and history before the moment (time
 * split) or the rest of the basket as an anonymous cart (basket completion); no contact history and
 * no learned responses (neither is known as of a past moment: every learned lift is 1); the
 * budgeted offers as untouched (their windows still apply); the offers' rules, validity, in-cart and
 * bought-recently checks as live.
 */
final class Replay {

    static final String STRATEGY = "strategy";
    static final String NO_COPURCHASE = "no_copurchase";
    static final String POPULARITY = "popularity";
    static final String CURRENT = "current";

    /** One case: who (null for a cart alone), what they held, and what they bought that counts as the answer. */
    record Case(CustomerProfile person, List<PastPurchase> history, List<String> cart, Set<String> answer) {
    }

    private final DecisionEngine engine;
    private final CoPurchaseModel model;
    private final List<CandidateOffer> offers;
    private final String channel;
    private final String placement;
    private final int k;
    private final Function<String, SessionContext.ProductInfo> products;
    private final DecisionEngine evaluated;
    private final CandidateSet personalised;
    private final CandidateSet withoutCoPurchase;
    private final CandidateSet current;
    private final List<CandidateOffer> byPopularity;
    private final Map<String, BudgetSpending> untouchedBudgets = new HashMap<>();
    private final Scorecard strategy;
    private final Scorecard noCoPurchase;
    private final Scorecard popularity;
    private final Scorecard currentCard;

    /**
     * {@code draft} null: the current strategy ({@code engine}'s scoring, the catalogue's levers).
     * Otherwise the draft is what is evaluated (its scoring settings, its levers), with and without
     * co-purchase, and the current strategy is scored beside it.
     */
    Replay(DecisionEngine engine, CoPurchaseModel model, List<CandidateOffer> offers, String channel, String placement, int k,
           Function<String, SessionContext.ProductInfo> products, EvaluationSettings.Draft draft) {
        this.engine = engine;
        this.evaluated = draft == null ? engine : engine.withPolicy(draft.over(engine.policy()));
        Map<String, Double> levers = draft == null ? Map.of() : draft.levers();
        this.model = model;
        this.offers = offers;
        this.channel = channel;
        this.placement = placement;
        this.k = k;
        this.products = products;
        this.personalised = CandidateSet.of(offers, model.popularity(), evaluated.policy(), LearnedResponses.NONE, Segments.NONE,
                new Strategy(Strategy.Kind.PERSONALISED, levers, 0.0));
        this.withoutCoPurchase = CandidateSet.of(offers, model.popularity(), evaluated.policy(), LearnedResponses.NONE,
                Segments.NONE, new Strategy(Strategy.Kind.NO_COPURCHASE, levers, 0.0));
        this.current = draft == null ? null : CandidateSet.of(offers, model.popularity(), engine.policy(), LearnedResponses.NONE,
                Segments.NONE, Strategy.PERSONALISED);
        this.byPopularity = new ArrayList<>(offers);
        Map<String, Double> popularityOf = new HashMap<>();
        for (CandidateOffer offer : offers) {
            popularityOf.put(offer.id(), popularityOf(offer));
            if (offer.budget() != null) {
                untouchedBudgets.put(offer.id(), new BudgetSpending(0, 0, Long.MAX_VALUE));
            }
        }
        byPopularity.sort(Comparator.<CandidateOffer>comparingDouble(offer -> -popularityOf.get(offer.id()))
                .thenComparing(CandidateOffer::id));
        this.strategy = new Scorecard(STRATEGY, k);
        this.noCoPurchase = new Scorecard(NO_COPURCHASE, k);
        this.popularity = new Scorecard(POPULARITY, k);
        this.currentCard = draft == null ? null : new Scorecard(CURRENT, k);
    }

    /** Decides one case as of {@code at} the three ways and scores each against its answer. */
    void replay(Case replayed, Instant at) {
        Function<String, String> categoryOf = sku -> {
            SessionContext.ProductInfo info = products.apply(sku);
            return info == null ? null : info.category();
        };
        SessionContext context = context(replayed.cart(), at);
        List<CandidateOffer> chosen = decide(evaluated, personalised, replayed, context, at);
        strategy.add(chosen, Scorecard.score(chosen, replayed.answer(), categoryOf));
        chosen = decide(evaluated, withoutCoPurchase, replayed, context, at);
        noCoPurchase.add(chosen, Scorecard.score(chosen, replayed.answer(), categoryOf));
        chosen = popular(replayed.cart(), at);
        popularity.add(chosen, Scorecard.score(chosen, replayed.answer(), categoryOf));
        if (current != null) {
            chosen = decide(engine, current, replayed, context, at);
            currentCard.add(chosen, Scorecard.score(chosen, replayed.answer(), categoryOf));
        }
    }

    /** The figures so far: the strategy, without co-purchase, popularity; then the current one beside a draft. */
    List<StrategyFigures> figures() {
        List<StrategyFigures> figures = new ArrayList<>(4);
        figures.add(strategy.figures(offers.size()));
        figures.add(noCoPurchase.figures(offers.size()));
        figures.add(popularity.figures(offers.size()));
        if (currentCard != null) {
            figures.add(currentCard.figures(offers.size()));
        }
        return List.copyOf(figures);
    }

    private List<CandidateOffer> decide(DecisionEngine core, CandidateSet candidates, Case replayed, SessionContext context,
                                        Instant at) {
        Decision decision = core.decide(new Snapshot(at, replayed.person(), replayed.history(), context, model.neighbours(),
                true, candidates, k, false, false, ContactHistory.NONE, LearnedResponses.NONE, null, untouchedBudgets));
        List<CandidateOffer> chosen = new ArrayList<>(decision.offers().size());
        for (RankedOffer offer : decision.offers()) {
            chosen.add(offer.offer());
        }
        return chosen;
    }

    /** The k most popular offers valid then and not already in the cart: the baseline, with the core's {@code Popularity}. */
    private List<CandidateOffer> popular(List<String> cart, Instant at) {
        List<CandidateOffer> chosen = new ArrayList<>(k);
        for (CandidateOffer offer : byPopularity) {
            if (chosen.size() == k) {
                break;
            }
            if (offer.validAt(at) && !offer.alreadyInCart(cart)) {
                chosen.add(offer);
            }
        }
        return chosen;
    }

    /** The highest share of baskets holding one of the offer's target SKUs or categories. */
    private double popularityOf(CandidateOffer offer) {
        double best = 0.0;
        for (String sku : offer.targetSkus()) {
            best = Math.max(best, model.popularity().ofSku(sku));
        }
        for (String category : offer.targetCategories()) {
            best = Math.max(best, model.popularity().ofCategory(category));
        }
        return best;
    }

    private SessionContext context(List<String> cart, Instant at) {
        Map<String, SessionContext.ProductInfo> labelled = new HashMap<>();
        for (String sku : cart) {
            SessionContext.ProductInfo info = products.apply(sku);
            if (info != null) {
                labelled.put(sku, info);
            }
        }
        return new SessionContext(channel, placement, at.atZone(ZoneOffset.UTC), cart, null, labelled, null, null, null, null);
    }
}
