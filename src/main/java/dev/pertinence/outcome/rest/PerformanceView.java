package dev.pertinence.outcome.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What an offer returned: outcomes per channel it was shown on and per segment of the people it "
        + "was shown to (the customer's first segment at the decision). Rates are per impression; absent without impressions. "
        + "Cost is the period's counts times the offer's current cost: changing the cost re-prices the past.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PerformanceView(String offerId, Instant from, Instant to, Figures total, List<ByChannel> byChannel,
                              List<BySegment> bySegment, List<ByChannelAndSegment> byChannelAndSegment,
                              @Schema(description = "The offer's cost now, which prices every count of the period; absent: "
                                      + "it costs nothing") Cost cost,
                              @Schema(description = "One entry per UTC day of the period, oldest first, days without "
                                      + "outcomes included (zeros): sums equal the total") List<Day> daily,
                              @Schema(description = "The offer's budget now, in its current window (whatever from and to say); "
                                      + "absent without a budget") Budget budget) {

    @Schema(name = "BudgetStatus", description = "The current window of the offer's budget: spent (confirmed: shown, accepted, "
            + "coupon issued), reserved (held by decisions, not yet confirmed nor lapsed), left = count − spent − reserved, and "
            + "what even pacing allows by now (the count when asap). windowStart and windowEnd are absent once an until has passed")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Budget(long count, @Schema(enumeration = {"impressions", "accepts", "coupons"}) String of, long spent,
                         long reserved, long left, long pacedAllowanceNow, Instant windowStart, Instant windowEnd) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Figures(long impressions, long clicks, long accepts, long refusals, long dismissals, long conversions,
                          BigDecimal conversionValue, Double clickRate, Double acceptRate, Double refusalRate,
                          Double conversionRate, BigDecimal valuePerImpression,
                          @Schema(description = "Conversions recorded by coupons redeemed at a till") long redemptions,
                          @Schema(description = "impressions × perImpression + accepts × perAccept + redemptions × perRedemption")
                          BigDecimal cost,
                          @Schema(description = "conversionValue − cost") BigDecimal net,
                          @Schema(description = "Return on investment: net ÷ cost, 4 decimals; absent (null) when the cost "
                                  + "is 0, a return on nothing spent being undefined") BigDecimal returnOnInvestment) {
    }

    public record ByChannel(String channel, Figures figures) {
    }

    public record BySegment(String segment, Figures figures) {
    }

    public record ByChannelAndSegment(String channel, String segment, Figures figures) {
    }

    @Schema(name = "PerformanceCost", description = "Amounts per event in the operator's accounting currency; an absent "
            + "amount costs nothing")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Cost(BigDecimal perImpression, BigDecimal perAccept, BigDecimal perRedemption) {
    }

    @Schema(name = "PerformanceDay", description = "One UTC day of the period, for charts")
    public record Day(LocalDate date, long impressions, long accepts, long conversions, BigDecimal value, BigDecimal cost,
                      BigDecimal net) {
    }
}
