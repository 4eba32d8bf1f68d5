package dev.pertinence.evaluation.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An off-policy estimate: the acceptance (or conversion) rate a candidate strategy would have had on the "
        + "decisions logged in a time range, from what they showed, with which probability, and what people answered "
        + "(docs/evaluation.md)")
public record EstimateRequest(
        @Schema(description = "The oldest logged decision read. Default: 7 days before until; at most "
                + "pertinence.estimates.max-range (31 days) before until, else 400")
        OffsetDateTime from,
        @Schema(description = "The end of the logged decisions read (excluded); not in the future. Default: now")
        OffsetDateTime until,
        @Schema(description = "Only decisions made for this channel. Default: every channel") Channel channel,
        @Schema(description = "Only decisions made for this placement. Default: every placement")
        @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String placement,
        @Schema(description = "The answer counted: accept (acceptance rate) or convert (conversion rate), per offer shown. "
                + "Default: accept") Outcome outcome,
        @Schema(description = "The candidate strategy: levers and scoring settings overridden, as an evaluation's draft. "
                + "Absent: the current strategy, replayed")
        @Valid EvaluationRequest.Draft draft) {

    @Schema(name = "EstimateOutcome")
    public enum Outcome {
        @JsonProperty("accept") ACCEPT,
        @JsonProperty("convert") CONVERT
    }
}
