package dev.pertinence.outcome.rest;

import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.Channel;
import dev.pertinence.outcome.OutcomeType;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What happened to one offer of a decision")
public record OutcomeRequest(
        @Schema(description = "Your id for this event: a retry with the same id is recorded once")
        @NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String eventId,
        @Schema(description = "One of the decision's offers; for a page layout's decisionId, one of its sections' ids (impression "
                + "and click only)")
        @NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String offerId,
        @NotNull OutcomeType type,
        @Schema(description = "Where it happened; the decision's channel when absent") Channel channel,
        @Schema(description = "When it happened; the time of receipt when absent. Not before the decision, not in the future")
        OffsetDateTime occurredAt,
        @Schema(description = "Monetary value of a conversion, in the operator's accounting currency: required for convert, "
                + "refused for other types")
        @DecimalMin("0") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 2) BigDecimal value) {
}
