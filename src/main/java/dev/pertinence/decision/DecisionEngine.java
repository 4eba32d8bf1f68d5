package dev.pertinence.decision;

import dev.pertinence.decision.Neighbour;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pure decision core: scores every candidate offer, then walks them best first, keeping
 * those whose rule holds, one per category unless asked otherwise, until the limit is reached.
 *
 * <pre>
 * score      = propensity × value × lever × context weight × novelty
 * propensity = max(base, affinity + (1 − affinity) × popularityWeight × popularity) × learned lift
 * affinity   = 1 − Π (1 − weight(evidence) × confidence(evidence → target))   (noisy-or)
 * weight     = 0.5 ^ (days since purchase / half-life); 1 for the cart and the viewed product
 * lift       = Beta-smoothed acceptance in the person's segment / the prior's mean
 * novelty    = Π over the person's unanswered exposures of the offer (1 − penalty × 0.5 ^ (age / half-life))
 * </pre>
 *
 * Only the offers the person's evidence, session or exposures touch (and those whose learned
 * counts changed since the candidates were prepared) are scored here; the others keep the
 * order prepared in the {@link CandidateSet}, and the two orders are merged. Rules and contact
 * policy are applied lazily, best score first: a rule costs microseconds, so with thousands of
 * offers only the few that could make the top N are checked (all of them with explain).
 *
 * <p>The candidates' {@link Strategy} says which terms count: a control strategy scores
 * {@code value × lever} and nothing of the person; variants leave out the co-purchase affinity or
 * the learned lift. A strategy that explores does so for its share of decisions: every candidate
 * is then scored with a lift drawn from its Beta posterior (Thompson sampling) instead of the
 * posterior's mean, and the offers chosen are marked explored. Each offer such a strategy chooses
 * carries the probability the strategy would have shown it ({@link ShowProbabilities}); a strategy
 * that never explores shows with probability 1 and pays nothing for it.
 */
public final class DecisionEngine {

    private static final Comparator<Scored> BEST_FIRST = Comparator.comparingDouble(Scored::score).reversed()
            .thenComparing(scored -> scored.offer().id());

    /**
     * Evaluation steps one decision may spend on rules, counted by each rule's worst-case cost before it runs
     * ({@code pertinence.rules.decision-budget}): each rule is bounded when saved, but a thousand rules that each
     * pass that bound and all fail made one decision take 300 ms. Past it, a rule is not evaluated: its offer is
     * dropped, RULE_ERROR, saying so.
     */
    public static final long DEFAULT_RULE_BUDGET = 2_000_000;

    private final ScoringPolicy policy;
    private final ContactPolicy contactPolicy;
    private final ShowProbabilities.Bounds bounds;
    private final long ruleBudget;

    public DecisionEngine(ScoringPolicy policy, ContactPolicy contactPolicy, ShowProbabilities.Bounds bounds, long ruleBudget) {
        this.policy = policy;
        this.contactPolicy = contactPolicy;
        this.bounds = bounds;
        this.ruleBudget = ruleBudget;
    }

    public DecisionEngine(ScoringPolicy policy, ContactPolicy contactPolicy, ShowProbabilities.Bounds bounds) {
        this(policy, contactPolicy, bounds, DEFAULT_RULE_BUDGET);
    }

    public DecisionEngine(ScoringPolicy policy, ContactPolicy contactPolicy) {
        this(policy, contactPolicy, ShowProbabilities.Bounds.DEFAULT);
    }

    public DecisionEngine(ScoringPolicy policy) {
        this(policy, ContactPolicy.DEFAULT);
    }

    public ScoringPolicy policy() {
        return policy;
    }

    /** This engine with another scoring policy (a draft's), the same contact policy, bounds and rule budget. */
    public DecisionEngine withPolicy(ScoringPolicy other) {
        return new DecisionEngine(other, contactPolicy, bounds, ruleBudget);
    }

    public ContactPolicy contactPolicy() {
        return contactPolicy;
    }

    public ShowProbabilities.Bounds bounds() {
        return bounds;
    }

    /** The SKUs whose co-purchase neighbours a decision needs: the session's, then the most recent purchases'. */
    public List<String> evidenceSkus(SessionContext context, List<PastPurchase> history, Instant now) {
        return Evidence.of(context, history, now, policy).skus();
    }

    public Decision decide(Snapshot snapshot) {
        CandidateSet candidates = snapshot.candidates();
        if (!candidates.policy().equals(policy)) {
            throw new IllegalArgumentException("candidate set prepared under another scoring policy");
        }
        Evidence evidence = Evidence.of(snapshot.context(), snapshot.history(), snapshot.now(), policy);
        Pressure pressure = Pressure.of(snapshot.contacts(), contactPolicy, snapshot.context().channel(), snapshot.now());
        String contactBlocked = pressure.contactBlocked();
        if (contactBlocked != null) {
            List<String> notes = new ArrayList<>(notes(snapshot, evidence, pressure));
            notes.add(contactBlocked);
            return new Decision(List.of(), List.of(), candidates.size(), List.copyOf(notes), pressure.caps());
        }
        Strategy strategy = candidates.strategy();
        boolean exploring = snapshot.random() != null && strategy.exploration() > 0
                && snapshot.random().nextDouble() < strategy.exploration();
        Map<CandidateOffer, Affinity> affinities = strategy.coPurchase()
                ? affinities(candidates, evidence, snapshot.neighbours()) : Map.of();
        Set<CandidateOffer> touched = strategy.personal() ? touched(candidates, affinities, snapshot, pressure)
                : Collections.newSetFromMap(new IdentityHashMap<>()); // control: nothing of the person changes an offer's score
        if (!strategy.personal()) {
            touched.addAll(candidates.forMoments()); // ... but offers for a moment are eligible only in it
        }
        List<Scored> personal = new ArrayList<>(touched.size());
        for (CandidateOffer offer : touched) {
            personal.add(score(offer, affinities.get(offer), snapshot, pressure, exploring));
        }
        personal.sort(BEST_FIRST);
        Draws draws = exploring ? new Draws(candidates, touched, snapshot) : null;

        List<RankedOffer> chosen = new ArrayList<>(snapshot.limit());
        List<DroppedOffer> dropped = new ArrayList<>();
        int[] droppedTotal = new int[1];
        Set<String> categories = new HashSet<>();
        boolean estimating = strategy.exploration() > 0 && snapshot.random() != null; // show probabilities wanted
        Rules rules = new Rules(snapshot, estimating, ruleBudget);
        int base = 0;
        int mine = 0;
        int pressureDrops = 0;
        while (true) {
            Scored general;
            if (draws != null) {
                general = draws.best();
            } else {
                while (base < candidates.size() && touched.contains(candidates.offerAt(base))) {
                    base++;
                }
                general = base < candidates.size() ? untouched(candidates, base, snapshot.learned()) : null;
            }
            Scored specific = mine < personal.size() ? personal.get(mine) : null;
            if (general == null && specific == null) {
                break;
            }
            Scored candidate;
            if (specific != null && (general == null || BEST_FIRST.compare(specific, general) <= 0)) {
                candidate = specific;
                mine++;
            } else {
                candidate = general;
                if (draws != null) {
                    draws.next();
                } else {
                    base++;
                }
            }
            boolean full = chosen.size() >= snapshot.limit();
            if (full && !snapshot.explain()) {
                break;
            }
            CandidateOffer offer = candidate.offer();
            DroppedOffer refused = refusal(candidate, snapshot);
            if (refused != null) {
                drop(snapshot, dropped, droppedTotal, refused);
                continue;
            }
            DroppedOffer blocked = pressure.blocked(offer, candidate.score());
            if (blocked != null) {
                pressureDrops++;
                drop(snapshot, dropped, droppedTotal, blocked);
                continue;
            }
            if (!snapshot.allowSameCategory() && offer.category() != null && categories.contains(offer.category())) {
                drop(snapshot, dropped, droppedTotal, new DroppedOffer(offer.id(), DroppedOffer.Reason.SAME_CATEGORY,
                        "an offer of category '" + offer.category() + "' ranked higher", candidate.score()));
                continue;
            }
            DroppedOffer ruleRefused = rules.refusal(offer, candidate.score());
            if (ruleRefused != null) {
                drop(snapshot, dropped, droppedTotal, ruleRefused);
                continue;
            }
            if (full) {
                drop(snapshot, dropped, droppedTotal, new DroppedOffer(offer.id(), DroppedOffer.Reason.BELOW_LIMIT,
                        "eligible, ranked below the " + snapshot.limit() + " chosen", candidate.score()));
                continue;
            }
            if (offer.category() != null) {
                categories.add(offer.category());
            }
            chosen.add(candidate.rank(chosen.size() + 1, offer.rule() != EligibilityRule.ALWAYS, snapshot.customer(),
                    snapshot.context().storeName(), policy));
        }
        List<String> notes = notes(snapshot, evidence, pressure);
        if (chosen.isEmpty() && pressureDrops > 0) {
            notes.add("Every offer left for this person is capped or suppressed by their contact history");
        }
        if (exploring) {
            notes.add("Exploring: offers ranked by acceptance rates drawn from what their responses taught (Thompson sampling)");
        }
        List<RankedOffer> offers = estimating && !chosen.isEmpty()
                ? withShowProbabilities(chosen, touched, affinities, snapshot, pressure, rules, exploring) : chosen;
        return new Decision(List.copyOf(offers), List.copyOf(dropped), droppedTotal[0], List.copyOf(notes), pressure.caps(),
                exploring);
    }

    /** What refuses an offer whatever its rank and whatever else is chosen, but contact pressure and its rule; null: nothing. */
    private static DroppedOffer refusal(Scored candidate, Snapshot snapshot) {
        CandidateOffer offer = candidate.offer();
        if (!offer.validAt(snapshot.now())) {
            return new DroppedOffer(offer.id(), DroppedOffer.Reason.NOT_VALID_NOW, "outside its validity window", candidate.score());
        }
        if (offer.alreadyInCart(snapshot.context().cart())) {
            return new DroppedOffer(offer.id(), DroppedOffer.Reason.IN_CART,
                    "every product it promotes is already in the cart", candidate.score());
        }
        if (offer.boughtRecently(snapshot.history(), snapshot.now())) {
            return new DroppedOffer(offer.id(), DroppedOffer.Reason.BOUGHT_RECENTLY,
                    "every product it promotes was bought within the last " + days(offer.excludeBoughtWithin()), candidate.score());
        }
        if (offer.lifeEvent() != null && candidate.moment() == null) {
            return new DroppedOffer(offer.id(), DroppedOffer.Reason.NOT_THEIR_MOMENT, offer.lifeEvent().missing(), candidate.score());
        }
        if (offer.budget() != null) {
            return BudgetSpending.refusal(offer, snapshot.budgets().get(offer.id()), snapshot.now(), candidate.score());
        }
        return null;
    }

    /**
     * Eligibility rules, their inputs built once per decision, when the first rule is met. When the decision's show
     * probabilities are estimated, its verdicts are remembered: the estimate's walks ask again about offers the main
     * loop already judged, and a rule is evaluated (and its errors counted) at most once per offer per decision.
     */
    private static final class Rules {
        private final Snapshot snapshot;
        /** Null when nothing asks twice (a strategy that never explores): no map on the common path. */
        private final Map<CandidateOffer, RuleVerdict> verdicts;
        private RuleVariables variables;
        /** Worst-case steps still allowed to this decision's rules ({@link #DEFAULT_RULE_BUDGET}). */
        private double budgetLeft;

        Rules(Snapshot snapshot, boolean remember, long budget) {
            this.snapshot = snapshot;
            this.verdicts = remember ? new IdentityHashMap<>() : null;
            this.budgetLeft = budget;
        }

        DroppedOffer refusal(CandidateOffer offer, double score) {
            if (offer.rule() == EligibilityRule.ALWAYS) {
                return null;
            }
            RuleVerdict verdict = verdicts == null ? null : verdicts.get(offer);
            if (verdict == null) {
                double cost = offer.rule().cost();
                if (cost > budgetLeft) {
                    verdict = RuleVerdict.error("not evaluated: this decision's rules had spent their budget (pertinence.rules"
                            + ".decision-budget) on other offers' rules");
                } else {
                    budgetLeft -= cost;
                    if (variables == null) {
                        variables = RuleInputs.of(snapshot);
                    }
                    verdict = offer.rule().evaluate(variables);
                }
                if (verdicts != null) {
                    verdicts.put(offer, verdict);
                }
            }
            if (verdict.eligible()) {
                return null;
            }
            return verdict.error() == null
                    ? new DroppedOffer(offer.id(), DroppedOffer.Reason.RULE_NOT_MET, "its eligibility rule is false", score)
                    : new DroppedOffer(offer.id(), DroppedOffer.Reason.RULE_ERROR, "its rule could not be evaluated: " + verdict.error(), score);
        }
    }

    /** A candidate for the pool of {@link ShowProbabilities}: its greedy scoring and its optimistic and pessimistic scores. */
    private record Pooled(Scored greedy, double base, double optimistic, double pessimistic) {
    }

    /**
     * The chosen offers, each with the probability its exploring strategy would have shown it
     * ({@link ShowProbabilities}): the pool is the chosen offers, the greedy top n (for a decision that explored:
     * {@link #greedyTop}; for one that did not, the chosen offers themselves) and the
     * {@link ShowProbabilities.Bounds#pool} candidates of best optimistic score, checked for eligibility best first
     * until no further one could enter a top n; then {@link ShowProbabilities.Bounds#draws} seeded rankings are drawn
     * among them.
     */
    private List<RankedOffer> withShowProbabilities(List<RankedOffer> chosen, Set<CandidateOffer> touched,
                                                    Map<CandidateOffer, Affinity> affinities, Snapshot snapshot,
                                                    Pressure pressure, Rules rules, boolean exploring) {
        CandidateSet candidates = snapshot.candidates();
        String segment = candidates.segment();
        Strategy strategy = candidates.strategy();
        Set<String> shown = new HashSet<>();
        chosen.forEach(offer -> shown.add(offer.offer().id()));
        java.util.PriorityQueue<Pooled> best = new java.util.PriorityQueue<>(bounds.pool() + 1,
                Comparator.comparingDouble(Pooled::optimistic));
        Map<String, Pooled> forced = new java.util.LinkedHashMap<>();
        List<Pooled> personal = new ArrayList<>(touched.size());
        for (CandidateOffer offer : touched) { // scored afresh for this person
            Scored greedy = score(offer, affinities.get(offer), snapshot, pressure, false);
            personal.add(new Pooled(greedy, greedy.lift() > 0 ? greedy.score() / greedy.lift() : 0.0, 0.0, 0.0));
        }
        Set<String> greedy = shown; // a decision that did not explore was the greedy ranking
        if (exploring) {
            personal.sort(Comparator.comparing(Pooled::greedy, BEST_FIRST));
            greedy = new HashSet<>();
            for (Pooled top : greedyTop(personal, touched, snapshot, pressure, rules)) {
                forced.put(top.greedy().offer().id(), top);
                greedy.add(top.greedy().offer().id());
            }
        }
        for (Pooled scored : personal) {
            pool(best, forced, shown, scored.greedy(), scored.base(), snapshot);
        }
        // the others in their prepared optimistic order: once the pool is full, none further down can enter it
        for (int i = 0; i < candidates.size(); i++) {
            int rank = candidates.byOptimism(i);
            CandidateOffer offer = candidates.offerAt(rank);
            if (touched.contains(offer)) {
                continue;
            }
            if (best.size() >= bounds.pool() && candidates.optimismAt(rank) <= best.peek().optimistic()) {
                break;
            }
            pool(best, forced, shown, untouched(candidates, rank, snapshot.learned()), untouchedBase(candidates, rank), snapshot);
        }
        for (RankedOffer offer : chosen) { // a shown offer the walk did not reach (a lucky draw far down)
            String id = offer.offer().id();
            if (!forced.containsKey(id)) {
                int rank = candidates.rankOf(id);
                forced.put(id, pooled(untouched(candidates, rank, snapshot.learned()), untouchedBase(candidates, rank), snapshot));
            }
        }
        List<Pooled> byOptimism = new ArrayList<>(best);
        byOptimism.sort(Comparator.comparingDouble(Pooled::optimistic).reversed());
        List<ShowProbabilities.Entry> pool = new ArrayList<>(byOptimism.size() + forced.size());
        Map<String, Double> pessimisticByCategory = new java.util.HashMap<>();
        for (Pooled pooled : forced.values()) {
            add(pool, pooled, segment, snapshot, pessimisticByCategory);
        }
        for (Pooled pooled : byOptimism) {
            if (ShowProbabilities.complete(List.copyOf(pessimisticByCategory.values()), snapshot.limit(), pooled.optimistic())) {
                break;
            }
            Scored candidate = pooled.greedy();
            if (refusal(candidate, snapshot) == null && pressure.blocked(candidate.offer(), candidate.score()) == null
                    && rules.refusal(candidate.offer(), candidate.score()) == null) {
                add(pool, pooled, segment, snapshot, pessimisticByCategory);
            }
        }
        // seeded from the decision's own generator (after its choice: the choice is unchanged), so that decisions showing
        // the same offers do not share one estimate's error: across many decisions, the errors average out
        long seed = Double.doubleToRawLongBits(snapshot.random().nextDouble()) * 31 + chosen.size();
        Map<String, Double> probabilities = ShowProbabilities.estimate(pool, shown, greedy, exploring, snapshot.limit(),
                snapshot.allowSameCategory(), strategy.exploration(), policy, bounds.draws(), seed);
        List<RankedOffer> withProbabilities = new ArrayList<>(chosen.size());
        for (RankedOffer offer : chosen) {
            withProbabilities.add(offer.shownWith(probabilities.get(offer.offer().id())));
        }
        return withProbabilities;
    }

    /**
     * What the decision would have shown had it not explored: the prepared order of the offers nothing of the person
     * touches merged with the touched ones' greedy scores ({@code personal}, best first), through the main loop's checks
     * (validity, contact pressure, one per category unless allowed, rules: their verdicts remembered), until n are kept.
     */
    private List<Pooled> greedyTop(List<Pooled> personal, Set<CandidateOffer> touched, Snapshot snapshot, Pressure pressure,
                                   Rules rules) {
        CandidateSet candidates = snapshot.candidates();
        List<Pooled> top = new ArrayList<>(snapshot.limit());
        Set<String> categories = new HashSet<>();
        int base = 0;
        int mine = 0;
        while (top.size() < snapshot.limit()) {
            while (base < candidates.size() && touched.contains(candidates.offerAt(base))) {
                base++;
            }
            Scored general = base < candidates.size() ? untouched(candidates, base, snapshot.learned()) : null;
            Pooled specific = mine < personal.size() ? personal.get(mine) : null;
            if (general == null && specific == null) {
                break;
            }
            Pooled candidate;
            if (specific != null && (general == null || BEST_FIRST.compare(specific.greedy(), general) <= 0)) {
                candidate = specific;
                mine++;
            } else {
                candidate = new Pooled(general, untouchedBase(candidates, base), 0.0, 0.0);
                base++;
            }
            Scored scored = candidate.greedy();
            CandidateOffer offer = scored.offer();
            if (refusal(scored, snapshot) != null || pressure.blocked(offer, scored.score()) != null
                    || (!snapshot.allowSameCategory() && offer.category() != null && categories.contains(offer.category()))
                    || rules.refusal(offer, scored.score()) != null) {
                continue;
            }
            if (offer.category() != null) {
                categories.add(offer.category());
            }
            top.add(pooled(scored, candidate.base(), snapshot));
        }
        return top;
    }

    /** Keeps the offer among the pool's best optimistic scores, or aside when the decision showed it (or it is greedy). */
    private void pool(java.util.PriorityQueue<Pooled> best, Map<String, Pooled> forced, Set<String> shown, Scored greedy,
                      double base, Snapshot snapshot) {
        if (forced.containsKey(greedy.offer().id())) {
            return; // in the greedy top n
        }
        if (shown.contains(greedy.offer().id())) {
            forced.put(greedy.offer().id(), pooled(greedy, base, snapshot));
            return;
        }
        LearnedResponses.Counts counts = snapshot.learned().counts(greedy.offer().id(), snapshot.candidates().segment());
        double optimistic = base * ShowProbabilities.optimisticLift(counts, policy);
        if (best.size() >= bounds.pool() && optimistic <= best.peek().optimistic()) {
            return;
        }
        best.add(new Pooled(greedy, base, optimistic, base * ShowProbabilities.pessimisticLift(counts, policy)));
        if (best.size() > bounds.pool()) {
            best.poll();
        }
    }

    private Pooled pooled(Scored greedy, double base, Snapshot snapshot) {
        LearnedResponses.Counts counts = snapshot.learned().counts(greedy.offer().id(), snapshot.candidates().segment());
        return new Pooled(greedy, base, base * ShowProbabilities.optimisticLift(counts, policy),
                base * ShowProbabilities.pessimisticLift(counts, policy));
    }

    /** The score without the learned lift of an offer nothing of the person touches. */
    private static double untouchedBase(CandidateSet candidates, int rank) {
        CandidateOffer offer = candidates.offerAt(rank);
        return candidates.basePropensity(candidates.popularityAt(rank)) * offer.value() * candidates.strategy().lever(offer);
    }

    private static void add(List<ShowProbabilities.Entry> pool, Pooled pooled, String segment, Snapshot snapshot,
                            Map<String, Double> pessimisticByCategory) {
        CandidateOffer offer = pooled.greedy().offer();
        pool.add(new ShowProbabilities.Entry(offer.id(), offer.category(), pooled.base(),
                snapshot.learned().counts(offer.id(), segment)));
        String key = snapshot.allowSameCategory() || offer.category() == null ? "offer:" + offer.id() : "category:" + offer.category();
        pessimisticByCategory.merge(key, pooled.pessimistic(), Math::max);
    }

    /**
     * Walks every neighbour of every evidence item once, against the candidates' target indexes:
     * only offers some evidence reaches get an affinity. A neighbour reaching an offer both as a
     * target SKU and through its category counts once.
     */
    private static Map<CandidateOffer, Affinity> affinities(CandidateSet candidates, Evidence evidence,
                                                            Map<String, List<Neighbour>> neighbours) {
        Map<CandidateOffer, Affinity> affinities = new IdentityHashMap<>();
        for (Evidence.Item item : evidence.items()) {
            for (Neighbour neighbour : neighbours.getOrDefault(item.sku(), List.of())) {
                double strength = item.weight() * neighbour.confidence();
                for (CandidateOffer offer : candidates.targetingSku(neighbour.sku())) {
                    affinities.computeIfAbsent(offer, o -> new Affinity()).add(item, neighbour, strength);
                }
                if (neighbour.category() != null) {
                    for (CandidateOffer offer : candidates.targetingCategory(neighbour.category())) {
                        if (!offer.targetSkus().contains(neighbour.sku())) {
                            affinities.computeIfAbsent(offer, o -> new Affinity()).add(item, neighbour, strength);
                        }
                    }
                }
            }
        }
        return affinities;
    }

    /**
     * Offers whose score is not the prepared one: reached by evidence, targeting the session, seen
     * lately by this person without an answer, or with learned counts newer than the candidate set.
     */
    private static Set<CandidateOffer> touched(CandidateSet candidates, Map<CandidateOffer, Affinity> affinities,
                                               Snapshot snapshot, Pressure pressure) {
        SessionContext context = snapshot.context();
        Set<CandidateOffer> touched = Collections.newSetFromMap(new IdentityHashMap<>());
        touched.addAll(affinities.keySet());
        touched.addAll(candidates.forMoments()); // never in the general order: eligible only for the right person, then
        Set<String> relearned = snapshot.learned().changedSince(candidates.learnedVersion());
        if (relearned == null) { // too many changes to list: score every candidate afresh
            return everyCandidate(candidates);
        }
        addById(candidates, relearned, touched);
        addById(candidates, pressure.staleOffers(), touched);
        for (String sku : sessionSkus(context)) {
            touched.addAll(candidates.targetingSku(sku));
            String category = context.categoryOf(sku);
            if (category != null) {
                touched.addAll(candidates.targetingCategory(category));
            }
        }
        return touched;
    }

    private static Set<CandidateOffer> everyCandidate(CandidateSet candidates) {
        Set<CandidateOffer> all = Collections.newSetFromMap(new IdentityHashMap<>(candidates.size()));
        for (int rank = 0; rank < candidates.size(); rank++) {
            all.add(candidates.offerAt(rank));
        }
        return all;
    }

    private static void addById(CandidateSet candidates, Set<String> ids, Set<CandidateOffer> touched) {
        for (String id : ids) {
            CandidateOffer offer = candidates.byId(id);
            if (offer != null) {
                touched.add(offer);
            }
        }
    }

    /** Noisy-or of the evidence reaching one offer, and its strongest piece for the reason. */
    private static final class Affinity {
        private double miss = 1.0;
        private Evidence.Item bestItem;
        private Neighbour bestNeighbour;
        private double bestStrength = -1;

        void add(Evidence.Item item, Neighbour neighbour, double strength) {
            miss *= 1.0 - strength;
            if (strength > bestStrength) {
                bestStrength = strength;
                bestItem = item;
                bestNeighbour = neighbour;
            }
        }

        double value() {
            return 1.0 - miss;
        }
    }

    /**
     * The offers nothing of this person touches, in an exploring decision: each scored with a lift
     * drawn from its posterior instead of the prepared one, and taken best first from a heap, so
     * the walk costs a draw per offer and a heap step per offer it looks at, not a sort.
     */
    private final class Draws {
        private final CandidateSet candidates;
        private final Snapshot snapshot;
        private final double[] scores;
        private final double[] propensities;
        private final double[] drawn;
        private final int[] heap;
        private int size;

        Draws(CandidateSet candidates, Set<CandidateOffer> touched, Snapshot snapshot) {
            this.candidates = candidates;
            this.snapshot = snapshot;
            int n = candidates.size();
            scores = new double[n];
            propensities = new double[n];
            drawn = new double[n];
            heap = new int[n];
            String segment = candidates.segment();
            for (int rank = 0; rank < n; rank++) {
                CandidateOffer offer = candidates.offerAt(rank);
                if (touched.contains(offer)) {
                    continue;
                }
                drawn[rank] = policy.sampledRate(snapshot.learned().counts(offer.id(), segment), snapshot.random());
                propensities[rank] = candidates.basePropensity(candidates.popularityAt(rank)) * drawn[rank] / policy.priorMean();
                scores[rank] = propensities[rank] * offer.value() * candidates.strategy().lever(offer);
                heap[size++] = rank;
            }
            for (int i = size / 2 - 1; i >= 0; i--) {
                down(i);
            }
        }

        Scored best() {
            if (size == 0) {
                return null;
            }
            int rank = heap[0];
            CandidateOffer offer = candidates.offerAt(rank);
            return new Scored(offer, scores[rank], propensities[rank], 0.0,
                    candidates.popularityAt(rank), drawn[rank] / policy.priorMean(), 1.0, 1.0, null, null, null,
                    snapshot.learned().counts(offer.id(), candidates.segment()), candidates.segment(), 0, null,
                    candidates.strategy().lever(offer), drawn[rank], false);
        }

        void next() {
            heap[0] = heap[--size];
            down(0);
        }

        private boolean before(int a, int b) {
            int order = Double.compare(scores[b], scores[a]);
            return order != 0 ? order < 0 : candidates.offerAt(a).id().compareTo(candidates.offerAt(b).id()) < 0;
        }

        private void down(int i) {
            while (true) {
                int left = 2 * i + 1;
                if (left >= size) {
                    return;
                }
                int child = left + 1 < size && before(heap[left + 1], heap[left]) ? left + 1 : left;
                if (!before(heap[child], heap[i])) {
                    return;
                }
                int swap = heap[i];
                heap[i] = heap[child];
                heap[child] = swap;
                i = child;
            }
        }
    }

    /** The score of an offer nothing of this person touches: precomputed in the candidate set. */
    private Scored untouched(CandidateSet candidates, int rank, LearnedResponses learned) {
        CandidateOffer offer = candidates.offerAt(rank);
        Strategy strategy = candidates.strategy();
        return new Scored(offer, candidates.baseScoreAt(rank), candidates.propensityAt(rank), 0.0,
                candidates.popularityAt(rank), candidates.liftAt(rank), 1.0, 1.0, null, null, null,
                strategy.learning() ? learned.counts(offer.id(), candidates.segment()) : null,
                candidates.segment(), 0, null, strategy.lever(offer), Double.NaN, !strategy.personal());
    }

    private Scored score(CandidateOffer offer, Affinity reached, Snapshot snapshot, Pressure pressure, boolean exploring) {
        Strategy strategy = snapshot.strategy();
        String segment = snapshot.candidates().segment();
        double lever = strategy.lever(offer);
        String moment = offer.lifeEvent() == null || snapshot.customer() == null ? null
                : offer.lifeEvent().match(snapshot.customer().lifeEvents(), snapshot.context().localTime().toLocalDate());
        if (!strategy.personal()) {
            return new Scored(offer, offer.value() * lever, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0, null, null, null, null, segment,
                    0, moment, lever, Double.NaN, true);
        }
        double affinity = reached == null ? 0.0 : reached.value();
        double popularity = snapshot.candidates().popularityOf(offer);
        LearnedResponses.Counts counts = snapshot.learned().counts(offer.id(), segment);
        double drawn = exploring ? policy.sampledRate(counts, snapshot.random()) : Double.NaN;
        double lift = exploring ? drawn / policy.priorMean() : strategy.learning() ? policy.learnedLift(counts) : 1.0;
        double propensity = Math.max(policy.basePropensity(),
                affinity + (1.0 - affinity) * policy.popularityWeight() * popularity) * lift;
        String inMarket = inMarket(offer, snapshot.context());
        double contextWeight = (inMarket == null ? 1.0 : policy.inMarketBoost()) * (moment == null ? 1.0 : LifeEventTarget.BOOST);
        double novelty = pressure.novelty(offer.id());
        double score = propensity * offer.value() * lever * contextWeight * novelty;
        return new Scored(offer, score, propensity, affinity, popularity, lift, contextWeight, novelty,
                reached == null ? null : reached.bestItem, reached == null ? null : reached.bestNeighbour, inMarket,
                strategy.learning() || exploring ? counts : null, segment, pressure.unansweredShows(offer.id()), moment,
                lever, drawn, false);
    }

    private static List<String> sessionSkus(SessionContext context) {
        if (context.currentProduct() == null) {
            return context.cart();
        }
        List<String> session = new ArrayList<>(context.cart().size() + 1);
        session.addAll(context.cart());
        session.add(context.currentProduct());
        return session;
    }

    /** The session touches what the offer promotes: a target SKU or category in the cart or on screen. */
    private static String inMarket(CandidateOffer offer, SessionContext context) {
        for (String sku : sessionSkus(context)) {
            if (offer.targetSkus().contains(sku)) {
                return context.nameOf(sku) + " is in this session";
            }
            String category = context.categoryOf(sku);
            if (category != null && offer.targetCategories().contains(category)) {
                return "This session is in category " + category;
            }
        }
        return null;
    }

    /** 30 days, 1 day, or 36 hours when not whole days. */
    private static String days(java.time.Duration period) {
        long days = period.toDays();
        if (period.equals(java.time.Duration.ofDays(days))) {
            return days + (days == 1 ? " day" : " days");
        }
        return period.toHours() + " hours";
    }

    private List<String> notes(Snapshot snapshot, Evidence evidence, Pressure pressure) {
        List<String> notes = new ArrayList<>(2);
        if (pressure.level() > 0) {
            notes.add("No response to the last " + pressure.unanswered() + " contacts: contact caps lowered (level "
                    + pressure.level() + ")");
        }
        if (!snapshot.strategy().personal()) {
            notes.add("Control group: eligible offers ranked by business value × lever alone, nothing of the person weighed");
        } else if (!snapshot.modelAvailable() && snapshot.strategy().coPurchase()) {
            notes.add("Co-purchase model not available: ranked without co-purchase affinity");
        } else if (evidence.isEmpty()) {
            notes.add(snapshot.customer() == null
                    ? "Anonymous visitor with an empty session: ranked by popularity and value"
                    : "No recent purchase and an empty session: ranked by popularity and value");
        }
        return notes;
    }

    private void drop(Snapshot snapshot, List<DroppedOffer> dropped, int[] total, DroppedOffer offer) {
        total[0]++;
        if (snapshot.explain() && dropped.size() < policy.maxDroppedListed()) {
            dropped.add(offer);
        }
    }

    private record Scored(CandidateOffer offer, double score, double propensity, double affinity, double popularity,
                          double lift, double contextWeight, double novelty, Evidence.Item because, Neighbour via,
                          String inMarket, LearnedResponses.Counts counts, String segment, int unansweredShows,
                          String moment, double lever, double drawn, boolean control) {

        boolean explored() {
            return !Double.isNaN(drawn);
        }

        RankedOffer rank(int rank, boolean hasRule, CustomerProfile customer, String storeName, ScoringPolicy policy) {
            return new RankedOffer(offer, rank, score, propensity, affinity, popularity, lift, contextWeight, novelty,
                    reasons(hasRule, policy),
                    offer.template().render(MessageFields.of(customer, offer.reliability(), moment).inStore(storeName)),
                    lever, explored(), plainReason());
        }

        /**
         * The strongest reason in words a person says on the phone: the moment in their life, what they bought or
         * have in hand, that people like them accept it, that it is popular; never a figure, a lift or a rule.
         */
        String plainReason() {
            if (moment != null) {
                return moment;
            }
            if (because != null) {
                return because.label();
            }
            if (inMarket != null) {
                return inMarket;
            }
            if (counts != null && !explored() && counts.accepts() > 0 && lift > 1) {
                return "Customers like them often accept it";
            }
            return popularity > 0 ? "A popular choice with our customers" : null;
        }

        private List<String> reasons(boolean hasRule, ScoringPolicy policy) {
            List<String> reasons = new ArrayList<>(5);
            if (explored()) {
                long impressions = Math.max(counts.impressions(), counts.accepts());
                reasons.add("Exploring: acceptance drawn at " + percent(drawn) + " from what " + impressions
                        + (impressions == 1 ? " impression" : " impressions") + " taught (mean "
                        + percent(policy.posteriorMean(counts)) + ")");
            }
            if (moment != null) {
                reasons.add(moment);
            }
            if (control) {
                reasons.add("Control group: ranked by business value alone, not personalised");
            }
            if (because != null) {
                reasons.add(because.label() + ": " + percent(via.confidence()) + " of baskets with it also hold " + via.sku()
                        + " (lift " + oneDecimal(via.lift()) + ")");
            }
            if (inMarket != null) {
                reasons.add(inMarket);
            }
            if (because == null && popularity > 0) {
                reasons.add("Popular: in " + percent(popularity) + " of baskets");
            }
            if (counts != null && !explored() && counts.impressions() + counts.accepts() > 0) {
                reasons.add("Accepted in " + counts.accepts() + " of " + Math.max(counts.impressions(), counts.accepts())
                        + " impressions in segment " + segment + ": learned lift " + oneDecimal(lift));
            }
            if (unansweredShows > 0) {
                reasons.add("Shown " + unansweredShows + (unansweredShows == 1 ? " time" : " times")
                        + " lately without a response: novelty " + number(novelty));
            }
            if (offer.targetsNothing()) {
                reasons.add("Service offer: relevant to anyone");
            }
            if (hasRule) {
                reasons.add("Meets its eligibility rule");
            }
            reasons.add("Business value " + number(offer.value()) + " × lever " + number(lever));
            return List.copyOf(reasons);
        }

        /** 43 % or 4.5 %: whole percents from 10 up. String.format is too slow for every decision. */
        private static String percent(double share) {
            double value = share * 100;
            return (value >= 10 ? String.valueOf(Math.round(value)) : oneDecimal(value)) + " %";
        }

        private static String oneDecimal(double value) {
            long tenths = Math.round(value * 10);
            return (tenths < 0 ? "-" : "") + Math.abs(tenths) / 10 + "." + Math.abs(tenths) % 10;
        }

        private static String number(double value) {
            if (value == Math.rint(value)) {
                return String.valueOf((long) value);
            }
            long hundredths = Math.round(value * 100);
            return hundredths / 100 + "." + (hundredths % 100 < 10 ? "0" : "") + hundredths % 100;
        }
    }
}
