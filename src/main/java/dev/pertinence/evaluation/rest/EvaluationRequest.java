package dev.pertinence.evaluation.rest;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.Channel;
import dev.pertinence.evaluation.EvaluationSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An offline evaluation: replay the purchase history through the decision core and score its top k "
        + "against what was bought, beside a popularity baseline and the same strategy without co-purchase (docs/evaluation.md)")
public record EvaluationRequest(
        @Schema(description = "time_split: for each customer with purchases on both sides of a cut, decide as of the cut from "
                + "their history and a model counted before it, and score against what they bought after. basket_completion: "
                + "hide one item of each held-out basket and decide from the rest as an anonymous cart")
        @NotNull Mode mode,
        @Schema(description = "Offers scored per case (the top k of each decision); at most pertinence.evaluation.max-k (50)",
                defaultValue = "3")
        @Min(1) Integer k,
        @Schema(description = "The channel decisions are made for. Default: web") Channel channel,
        @Schema(description = "The placement decisions are made for", defaultValue = "home")
        @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String placement,
        @Schema(description = "offers: the catalogue's active offers for the channel and placement. products: one neutral offer "
                + "per product (value 1, no rule) for the most popular products of the training data: is the model any good? "
                + "Default: offers")
        Candidates candidates,
        @Schema(description = "time_split: the cut, in the past. Absent: lastDays before now")
        OffsetDateTime cutAt,
        @Schema(description = "time_split: the cut is this many days before now (instead of cutAt)", defaultValue = "30")
        @Min(1) @Max(3650) Integer lastDays,
        @Schema(description = "The oldest purchase read (the model's training data, and the histories). Default: the model "
                + "window (pertinence.model.window) before the cut, or before now for basket_completion; at most that window before "
                + "the cut (time_split) or until, else 400")
        OffsetDateTime from,
        @Schema(description = "The end of the purchases read (time_split: of the answers, at most the model window "
                + "after the cut); not in the future. Default: now")
        OffsetDateTime until,
        @Schema(description = "time_split: only customers in this segment")
        @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String segment,
        @Schema(description = "Most cases replayed: a seeded sample when there are more; at most pertinence.evaluation.max-cases "
                + "(10,000), which is also the default")
        @Min(1) Integer sample,
        @Schema(description = "Seeds the sample, the held-out split and the hidden items: the same seed on the same data replays "
                + "the same cases", defaultValue = "1")
        Long seed,
        @Schema(description = "basket_completion: the share of baskets held out of the model and replayed", defaultValue = "0.2")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("0.5") Double heldOutShare,
        @Schema(description = "A strategy not switched on yet, evaluated instead of the current one: the current one is then "
                + "scored beside it (strategy \"current\")")
        @Valid Draft draft) {

    @Schema(name = "EvaluationDraft", description = "What a draft strategy changes; an absent setting keeps the current one "
            + "(docs/scoring.md)")
    public record Draft(
            @Schema(description = "Levers replacing the catalogue's for these offers (by offer id; with candidates products, "
                    + "product:<sku>), as an experiment arm's lever set")
            @Size(max = 1000) Map<@NotNull @Pattern(regexp = "^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,71}$",
                    message = "must be an offer id, or product:<sku>") String, @NotNull @DecimalMin("0") @DecimalMax("1000") Double> levers,
            @Schema(description = "Evidence from a purchase halves every this many days")
            @DecimalMin("0.01") @DecimalMax("3650") Double recencyHalfLifeDays,
            @Schema(description = "Weight of item or category popularity in the propensity")
            @DecimalMin("0") @DecimalMax("1") Double popularityWeight,
            @Schema(description = "Propensity floor, so an offer without any signal still ranks by value")
            @DecimalMin("0") @DecimalMax("1") Double basePropensity,
            @Schema(description = "Context weight when the cart or the viewed product is in the offer's target category")
            @DecimalMin("1") @DecimalMax("10") Double inMarketBoost,
            @Schema(description = "Distinct recent SKUs used as evidence")
            @Min(1) @Max(100) Integer evidenceItems) {

        /** The domain's draft, for an evaluation or an estimate; null for none. */
        static EvaluationSettings.Draft settings(Draft draft) {
            return draft == null ? null : new EvaluationSettings.Draft(draft.levers(), draft.recencyHalfLifeDays(),
                    draft.popularityWeight(), draft.basePropensity(), draft.inMarketBoost(), draft.evidenceItems());
        }
    }

    @Schema(name = "EvaluationMode")
    public enum Mode {
        @JsonProperty("time_split") TIME_SPLIT,
        @JsonProperty("basket_completion") BASKET_COMPLETION
    }

    @Schema(name = "EvaluationCandidates")
    public enum Candidates {
        @JsonProperty("offers") OFFERS,
        @JsonProperty("products") PRODUCTS
    }
}
