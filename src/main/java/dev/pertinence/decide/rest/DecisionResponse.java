package dev.pertinence.decide.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record DecisionResponse(
        @Schema(description = "Quote it when reporting what happened to the offers. In a dry run a random (version 4) "
                + "UUID that no decision has: an outcome for it is answered 404, as for an unknown decision") UUID decisionId,
        @Schema(description = "The customer decided for; absent for an anonymous decision") String customerId,
        String channel,
        String placement,
        @Schema(description = "Co-purchase model version used; absent when none was available") String modelVersion,
        Instant decidedAt,
        @Schema(description = "Best first; may be fewer than the limit, or none") List<OfferResult> offers,
        @Schema(description = "About the decision as a whole: anonymous, cold start, degraded inputs") List<String> notes,
        @Schema(description = "What the decision went without, when a dependency failed or was too slow: redis (co-purchase "
                + "affinity and contact history; capped channels propose nothing), database (the profile and purchases: "
                + "decided from the session), no_model (no co-purchase model yet). Absent when nothing was missing")
        List<String> degraded,
        @Schema(description = "The experiment arm the decision was made in; absent outside any experiment") ExperimentArm experiment,
        @Schema(description = "With explain=true: the offers left out and why") Explanation explanation,
        @Schema(description = "true: a dry run, nothing reserved, recorded, learnt or counted; absent for a real decision")
        Boolean dryRun) {

    public record OfferResult(String offerId, int rank, String title, String message, String category, double score,
                              ScoreFactors factors,
                              @Schema(description = "Ranked by exploration (Thompson sampling): learnedLift is a draw, not the mean")
                              boolean explored,
                              List<String> reasons) {
    }

    public record ExperimentArm(String experimentId, String arm,
                                @Schema(description = "The offers were ranked by exploration (Thompson sampling)") boolean explored) {
    }

    @Schema(description = "score = propensity × value × lever × contextWeight × novelty; "
            + "propensity = max(base, co-purchase affinity blended with popularity) × learnedLift")
    public record ScoreFactors(double propensity, double affinity, double popularity,
                               @Schema(description = "Beta-smoothed acceptance in the customer's segment over the prior; 1 = nothing learnt yet")
                               double learnedLift,
                               double value, double lever, double contextWeight,
                               @Schema(description = "1 unless the customer saw the offer lately without responding")
                               double novelty) {
    }

    public record Explanation(@Schema(description = "Offers left out (the first 200 listed)") List<DroppedResult> dropped,
                              @Schema(description = "How many offers were left out in all") int droppedTotal,
                              @Schema(description = "Candidate offers for this channel and placement") int candidates) {
    }

    /** reason is the core's enum itself: its names are the wire values, so the contract cannot lag behind a new reason. */
    public record DroppedResult(String offerId, dev.pertinence.decision.DroppedOffer.Reason reason, String detail, double score) {
    }
}
