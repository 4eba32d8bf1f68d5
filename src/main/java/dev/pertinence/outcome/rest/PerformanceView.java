package dev.pertinence.outcome.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What an offer returned: outcomes per channel it was shown on and per segment of the people it "
        + "was shown to (the customer's first segment at the decision). Rates are per impression; absent without impressions.")
@JsonInclude(JsonInclude.Include.NON_NULL)
public record PerformanceView(String offerId, Instant from, Instant to, Figures total, List<ByChannel> byChannel,
                              List<BySegment> bySegment, List<ByChannelAndSegment> byChannelAndSegment,
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
                          Double conversionRate, BigDecimal valuePerImpression) {
    }

    public record ByChannel(String channel, Figures figures) {
    }

    public record BySegment(String segment, Figures figures) {
    }

    public record ByChannelAndSegment(String channel, String segment, Figures figures) {
    }
}
