package dev.pertinence.decision;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * The probability with which an exploring strategy would have shown each offer it showed: what an
 * off-policy estimate divides by (docs/evaluation.md, "Off-policy estimates"). The strategy is a
 * mixture: with probability 1 − ε it ranks by the learned means (greedy), with ε by rates drawn
 * from the offers' Beta posteriors (Thompson sampling), so
 *
 * <pre>p(offer shown) = (1 − ε) · 1[in the greedy top n] + ε · P_TS(in the top n)</pre>
 *
 * P_TS has no closed form for a top n among many posteriors: it is estimated by {@link Bounds#draws}
 * seeded draws of the whole ranking (fewer for a decision that did not explore: {@link #rankings}). A
 * decision that explored is itself one such draw and counts as one (so an offer it showed never gets 0). Only a
 * <em>pool</em> of offers is drawn: always the offers the decision showed and the greedy top n (what the strategy
 * shows when it does not explore, found by the engine's own walk, however many rarely shown offers rank above it by
 * optimism: the greedy term and the competition it puts up in every draw depend on it); then those that could enter
 * the top n, taken by their optimistic score (the posterior's mean + 4 standard deviations), best first, eligible
 * ones only, until the next optimistic score falls below the n-th best pessimistic one (mean − 4 sd) of distinct
 * categories, and never more than {@link Bounds#pool} of them. An offer outside the pool is treated as never shown
 * by a draw.
 *
 * <p>A strategy that never explores is deterministic: every probability is 1, and none of this runs.
 */
public final class ShowProbabilities {

    private static final double SPREAD = 4.0;

    /** At most {@code draws} seeded rankings drawn, among at most {@code pool} offers. */
    public record Bounds(int draws, int pool) {
        public static final Bounds DEFAULT = new Bounds(100, 32);

        public Bounds {
            if (draws < 1 || pool < 1) {
                throw new IllegalArgumentException("draws and pool must be positive");
            }
        }
    }

    /**
     * An offer that might be shown: its score without the learned lift ({@code base}), its counts (for the draws) and
     * category. Only eligible offers are entries.
     */
    record Entry(String offerId, String category, double base, LearnedResponses.Counts counts) {
    }

    private ShowProbabilities() {
    }

    /**
     * The probability of each of {@code shown} (the offers the decision showed) under the mixture.
     *
     * @param pool          eligible entries, best optimistic score first (the shown offers and the greedy top n among them)
     * @param greedy        the greedy top n: what the decision would have shown had it not explored (the shown offers
     *                      when it did not)
     * @param explored      whether this decision ranked by Thompson sampling (else it was the greedy ranking)
     * @param limit         n: offers a ranking keeps
     * @param sameCategory  whether two offers of a category may both be kept
     * @param epsilon       the strategy's exploration share
     * @param seed          seeds the draws (from the decision's own generator)
     */
    static Map<String, Double> estimate(List<Entry> pool, Set<String> shown, Set<String> greedy, boolean explored, int limit,
                                        boolean sameCategory, double epsilon, ScoringPolicy policy, int draws, long seed) {
        int n = pool.size();
        int[] hits = new int[n];
        SplittableRandom random = new SplittableRandom(seed);
        double[] drawn = new double[n];
        boolean[] kept = new boolean[n];
        int rankings = rankings(draws, epsilon, explored);
        for (int draw = 0; draw < rankings; draw++) {
            for (int i = 0; i < n; i++) {
                Entry entry = pool.get(i);
                drawn[i] = entry.base() * policy.sampledRate(entry.counts(), random) / policy.priorMean();
            }
            top(pool, drawn, limit, sameCategory, kept);
            for (int i = 0; i < n; i++) {
                if (kept[i]) {
                    hits[i]++;
                }
            }
        }
        Map<String, Integer> hitsById = new HashMap<>();
        for (int i = 0; i < n; i++) {
            hitsById.put(pool.get(i).offerId(), hits[i]);
        }
        Map<String, Double> probabilities = new HashMap<>();
        for (String id : shown) {
            int hit = hitsById.getOrDefault(id, 0);
            double thompson = explored ? (hit + 1.0) / (rankings + 1.0) : hit / (double) rankings; // this decision is one draw
            probabilities.put(id, (1.0 - epsilon) * (greedy.contains(id) ? 1.0 : 0.0) + epsilon * thompson);
        }
        return probabilities;
    }

    /**
     * Rankings drawn: all {@code draws} for a decision that explored (an offer it showed may owe everything to
     * exploration: p = ε · P_TS, whose relative precision needs them all); for one that did not, whose offers have
     * p ≥ 1 − ε, draws · ε / (1 − ε) (at least 1, at most draws) keep the standard error of p, ε · √(P(1 − P) / n),
     * at most 0.5 · √(ε (1 − ε) / draws) ≤ 0.025 for 100: as precise, for a tenth of the cost at ε = 0.1 (all of them
     * from ε = 0.5 up; at ε = 1 the ratio is infinite).
     */
    static int rankings(int draws, double epsilon, boolean explored) {
        if (explored) {
            return draws;
        }
        return (int) Math.max(1, Math.min(draws, Math.ceil(draws * epsilon / (1.0 - epsilon))));
    }

    /**
     * Marks in {@code kept} the best {@code limit} entries by {@code scores} (ties by offer id), one per category unless
     * allowed: a selection, not a sort (a pool is a few dozen entries, a top n a few).
     */
    private static void top(List<Entry> pool, double[] scores, int limit, boolean sameCategory, boolean[] kept) {
        int n = pool.size();
        java.util.Arrays.fill(kept, false);
        List<String> categories = new ArrayList<>(limit);
        for (int picked = 0; picked < limit; picked++) {
            int best = -1;
            for (int i = 0; i < n; i++) {
                if (kept[i] || (!sameCategory && pool.get(i).category() != null && categories.contains(pool.get(i).category()))) {
                    continue;
                }
                if (best < 0 || scores[i] > scores[best]
                        || (scores[i] == scores[best] && pool.get(i).offerId().compareTo(pool.get(best).offerId()) < 0)) {
                    best = i;
                }
            }
            if (best < 0) {
                return;
            }
            kept[best] = true;
            if (pool.get(best).category() != null) {
                categories.add(pool.get(best).category());
            }
        }
    }

    /** The posterior's mean ± 4 standard deviations, as a lift (over the prior's mean), clipped to [0, 1] as a rate. */
    static double optimisticLift(LearnedResponses.Counts counts, ScoringPolicy policy) {
        return Math.min(1.0, mean(counts, policy) + SPREAD * sd(counts, policy)) / policy.priorMean();
    }

    static double pessimisticLift(LearnedResponses.Counts counts, ScoringPolicy policy) {
        return Math.max(0.0, mean(counts, policy) - SPREAD * sd(counts, policy)) / policy.priorMean();
    }

    private static double mean(LearnedResponses.Counts counts, ScoringPolicy policy) {
        return policy.posteriorMean(counts);
    }

    private static double sd(LearnedResponses.Counts counts, ScoringPolicy policy) {
        double impressions = Math.max(counts.impressions(), counts.accepts());
        double a = counts.accepts() + policy.priorAccepts();
        double b = impressions - counts.accepts() + policy.priorDeclines();
        double sum = a + b;
        return Math.sqrt(a * b / (sum * sum * (sum + 1.0)));
    }

    /**
     * Whether the pool is complete: the n-th best pessimistic score among the eligible entries kept (one per
     * category unless allowed) already beats {@code nextOptimistic}, so no offer further down could enter a top n
     * but with a chance beyond 4 standard deviations.
     */
    static boolean complete(List<Double> pessimisticByCategory, int limit, double nextOptimistic) {
        if (pessimisticByCategory.size() < limit) {
            return false;
        }
        List<Double> sorted = new ArrayList<>(pessimisticByCategory);
        sorted.sort(Comparator.reverseOrder());
        return sorted.get(limit - 1) > nextOptimistic;
    }
}
