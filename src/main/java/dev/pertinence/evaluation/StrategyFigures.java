package dev.pertinence.evaluation;

/**
 * How one way of choosing offers did over the replayed cases.
 *
 * @param strategy    strategy (the current one, or the draft), no_copurchase (the same without the co-purchase affinity),
 *                    popularity, or current (the current one beside a draft)
 * @param cases       cases replayed
 * @param hits        cases where at least one of the top k offers promotes something in the answer
 * @param hitRate     hits / cases, with a Wilson interval
 * @param precision   mean over cases of (offers in the top k that promote something in the answer) / k, normal interval
 * @param recall      mean over cases of (items of the answer some top-k offer promotes) / (items of the answer), normal interval
 * @param coverage    distinct offers that reached some top k / candidate offers (a property of the run: no interval)
 * @param offersShown distinct offers that reached some top k
 */
public record StrategyFigures(String strategy, long cases, long hits, Estimate hitRate, Estimate precision, Estimate recall,
                             double coverage, int offersShown) {
}
