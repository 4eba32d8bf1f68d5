package dev.pertinence.evaluation;

import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.experiment.Means;
import dev.pertinence.experiment.Proportions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * The figures of one strategy over the replayed cases, added case by case: hit rate@k, precision@k,
 * recall@k and catalogue coverage. An offer answers a case when it promotes one of the items bought
 * (time split: after the cut; basket completion: the hidden item), by SKU or by the item's category.
 *
 * <p>Intervals (95 %): Wilson's score interval for the hit rate, a proportion of cases (sound at 0, 1
 * and few cases); the normal approximation for precision and recall, means of per-case shares in
 * [0, 1] (sound with the hundreds of cases an evaluation replays; none below two cases). Coverage is
 * a property of the run, not an estimate: no interval.
 */
public final class Scorecard {

    private final String strategy;
    private final int k;
    private long cases;
    private long hits;
    private double precisionSum;
    private double precisionSquares;
    private double recallSum;
    private double recallSquares;
    private final Set<String> shown = new HashSet<>();

    public Scorecard(String strategy, int k) {
        if (k <= 0) {
            throw new IllegalArgumentException("k must be positive");
        }
        this.strategy = strategy;
        this.k = k;
    }

    /** How one case's top k met its answer. */
    public record CaseScore(int answeringOffers, int coveredItems, int answerItems) {
    }

    /**
     * Scores the offers chosen (at most k, best first) against the items of the answer;
     * {@code categoryOf} gives an item's category, or null.
     */
    public static CaseScore score(List<CandidateOffer> chosen, Set<String> answer, Function<String, String> categoryOf) {
        Set<String> covered = new HashSet<>();
        int answering = 0;
        for (CandidateOffer offer : chosen) {
            boolean answers = false;
            for (String item : answer) {
                if (offer.targetSkus().contains(item) || (!offer.targetCategories().isEmpty()
                        && offer.targetCategories().contains(categoryOf.apply(item)))) {
                    covered.add(item);
                    answers = true;
                }
            }
            if (answers) {
                answering++;
            }
        }
        return new CaseScore(answering, covered.size(), answer.size());
    }

    /** Adds one case: the offers chosen for it, best first (at most k are counted), and its score. */
    public void add(List<CandidateOffer> chosen, CaseScore score) {
        cases++;
        if (score.answeringOffers() > 0) {
            hits++;
        }
        double precision = Math.min(score.answeringOffers(), k) / (double) k;
        double recall = score.answerItems() == 0 ? 0.0 : score.coveredItems() / (double) score.answerItems();
        precisionSum += precision;
        precisionSquares += precision * precision;
        recallSum += recall;
        recallSquares += recall * recall;
        for (int i = 0; i < chosen.size() && i < k; i++) {
            shown.add(chosen.get(i).id());
        }
    }

    public long cases() {
        return cases;
    }

    /** The figures so far, coverage over {@code candidates} offers. */
    public StrategyFigures figures(int candidates) {
        Proportions.Interval hitRate = Proportions.wilson(hits, cases, Proportions.Z95);
        return new StrategyFigures(strategy, cases, hits,
                cases == 0 ? new Estimate(0, null, null) : new Estimate(hits / (double) cases, hitRate.low(), hitRate.high()),
                mean(precisionSum, precisionSquares), mean(recallSum, recallSquares),
                candidates == 0 ? 0.0 : shown.size() / (double) candidates, shown.size());
    }

    private Estimate mean(double sum, double squares) {
        if (cases == 0) {
            return new Estimate(0, null, null);
        }
        Means.Interval interval = Means.of(sum, squares, cases, Proportions.Z95);
        if (interval == null) {
            return new Estimate(sum / cases, null, null);
        }
        // a share's interval stays within [0, 1]
        return new Estimate(sum / cases, Math.max(0, interval.low()), Math.min(1, interval.high()));
    }
}
