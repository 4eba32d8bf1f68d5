package dev.pertinence.decision;

import dev.pertinence.decision.Popularity;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The candidate offers of one channel, placement and segment, prepared once per catalogue and
 * model version. An offer that no evidence of a person touches scores the same for everyone in
 * the segment ({@code max(base, popularityWeight × popularity) × learned lift × value × lever}),
 * so those offers are sorted here once; a decision scores only the offers its evidence touches
 * (found through the target indexes), and those whose learned counts changed since this set was
 * prepared, and merges them into this order. A decision over 10,000 offers thus costs about what
 * one over 100 does. The order is the {@link Strategy}'s: under a control strategy, value × lever.
 */
public final class CandidateSet {

    private final ScoringPolicy policy;
    private final Popularity popularity;
    private final CandidateOffer[] byBaseScore;
    private final double[] baseScores;
    private final double[] popularities;
    private final double[] lifts;
    private final double[] propensities;
    private final String segment;
    private final Strategy strategy;
    private final long learnedVersion;
    private final Map<String, CandidateOffer> byId = new HashMap<>();
    private final Map<String, Integer> rankById = new HashMap<>();
    /** For a strategy that explores: the ranks by optimistic score, best first, and those scores (ShowProbabilities). */
    private final int[] byOptimism;
    private final double[] optimisms;
    private final Map<String, List<CandidateOffer>> bySku = new HashMap<>();
    private final Map<String, List<CandidateOffer>> byCategory = new HashMap<>();
    /** Offers for a moment: always scored for the person (eligible only when their moment has come). */
    private final List<CandidateOffer> forMoments = new ArrayList<>(0);

    private CandidateSet(List<CandidateOffer> offers, Popularity popularity, ScoringPolicy policy,
                         LearnedResponses learned, String segment, Strategy strategy) {
        this.policy = policy;
        this.popularity = popularity;
        this.segment = segment;
        this.strategy = strategy;
        this.learnedVersion = learned.version(); // read before the counts: a change racing this build is listed as changed
        int n = offers.size();
        Integer[] order = new Integer[n];
        double[] scores = new double[n];
        double[] pops = new double[n];
        double[] liftOf = new double[n];
        double[] propensityOf = new double[n];
        for (int i = 0; i < n; i++) {
            CandidateOffer offer = offers.get(i);
            order[i] = i;
            byId.put(offer.id(), offer);
            pops[i] = strategy.personal() ? popularityOf(offer) : 0.0;
            liftOf[i] = strategy.learning() ? policy.learnedLift(learned.counts(offer.id(), segment)) : 1.0;
            propensityOf[i] = strategy.personal() ? basePropensity(pops[i]) * liftOf[i] : 1.0;
            scores[i] = propensityOf[i] * offer.value() * strategy.lever(offer);
            offer.targetSkus().forEach(sku -> bySku.computeIfAbsent(sku, k -> new ArrayList<>(1)).add(offer));
            offer.targetCategories().forEach(c -> byCategory.computeIfAbsent(c, k -> new ArrayList<>(4)).add(offer));
            if (offer.lifeEvent() != null) {
                forMoments.add(offer);
            }
        }
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> offers.get(i).id()));
        byBaseScore = new CandidateOffer[n];
        baseScores = new double[n];
        popularities = new double[n];
        lifts = new double[n];
        propensities = new double[n];
        for (int rank = 0; rank < n; rank++) {
            byBaseScore[rank] = offers.get(order[rank]);
            baseScores[rank] = scores[order[rank]];
            popularities[rank] = pops[order[rank]];
            lifts[rank] = liftOf[order[rank]];
            propensities[rank] = propensityOf[order[rank]];
            rankById.put(byBaseScore[rank].id(), rank);
        }
        if (strategy.exploration() > 0) {
            optimisms = new double[n];
            Integer[] optimistic = new Integer[n];
            for (int rank = 0; rank < n; rank++) {
                CandidateOffer offer = byBaseScore[rank];
                optimisms[rank] = basePropensity(popularities[rank]) * offer.value() * strategy.lever(offer)
                        * ShowProbabilities.optimisticLift(learned.counts(offer.id(), segment), policy);
                optimistic[rank] = rank;
            }
            Arrays.sort(optimistic, Comparator.<Integer>comparingDouble(rank -> -optimisms[rank]));
            byOptimism = new int[n];
            for (int i = 0; i < n; i++) {
                byOptimism[i] = optimistic[i];
            }
        } else {
            byOptimism = null;
            optimisms = null;
        }
    }

    public static CandidateSet of(List<CandidateOffer> offers, Popularity popularity, ScoringPolicy policy) {
        return new CandidateSet(offers, popularity, policy, LearnedResponses.NONE, Segments.ANONYMOUS, Strategy.PERSONALISED);
    }

    public static CandidateSet of(List<CandidateOffer> offers, Popularity popularity, ScoringPolicy policy,
                                  LearnedResponses learned, String segment) {
        return new CandidateSet(offers, popularity, policy, learned, segment, Strategy.PERSONALISED);
    }

    /** The candidates ordered as {@code strategy} ranks the offers no evidence of a person touches. */
    public static CandidateSet of(List<CandidateOffer> offers, Popularity popularity, ScoringPolicy policy,
                                  LearnedResponses learned, String segment, Strategy strategy) {
        return new CandidateSet(offers, popularity, policy, learned, segment, strategy);
    }

    public Strategy strategy() {
        return strategy;
    }

    public String segment() {
        return segment;
    }

    /** The learned-responses version this set's order reflects. */
    public long learnedVersion() {
        return learnedVersion;
    }

    public int size() {
        return byBaseScore.length;
    }

    public ScoringPolicy policy() {
        return policy;
    }

    /** Highest share of baskets holding one of the offer's target SKUs or categories. */
    double popularityOf(CandidateOffer offer) {
        double best = 0.0;
        for (String sku : offer.targetSkus()) {
            best = Math.max(best, popularity.ofSku(sku));
        }
        for (String category : offer.targetCategories()) {
            best = Math.max(best, popularity.ofCategory(category));
        }
        return best;
    }

    /** The co-purchase part of the propensity of an offer no evidence touches. */
    double basePropensity(double offerPopularity) {
        return Math.max(policy.basePropensity(), policy.popularityWeight() * offerPopularity);
    }

    CandidateOffer offerAt(int rank) {
        return byBaseScore[rank];
    }

    double baseScoreAt(int rank) {
        return baseScores[rank];
    }

    double popularityAt(int rank) {
        return popularities[rank];
    }

    double liftAt(int rank) {
        return lifts[rank];
    }

    double propensityAt(int rank) {
        return propensities[rank];
    }

    /**
     * For a strategy that explores: the i-th rank by optimistic score (the learned mean + 4 sd, as prepared), best first.
     * An offer whose counts changed since is scored by the decision itself (it is touched).
     */
    int byOptimism(int i) {
        return byOptimism[i];
    }

    /** The optimistic score of the candidate at this rank, as prepared (for a strategy that explores). */
    double optimismAt(int rank) {
        return optimisms[rank];
    }

    /** The rank of the candidate with this id in the prepared order; -1 when it is not a candidate here. */
    int rankOf(String offerId) {
        Integer rank = rankById.get(offerId);
        return rank == null ? -1 : rank;
    }

    /** The candidate with this id, or null when the offer is not a candidate here. */
    CandidateOffer byId(String offerId) {
        return byId.get(offerId);
    }

    List<CandidateOffer> targetingSku(String sku) {
        return bySku.getOrDefault(sku, List.of());
    }

    List<CandidateOffer> targetingCategory(String category) {
        return byCategory.getOrDefault(category, List.of());
    }

    List<CandidateOffer> forMoments() {
        return forMoments;
    }
}
