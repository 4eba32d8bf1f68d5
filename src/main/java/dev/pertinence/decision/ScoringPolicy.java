package dev.pertinence.decision;

import java.util.random.RandomGenerator;

/**
 * The tunables of scoring (documented in docs/scoring.md).
 *
 * @param recencyHalfLifeDays evidence from a purchase halves every this many days
 * @param popularityWeight    share of item/category popularity blended into propensity (0..1)
 * @param basePropensity      floor of the propensity, so an offer with no signal still ranks by value
 * @param inMarketBoost       context weight when the session (cart, viewed product) touches the offer's targets
 * @param evidenceItems       most recent distinct purchased SKUs used as evidence
 * @param maxDroppedListed    with explain, at most this many dropped offers are listed (all are counted)
 * @param priorAccepts        α of the Beta prior on an offer's acceptance rate in a segment
 * @param priorDeclines       β of that prior: α / (α + β) is the rate assumed before any impression
 */
public record ScoringPolicy(double recencyHalfLifeDays, double popularityWeight, double basePropensity,
                            double inMarketBoost, int evidenceItems, int maxDroppedListed, double priorAccepts,
                            double priorDeclines) {

    public static final ScoringPolicy DEFAULT = new ScoringPolicy(30, 0.5, 0.01, 1.3, 20, 200, 1, 19);

    /**
     * The offer's Beta-smoothed acceptance rate in the segment over the prior's mean: 1 with no
     * impressions, above 1 when people accept it more often than assumed, below when less.
     * <pre>lift = ((accepts + α) / (impressions + α + β)) / (α / (α + β))</pre>
     * Impressions count at least as many as acceptances (a caller may report an acceptance without the impression).
     */
    public double learnedLift(LearnedResponses.Counts counts) {
        if (counts.impressions() == 0 && counts.accepts() == 0) {
            return 1.0;
        }
        return posteriorMean(counts) / priorMean();
    }

    /** α / (α + β): the acceptance rate assumed before any impression. */
    public double priorMean() {
        return priorAccepts / (priorAccepts + priorDeclines);
    }

    /** The mean of the posterior Beta(α + accepts, β + impressions − accepts). */
    public double posteriorMean(LearnedResponses.Counts counts) {
        double impressions = Math.max(counts.impressions(), counts.accepts());
        return (counts.accepts() + priorAccepts) / (impressions + priorAccepts + priorDeclines);
    }

    /**
     * Thompson sampling: an acceptance rate drawn from the posterior Beta(α + accepts, β +
     * impressions − accepts). Few impressions give a wide posterior, so a new offer is sometimes
     * drawn high and shown: its fair chance.
     */
    public double sampledRate(LearnedResponses.Counts counts, RandomGenerator random) {
        double impressions = Math.max(counts.impressions(), counts.accepts());
        return BetaDraw.sample(random, counts.accepts() + priorAccepts, impressions - counts.accepts() + priorDeclines);
    }
}
