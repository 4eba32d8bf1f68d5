package dev.pertinence.decision;

/**
 * The caps a decision's offers must fit, with the person's pressure level applied: what the
 * atomic reservation checks again at the moment it reserves.
 *
 * (Each offer's own cap is {@link CandidateOffer#frequencyCap(ContactPolicy)}.)
 *
 * @param channel null when the decision's channel is not capped
 */
public record ContactCaps(Cap channel, Cap daily) {
}
