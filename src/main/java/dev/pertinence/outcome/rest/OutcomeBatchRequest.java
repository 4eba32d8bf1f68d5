package dev.pertinence.outcome.rest;

import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.Channel;
import dev.pertinence.outcome.OutcomeType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Outcomes of any decisions, recorded all or nothing")
public record OutcomeBatchRequest(@NotEmpty @Size(max = 1000) List<@NotNull @Valid Item> outcomes) {

    public record Item(
            @NotNull UUID decisionId,
            @NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String eventId,
            @NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String offerId,
            @NotNull OutcomeType type,
            Channel channel,
            OffsetDateTime occurredAt,
            @DecimalMin("0") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 2) BigDecimal value) {
    }
}
