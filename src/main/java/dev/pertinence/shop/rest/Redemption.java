package dev.pertinence.shop.rest;

import dev.pertinence.shop.store.Coupons;
import java.time.Instant;

public record Redemption(String couponCode, String offerId, String storeId, String customerId, Instant redeemedAt) {

    static Redemption from(Coupons.Coupon coupon) {
        return new Redemption(coupon.code(), coupon.offerId(), coupon.storeId(), coupon.customerId(), coupon.redeemedAt());
    }
}
