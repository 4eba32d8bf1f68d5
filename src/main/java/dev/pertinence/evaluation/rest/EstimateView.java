package dev.pertinence.evaluation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pertinence.evaluation.Estimate;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "What the logged decisions say of the candidate strategy's rate per offer shown (docs/evaluation.md)")
public record EstimateView(
        Instant from,
        Instant until,
        @Schema(description = "Absent: every channel") String channel,
        @Schema(description = "Absent: every placement") String placement,
        @Schema(enumeration = {"accept", "convert"}) String outcome,
        @Schema(description = "Logged decisions used (those whose answer is still kept, with at least one offer)") long decisions,
        @Schema(description = "More decisions than pertinence.estimates.max-decisions were logged in the range: the newest were used")
        boolean truncated,
        @Schema(description = "Offers the candidate would have shown in their place (as many per decision as it showed)")
        long candidatePlaces,
        @Schema(description = "Of those, offers the logged decision showed too: the answers the estimate is made of") long matched,
        @Schema(description = "Inverse-propensity estimate of the candidate's rate per offer shown, with its 95 % interval "
                + "(normal approximation on the per-decision terms)") Estimate ips,
        @Schema(description = "Self-normalised estimate of the same rate, with its 95 % interval (delta method)") Estimate snips,
        @Schema(description = "Kish's effective sample size of the matched offers' weights (1 / propensity)") double effectiveSampleSize,
        @Schema(description = "The logged strategy's own rate per offer it showed (Wilson interval): the on-policy check")
        Estimate observed,
        @Schema(description = "Offers the logged decisions showed") long loggedShown,
        @Schema(description = "Of those, answered (accepted or converted, as asked)") long loggedAnswered,
        @Schema(description = "Items of the co-purchase model counted for the replays, from the purchases before from") int modelItems,
        long durationMs,
        @Schema(description = "In words: an effective sample too small for the intervals to hold, nothing to estimate from")
        List<String> warnings,
        @Schema(description = "Decisions of an exploring experiment arm left out because they were recorded before "
                + "propensities were (their offers' probabilities are unknown; reading them as 1 would bias the estimate): "
                + "not counted in decisions") int skippedWithoutPropensity) {
}
