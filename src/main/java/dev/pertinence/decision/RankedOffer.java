package dev.pertinence.decision;

import java.util.List;

/**
 * A chosen offer: its place, its score and the factors of the score, and why, in words.
 *
 * @param learnedLift its acceptance in the person's segment relative to the prior (1 = nothing learnt)
 * @param novelty     1 unless the person saw it lately without answering
 * @param message     the offer's message rendered for this person
 * @param lever       the offer's lever under the decision's strategy
 * @param explored    ranked by Thompson sampling: learnedLift is then the drawn rate over the prior's mean
 * @param plainReason the strongest reason it fits the person, in words for a person on the phone ("Bought Herbs
 *                    yesterday"): no figures, no technical term; null when nothing personal speaks for it
 * @param showProbability the probability with which the decision's strategy would have shown it (1 for a strategy that
 *                    never explores; estimated for one that does: {@link ShowProbabilities}). Not the
 *                    {@code propensity} factor of the score, which is the chance the person accepts it
 */
public record RankedOffer(CandidateOffer offer, int rank, double score, double propensity, double affinity,
                          double popularity, double learnedLift, double contextWeight, double novelty,
                          List<String> reasons, String message, double lever, boolean explored, String plainReason,
                          double showProbability) {

    public RankedOffer(CandidateOffer offer, int rank, double score, double propensity, double affinity, double popularity,
                       double learnedLift, double contextWeight, double novelty, List<String> reasons, String message,
                       double lever, boolean explored, String plainReason) {
        this(offer, rank, score, propensity, affinity, popularity, learnedLift, contextWeight, novelty, reasons, message, lever,
                explored, plainReason, 1.0);
    }

    public RankedOffer(CandidateOffer offer, int rank, double score, double propensity, double affinity, double popularity,
                       double learnedLift, double contextWeight, double novelty, List<String> reasons, String message,
                       double lever, boolean explored) {
        this(offer, rank, score, propensity, affinity, popularity, learnedLift, contextWeight, novelty, reasons, message, lever,
                explored, null);
    }

    public RankedOffer(CandidateOffer offer, int rank, double score, double propensity, double affinity, double popularity,
                       double learnedLift, double contextWeight, double novelty, List<String> reasons) {
        this(offer, rank, score, propensity, affinity, popularity, learnedLift, contextWeight, novelty, reasons, offer.message(),
                offer.lever(), false);
    }

    /** The same offer at another place (after the reservation let a higher one go). */
    public RankedOffer at(int newRank) {
        return new RankedOffer(offer, newRank, score, propensity, affinity, popularity, learnedLift, contextWeight,
                novelty, reasons, message, lever, explored, plainReason, showProbability);
    }

    /** The same offer with the probability its strategy would have shown it. */
    public RankedOffer shownWith(double probability) {
        return new RankedOffer(offer, rank, score, propensity, affinity, popularity, learnedLift, contextWeight,
                novelty, reasons, message, lever, explored, plainReason, probability);
    }
}
