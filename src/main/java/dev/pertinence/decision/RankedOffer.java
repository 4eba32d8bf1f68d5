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
 */
public record RankedOffer(CandidateOffer offer, int rank, double score, double propensity, double affinity,
                          double popularity, double learnedLift, double contextWeight, double novelty,
                          List<String> reasons, String message, double lever, boolean explored, String plainReason) {

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
                novelty, reasons, message, lever, explored, plainReason);
    }
}
