package dev.pertinence.evaluation;

import dev.pertinence.experiment.Proportions;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The rate (acceptances, or conversions, per offer shown) a candidate strategy would have had, from
 * decisions a logging strategy made and what people answered, added decision by decision.
 *
 * <p>For logged decision i, its shown offers L with their propensities p (the probability the logging
 * strategy would have shown each, recorded with the decision) and answers r ∈ {0, 1}, and the n_i offers
 * C the candidate would show in its place:
 * <pre>
 * A_i = Σ over o in L ∩ C of r(o) / p(o)      B_i = Σ over o in L ∩ C of 1 / p(o)
 * IPS   = Σ A_i / Σ n_i      (E[B_i] = n_i: each offer the candidate shows is seen with weight 1/p, p of the time)
 * SNIPS = Σ A_i / Σ B_i
 * </pre>
 * Both are ratios of per-decision sums; their 95 % intervals by the delta method on the per-decision terms
 * (A_i − IPS · n_i and A_i − SNIPS · B_i; for IPS, whose denominator is known, this is the normal approximation
 * of its per-decision terms). The effective sample size is Kish's, (Σ w)² / Σ w², over the weights w = 1 / p of
 * the logged offers the candidate would show.
 */
public final class OffPolicyEstimator {

    /** A logged offer: its propensity and whether it got the answer counted. */
    public record Logged(String offerId, double propensity, boolean answered) {
        public Logged {
            if (!(propensity > 0 && propensity <= 1)) {
                throw new IllegalArgumentException("a shown offer's propensity is in (0, 1]: " + propensity);
            }
        }
    }

    private final int minEffectiveSample;
    private long decisions;
    private double sumA;
    private double sumB;
    private double sumN;
    private double sumAA;
    private double sumBB;
    private double sumNN;
    private double sumAB;
    private double sumAN;
    private long matched;
    private double sumW;
    private double sumWW;
    private long loggedShown;
    private long loggedAnswered;

    /** @param minEffectiveSample below this effective sample size, the result warns */
    public OffPolicyEstimator(int minEffectiveSample) {
        this.minEffectiveSample = minEffectiveSample;
    }

    /** One logged decision: what it showed, and the offers the candidate would have shown in its place. */
    public void add(List<Logged> shown, Set<String> candidate) {
        double a = 0;
        double b = 0;
        for (Logged offer : shown) {
            loggedShown++;
            if (offer.answered()) {
                loggedAnswered++;
            }
            if (candidate.contains(offer.offerId())) {
                double w = 1.0 / offer.propensity();
                matched++;
                sumW += w;
                sumWW += w * w;
                b += w;
                if (offer.answered()) {
                    a += w;
                }
            }
        }
        double n = candidate.size();
        decisions++;
        sumA += a;
        sumB += b;
        sumN += n;
        sumAA += a * a;
        sumBB += b * b;
        sumNN += n * n;
        sumAB += a * b;
        sumAN += a * n;
    }

    public OffPolicyEstimate result() {
        Estimate ips = ratio(sumN, sumNN, sumAN);
        Estimate snips = ratio(sumB, sumBB, sumAB);
        double effective = sumWW == 0 ? 0 : sumW * sumW / sumWW;
        Proportions.Interval observed = Proportions.wilson(loggedAnswered, loggedShown, Proportions.Z95);
        List<String> warnings = new ArrayList<>(2);
        if (matched == 0) {
            warnings.add("No logged decision showed an offer the candidate would show: there is nothing to estimate from");
        } else if (effective < minEffectiveSample) {
            warnings.add("Effective sample size " + Math.round(effective) + " is below " + minEffectiveSample
                    + " (pertinence.estimates.min-effective-sample): a few rarely shown offers weigh for many, the intervals "
                    + "may not hold; log more decisions, or explore more");
        }
        return new OffPolicyEstimate(decisions, (long) sumN, matched, ips, snips, effective,
                loggedShown == 0 ? new Estimate(0, null, null) : new Estimate(observed.rate(), observed.low(), observed.high()),
                loggedShown, loggedAnswered, List.copyOf(warnings));
    }

    /**
     * Σ A / Σ D and its 95 % interval by the delta method: the variance of the per-decision terms A_i − R · D_i
     * over N, divided by the mean D squared; the low bound clipped at 0 (a rate); the high one is not clipped at 1: IPS
     * itself can exceed 1, and an interval reaching past 1 says how noisy it is. None below two decisions.
     */
    private Estimate ratio(double sumD, double sumDD, double sumAD) {
        if (sumD <= 0) {
            return new Estimate(0, null, null);
        }
        double r = sumA / sumD;
        if (decisions < 2) {
            return new Estimate(r, null, null);
        }
        // Σ (A − R D)² = Σ A² − 2 R Σ A D + R² Σ D²; the terms sum to 0 by R's definition
        double squares = Math.max(0, sumAA - 2 * r * sumAD + r * r * sumDD);
        double variance = squares / (decisions - 1);
        double meanD = sumD / decisions;
        double half = Proportions.Z95 * Math.sqrt(variance / decisions) / meanD;
        return new Estimate(r, Math.max(0, r - half), r + half);
    }
}
