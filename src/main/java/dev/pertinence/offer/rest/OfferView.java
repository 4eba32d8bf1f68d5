package dev.pertinence.offer.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pertinence.common.Channel;
import dev.pertinence.offer.service.OfferService;
import dev.pertinence.offer.store.OfferEntity;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record OfferView(
        String id,
        String title,
        String message,
        String category,
        List<String> targetSkus,
        List<String> targetCategories,
        List<Channel> channels,
        List<String> placements,
        Instant validFrom,
        Instant validUntil,
        double businessValue,
        double lever,
        String rule,
        @Schema(description = "Absent: the contact policy's default") FrequencyCap frequencyCap,
        dev.pertinence.customer.Reliability messageReliability,
        @Schema(description = "Absent: any time") OfferRequest.LifeEvent lifeEvent,
        @Schema(enumeration = {"active", "paused"}) String status,
        @Schema(description = "Incremented by every change") int version,
        Instant createdAt,
        Instant updatedAt,
        @Schema(description = "Written, but probably not what was meant (e.g. a target SKU nobody knows); only in the "
                + "answer to a write") List<Warning> warnings,
        @Schema(description = "Proposed even when every target SKU is already in the cart") boolean proposeWhenInCart,
        @Schema(description = "People who bought every target SKU within this period are left out; absent: never",
                examples = "P30D") String excludeBoughtWithin,
        @Schema(description = "Absent: the offer costs nothing") OfferRequest.Cost cost,
        @Schema(description = "What an agent says about the offer on the phone; absent: none") List<String> talkingPoints,
        @Schema(description = "Absent: none") Budget budget) {

    /** A budget as stored; {@code start}: when its first window began. */
    @Schema(name = "BudgetView")
    public record Budget(long count, dev.pertinence.offer.BudgetTerms.Of of, Instant until,
                         @Schema(examples = "P7D") String period, dev.pertinence.offer.BudgetTerms.Pacing pacing, Instant start) {
    }

    /** A doubt about an accepted write, naming the field. */
    public record Warning(@Schema(examples = "targetSkus[0]") String field, String detail) {
    }

    public OfferView withWarnings(List<Warning> warnings) {
        return warnings.isEmpty() ? this : new OfferView(id, title, message, category, targetSkus, targetCategories, channels,
                placements, validFrom, validUntil, businessValue, lever, rule, frequencyCap, messageReliability, lifeEvent, status,
                version, createdAt, updatedAt, List.copyOf(warnings), proposeWhenInCart, excludeBoughtWithin, cost, talkingPoints, budget);
    }

    /** @param period ISO-8601, in days when whole days (P14D) */
    public record FrequencyCap(int count, @Schema(examples = "P14D") String period) {

        public static FrequencyCap of(int count, java.time.Duration period) {
            return new FrequencyCap(count, iso(period));
        }
    }

    /** ISO-8601, in days when whole days (P14D). */
    static String iso(java.time.Duration period) {
        long seconds = period.toSeconds();
        return seconds % 86_400 == 0 ? "P" + seconds / 86_400 + "D" : period.toString();
    }

    static OfferView from(OfferService.Written written) {
        return from(written.offer()).withWarnings(warnings(written.warnings()));
    }

    static List<Warning> warnings(List<OfferService.Warning> warnings) {
        return warnings.stream().map(warning -> new Warning(warning.field(), warning.detail())).toList();
    }

    static OfferView from(OfferEntity entity) {
        return new OfferView(entity.id, entity.title, entity.message, entity.category,
                Arrays.asList(entity.targetSkus), Arrays.asList(entity.targetCategories),
                Arrays.stream(entity.channels).map(c -> Channel.valueOf(c.toUpperCase(Locale.ROOT))).toList(),
                Arrays.asList(entity.placements), entity.validFrom, entity.validUntil, entity.businessValue, entity.lever,
                entity.rule, entity.frequencyCapCount == null ? null : FrequencyCap.of(entity.frequencyCapCount,
                        java.time.Duration.ofSeconds(entity.frequencyCapPeriodSeconds)),
                dev.pertinence.customer.Reliability.valueOf(entity.messageReliability.toUpperCase(Locale.ROOT)),
                entity.lifeEventType == null ? null : new OfferRequest.LifeEvent(
                        dev.pertinence.customer.LifeEventType.valueOf(entity.lifeEventType.toUpperCase(Locale.ROOT)),
                        entity.lifeEventDaysBefore, entity.lifeEventDaysAfter),
                entity.status, entity.version, entity.createdAt, entity.updatedAt, null, entity.proposeWhenInCart,
                entity.excludeBoughtWithinSeconds == null ? null : iso(java.time.Duration.ofSeconds(entity.excludeBoughtWithinSeconds)),
                entity.costPerImpression == null && entity.costPerAccept == null && entity.costPerRedemption == null ? null
                        : new OfferRequest.Cost(entity.costPerImpression, entity.costPerAccept, entity.costPerRedemption),
                entity.talkingPoints == null || entity.talkingPoints.length == 0 ? null : Arrays.asList(entity.talkingPoints),
                entity.budgetCount == null ? null : new Budget(entity.budgetCount,
                        dev.pertinence.offer.BudgetTerms.Of.valueOf(entity.budgetOf.toUpperCase(Locale.ROOT)), entity.budgetUntil,
                        entity.budgetPeriodSeconds == null ? null
                                : FrequencyCap.of(1, java.time.Duration.ofSeconds(entity.budgetPeriodSeconds)).period(),
                        dev.pertinence.offer.BudgetTerms.Pacing.valueOf(entity.budgetPacing.toUpperCase(Locale.ROOT)),
                        entity.budgetStart));
    }
}
