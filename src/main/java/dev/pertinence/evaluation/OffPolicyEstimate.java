package dev.pertinence.evaluation;

import java.util.List;

/**
 * What logged decisions say of a candidate strategy's rate ({@link OffPolicyEstimator}).
 *
 * @param decisions        logged decisions used
 * @param candidatePlaces  offers the candidate would have shown over them (Σ n_i)
 * @param matched          of those, the ones the logged decision did show (their answers are known)
 * @param ips              inverse-propensity estimate of the rate per offer the candidate shows, 95 % interval
 * @param snips            self-normalised estimate, 95 % interval (delta method)
 * @param effectiveSample  Kish's effective sample size of the matched offers' weights
 * @param observed         the logging strategy's own rate per offer shown (Wilson interval): the on-policy check
 * @param loggedShown      offers the logged decisions showed
 * @param loggedAnswered   of those, answered (accepted, or converted)
 * @param warnings         in words: too small an effective sample, nothing to estimate from
 */
public record OffPolicyEstimate(long decisions, long candidatePlaces, long matched, Estimate ips, Estimate snips,
                                double effectiveSample, Estimate observed, long loggedShown, long loggedAnswered,
                                List<String> warnings) {
}
