package dev.pertinence.decision;

import java.util.List;

/**
 * The outcome: the offers, best first; with explain, the offers left out and why (at most
 * {@link ScoringPolicy#maxDroppedListed()} listed, {@code droppedTotal} counted); and notes on
 * the decision as a whole (cold start, degraded inputs).
 */
public record Decision(List<RankedOffer> offers, List<DroppedOffer> dropped, int droppedTotal, List<String> notes) {
}
