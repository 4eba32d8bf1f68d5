package dev.pertinence.decision;

/**
 * The tunables of scoring (documented in docs/scoring.md).
 *
 * @param recencyHalfLifeDays evidence from a purchase halves every this many days
 * @param popularityWeight    share of item/category popularity blended into propensity (0..1)
 * @param basePropensity      floor of the propensity, so an offer with no signal still ranks by value
 * @param inMarketBoost       context weight when the session (cart, viewed product) touches the offer's targets
 * @param evidenceItems       most recent distinct purchased SKUs used as evidence
 * @param maxDroppedListed    with explain, at most this many dropped offers are listed (all are counted)
 */
public record ScoringPolicy(double recencyHalfLifeDays, double popularityWeight, double basePropensity,
                            double inMarketBoost, int evidenceItems, int maxDroppedListed) {

    public static final ScoringPolicy DEFAULT = new ScoringPolicy(30, 0.5, 0.01, 1.3, 20, 200);
}
