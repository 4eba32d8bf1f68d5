package dev.pertinence.evaluation;

import java.util.List;
import java.util.Map;

/**
 * What an evaluation found: the same cases scored for each strategy, side by side.
 *
 * @param eligible        cases the data held (customers with purchases on both sides of the cut; held-out baskets of two
 *                        items or more) before sampling
 * @param cases           cases replayed (the seeded sample of the eligible ones)
 * @param skipped         eligible cases left out, by reason (no_profiling_consent, no_offers_consent)
 * @param trainingBaskets baskets the in-memory co-purchase model was counted from
 * @param modelItems      items in that model
 * @param candidates      candidate offers the decisions chose from
 * @param durationMs      how long the run took, reading included
 * @param strategies      strategy, no_copurchase and popularity, in that order; then current when a draft was evaluated
 */
public record EvaluationResult(int k, long eligible, long cases, Map<String, Long> skipped, long trainingBaskets, int modelItems,
                               int candidates, long durationMs, List<StrategyFigures> strategies) {
}
