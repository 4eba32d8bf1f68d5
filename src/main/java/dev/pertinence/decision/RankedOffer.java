package dev.pertinence.decision;

import java.util.List;

/** A chosen offer: its place, its score and the factors of the score, and why, in words. */
public record RankedOffer(CandidateOffer offer, int rank, double score, double propensity, double affinity,
                          double popularity, double contextWeight, List<String> reasons) {
}
