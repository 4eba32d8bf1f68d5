package dev.pertinence.simulation.rest;

import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.Channel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A simulation before launch: decide a strategy (the current one, or a draft) for a population as of now, "
        + "dry, and count who would get what (docs/evaluation.md, Simulation)")
public record SimulationRequest(
        @Schema(description = "Where each person is decided. Absent: each channel some active offer targets, with each "
                + "placement its offers name (\"*\" for the offers that run on every placement); at most "
                + "pertinence.simulation.max-placements (12)")
        @Size(max = 100) List<@NotNull @Valid Target> placements,
        @Schema(description = "Only customers in this segment (400 when no customer is in it). Absent: every customer")
        @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String segment,
        @Schema(description = "Most people decided: a seeded sample when the population is larger; at most "
                + "pertinence.simulation.max-people (10,000), which is also the default")
        @Min(1) Integer sample,
        @Schema(description = "Seeds the sample: the same seed on the same customers decides the same people", defaultValue = "1")
        Long seed,
        @Schema(description = "Offers per decision", defaultValue = "3")
        @Min(1) @Max(10) Integer limit,
        @Schema(description = "People a day each budgeted offer reaches (by offer id), for when its budget would run out. "
                + "An offer not named: its recorded decisions a day over the last 7 days, else this population in one day")
        @Size(max = 1000) Map<@NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String,
                @NotNull @Min(1) @Max(1_000_000_000) Long> dailyReach,
        @Schema(description = "A strategy not switched on yet, simulated instead of the current one; the current one is then "
                + "decided beside it for the difference")
        @Valid Draft draft) {

    @Schema(name = "SimulationTarget", description = "A channel and a placement")
    public record Target(
            @NotNull Channel channel,
            @Schema(description = "The placement; \"*\": any placement no offer names", defaultValue = "home")
            @Pattern(regexp = "^(\\*|[A-Za-z0-9][A-Za-z0-9._:@+-]{0,63})$", message = ApiPatterns.ID_MESSAGE + ", or *")
            String placement) {
    }

    @Schema(name = "SimulationDraft", description = "What a draft strategy changes; an absent setting keeps the current one "
            + "(docs/scoring.md). Every offer named must be an active offer on the placements simulated")
    public record Draft(
            @Schema(description = "Levers replacing the catalogue's for these offers (by offer id), as an experiment arm's")
            @Size(max = 1000) Map<@NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String,
                    @NotNull @DecimalMin("0") @DecimalMax("1000") Double> levers,
            @Schema(description = "Evidence from a purchase halves every this many days")
            @DecimalMin("0.01") @DecimalMax("3650") Double recencyHalfLifeDays,
            @Schema(description = "Weight of item or category popularity in the propensity")
            @DecimalMin("0") @DecimalMax("1") Double popularityWeight,
            @Schema(description = "Propensity floor, so an offer without any signal still ranks by value")
            @DecimalMin("0") @DecimalMax("1") Double basePropensity,
            @Schema(description = "Context weight when the cart or the viewed product is in the offer's target category")
            @DecimalMin("1") @DecimalMax("10") Double inMarketBoost,
            @Schema(description = "Distinct recent SKUs used as evidence")
            @Min(1) @Max(100) Integer evidenceItems,
            @Schema(description = "Eligibility rules (CEL, docs/rules.md) replacing these offers' (by offer id); an empty text: "
                    + "no rule. Checked as a saved rule is: 400 naming draft.rules.<id> with the line and column")
            @Size(max = 1000) Map<@NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String,
                    @NotNull @Size(max = 4000) String> rules,
            @Schema(description = "Offers the draft leaves out (by id)")
            @Size(max = 1000) List<@NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String> withoutOffers) {
    }
}
