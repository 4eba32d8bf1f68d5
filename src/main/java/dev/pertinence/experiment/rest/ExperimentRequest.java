package dev.pertinence.experiment.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An experiment: arms (decision strategies) splitting the people who meet some channels and placements")
public record ExperimentRequest(
        @NotBlank @Size(max = 200) String name,
        @Schema(description = "Channels whose decisions it covers; a person stays in one arm across them")
        @NotNull @Size(min = 1, max = 6) List<@NotNull Channel> channels,
        @Schema(description = "Placements it covers; absent or empty: every placement of its channels")
        @Size(max = 50) List<@NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String> placements,
        @Schema(description = "Default now. Replicas learn of a new experiment within a moment: start a little ahead for a clean split")
        OffsetDateTime startsAt,
        @Schema(description = "Absent: until stopped") OffsetDateTime endsAt,
        @Schema(description = "2 to 8 arms whose shares add up to 100")
        @NotNull @Size(min = 2, max = 8) List<@NotNull @Valid Arm> arms,
        @Schema(description = "The smallest absolute difference in acceptance rate worth detecting (0.05: 5 points); with "
                + "power it sets the people each arm needs (two-proportion sample size, alpha 0.05 two-sided) before an uplift "
                + "may be significant. Absent: the configured floor alone (100 by default)", examples = "0.05")
        @DecimalMin("0.001") @DecimalMax("0.5") Double minimumDetectableEffect,
        @Schema(description = "The chance of detecting the minimumDetectableEffect when it is there; only with it",
                defaultValue = "0.8")
        @DecimalMin("0.5") @DecimalMax("0.99") Double power) {

    public enum Strategy {
        @JsonProperty("personalised") PERSONALISED,
        @JsonProperty("no_copurchase") NO_COPURCHASE,
        @JsonProperty("no_learning") NO_LEARNING,
        @JsonProperty("control") CONTROL
    }

    @Schema(description = "An arm: its share of people and the strategy their decisions are made with")
    public record Arm(
            @NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String name,
            @Schema(description = "Percent of people, up to two decimals", example = "50")
            @NotNull @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") @Digits(integer = 3, fraction = 2) BigDecimal share,
            @Schema(description = "personalised: the full score; no_copurchase / no_learning: without that term; "
                    + "control: no personalisation, eligible offers ordered by business value × lever alone")
            @NotNull Strategy strategy,
            @Schema(description = "Levers replacing the catalogue's for these offers in this arm (a lever-set variant)")
            @Size(max = 1000) Map<@NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String,
                    @NotNull @DecimalMin("0") @DecimalMax("1000") Double> levers,
            @Schema(description = "Share of this arm's decisions that explore by Thompson sampling (0 to 1; personalised and "
                    + "no_copurchase arms only)", defaultValue = "0")
            @DecimalMin("0") @DecimalMax("1") Double exploration) {
    }
}
