package dev.pertinence.shop.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pertinence.shop.service.Redemptions;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record Redemption(String couponCode, String offerId, String storeId, String customerId, Instant redeemedAt,
                         @Schema(description = "Absent when the till did not say") BigDecimal amount,
                         @Schema(description = "The decision the coupon came from, where the conversion is recorded") UUID decisionId,
                         @Schema(description = "recorded: the offer's performance counts this conversion (with the amount as its "
                                 + "value); already_recorded: the decision already had a conversion of this offer, which counts "
                                 + "instead (one per decision and offer); unattributed: the decision is not on record",
                                 enumeration = {"recorded", "already_recorded", "unattributed"}) String conversion) {

    static Redemption from(Redemptions.Redeemed redeemed) {
        var coupon = redeemed.coupon();
        return new Redemption(coupon.code(), coupon.offerId(), coupon.storeId(), coupon.customerId(), coupon.redeemedAt(),
                coupon.amount(), coupon.decisionId(), redeemed.conversion().name().toLowerCase(Locale.ROOT));
    }
}
