package dev.pertinence.offer.rest;

import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.Channel;
import dev.pertinence.decision.LifeEventTarget;
import dev.pertinence.decision.MessageFields;
import dev.pertinence.offer.OfferCost;
import dev.pertinence.decision.OfferBudget;
import dev.pertinence.offer.OfferDraft;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An offer as marketing defines it")
public record OfferRequest(
        @Schema(description = "Offer id; generated on create when omitted, required in a bulk upsert")
        @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String id,
        @NotBlank @Size(max = 200) String title,
        @NotBlank @Size(max = 2000) String message,
        @Schema(description = "The offer's own category; two offers of one category are not proposed together")
        @Size(max = 100) String category,
        @Schema(description = "Products the offer promotes")
        @Size(max = 200) List<@NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String> targetSkus,
        @Schema(description = "Categories the offer promotes; with no target at all it is a service offer (e.g. free delivery)")
        @Size(max = 50) List<@NotBlank @Size(max = 100) String> targetCategories,
        @NotEmpty @Size(max = 6) List<@NotNull Channel> channels,
        @Schema(description = "Placements (e.g. home, product-page, checkout); empty means every placement of its channels")
        @Size(max = 50) List<@NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String> placements,
        OffsetDateTime validFrom,
        OffsetDateTime validUntil,
        @Schema(description = "Business value (margin, priority) set by marketing")
        @NotNull @Positive @DecimalMax("1000000000") Double businessValue,
        @Schema(description = "Marketing weight, 1 = neutral", defaultValue = "1")
        @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") Double lever,
        @Schema(description = "Eligibility rule in CEL over customer, context and history (docs/rules.md); empty = always eligible",
                examples = "!('sku-camera' in history.skus) && 'photo' in history.categories")
        @Size(max = 4000) String rule,
        @Schema(description = "At most this many impressions per person within the period; absent: the contact policy's "
                + "default (3 per 7 days)")
        @Valid FrequencyCap frequencyCap,
        @Schema(description = "The moment the offer is for: eligible only from daysBefore days before such an event in the "
                + "person's life to daysAfter days after it (their reason says so); absent: any time")
        @Valid LifeEvent lifeEvent,
        @Schema(description = "The least reliable profile field the message may use; a field less reliable (or unknown) is "
                + "replaced by its neutral fallback (docs/messages.md). Absent: declared")
        // no defaultValue: beside the enum's $ref, generated clients assign the string "declared" to the enum type
        dev.pertinence.customer.Reliability messageReliability,
        @Schema(description = "Proposed even when every target SKU is already in the cart (e.g. a discount on the cart's own "
                + "item); by default such an offer is left out (IN_CART in explain). Absent: false")
        Boolean proposeWhenInCart,
        @Schema(description = "Leave out people who bought every target SKU within this period (ISO-8601, 1 day to the "
                + "history window, 365 days by default; BOUGHT_RECENTLY in explain); absent: never", examples = "P30D")
        java.time.Duration excludeBoughtWithin,
        @Schema(description = "What the offer costs, for its return on investment in GET /v1/offers/{id}/performance; "
                + "absent: nothing")
        @Valid Cost cost,
        @Schema(description = "What a call-centre agent says about the offer, written by marketing: at most 5 short points "
                + "(1-160 characters each), shown first on the agent card (docs/callers.md). Absent: none")
        @Size(max = 5) List<@NotBlank @Size(max = 160) String> talkingPoints,
        @Schema(description = "A volume budget: at most count impressions, accepts or coupons until a date or per period, "
                + "never exceeded across replicas (docs/budgets.md); absent: none")
        @Valid Budget budget) {

    @Schema(name = "BudgetRequest", description = "At most count of what it counts, until a date or per period (exactly one), "
            + "spent as soon as possible or evenly over the window")
    public record Budget(
            @NotNull @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(10_000_000) Long count,
            @Schema(description = "What spends it: an impression outcome, an accept outcome, a coupon issued at a store visit")
            @NotNull dev.pertinence.offer.BudgetTerms.Of of,
            @Schema(description = "The budget ends then (one window from validFrom, or from when the budget was set); "
                    + "with period: not allowed")
            OffsetDateTime until,
            @Schema(description = "A new count every period (ISO-8601, 1 hour to 366 days), from validFrom or from when the "
                    + "budget was set; with until: not allowed", examples = "P7D")
            java.time.Duration period,
            @Schema(description = "asap: as fast as decisions go; even: at most count × elapsed / window + a small burst "
                    + "at any time. Absent: asap")
            dev.pertinence.offer.BudgetTerms.Pacing pacing) {
    }

    @Schema(name = "OfferCost", description = "Amounts in the operator's accounting currency, each from 0 to 1,000,000 with at "
            + "most 4 decimals; an absent amount costs nothing")
    public record Cost(
            @Schema(description = "Per impression reported", examples = "0.002")
            @DecimalMin("0") @DecimalMax("1000000") @jakarta.validation.constraints.Digits(integer = 7, fraction = 4)
            java.math.BigDecimal perImpression,
            @Schema(description = "Per accept reported")
            @DecimalMin("0") @DecimalMax("1000000") @jakarta.validation.constraints.Digits(integer = 7, fraction = 4)
            java.math.BigDecimal perAccept,
            @Schema(description = "Per coupon redeemed at a till (POST /v1/coupons/{code}/redemptions)", examples = "2.50")
            @DecimalMin("0") @DecimalMax("1000000") @jakarta.validation.constraints.Digits(integer = 7, fraction = 4)
            java.math.BigDecimal perRedemption) {
    }

    @Schema(description = "An event type and the window around it, e.g. child_birthday, 21 days before, 3 after")
    public record LifeEvent(@NotNull dev.pertinence.customer.LifeEventType type,
                            @NotNull @jakarta.validation.constraints.Min(0) @jakarta.validation.constraints.Max(366) Integer daysBefore,
                            @NotNull @jakarta.validation.constraints.Min(0) @jakarta.validation.constraints.Max(366) Integer daysAfter) {
    }

    @Schema(name = "FrequencyCapRequest", description = "At most count impressions per person within period (ISO-8601, 1 hour to 30 days)")
    public record FrequencyCap(@NotNull @jakarta.validation.constraints.Min(1) @jakarta.validation.constraints.Max(1000) Integer count,
                               @Schema(examples = "P14D") @NotNull java.time.Duration period) {
    }

    /** The draft a write checks; its checks name the fields as this request does. */
    static OfferDraft toDraft(OfferRequest request) {
        return new OfferDraft(request.id(), request.title(), request.message(), request.category(), request.targetSkus(),
                request.targetCategories(), request.channels(), request.placements(),
                request.validFrom() == null ? null : request.validFrom().toInstant(),
                request.validUntil() == null ? null : request.validUntil().toInstant(),
                request.businessValue(), request.lever(), request.rule(),
                request.frequencyCap() == null ? null
                        : new OfferDraft.FrequencyCap(request.frequencyCap().count(), request.frequencyCap().period()),
                request.messageReliability() == null ? null : MessageFields.Reliability.valueOf(request.messageReliability().name()),
                request.lifeEvent() == null ? null : new LifeEventTarget(request.lifeEvent().type().wire(),
                        request.lifeEvent().daysBefore(), request.lifeEvent().daysAfter()),
                request.proposeWhenInCart(), request.excludeBoughtWithin(),
                request.cost() == null ? null
                        : new OfferCost(request.cost().perImpression(), request.cost().perAccept(), request.cost().perRedemption()),
                request.talkingPoints(),
                request.budget() == null ? null : new OfferDraft.Budget(request.budget().count(),
                        OfferBudget.Spend.valueOf(request.budget().of().name()),
                        request.budget().until() == null ? null : request.budget().until().toInstant(), request.budget().period(),
                        request.budget().pacing() == null ? null : OfferBudget.Pacing.valueOf(request.budget().pacing().name())));
    }
}
