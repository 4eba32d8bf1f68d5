package dev.pertinence.shop.store;

import dev.pertinence.identity.PersonRows;
import jakarta.enterprise.context.ApplicationScoped;

/** A person's coupons: they follow a merge and go with an erasure. */
@ApplicationScoped
public class CouponPersonData extends PersonRows {

    private static final String FOLD = "UPDATE coupon SET customer_id = $1 WHERE customer_id = $2";

    public CouponPersonData() {
        super("coupon.customer_id", "coupons", FOLD, "coupons", "DELETE FROM coupon WHERE customer_id = $1");
    }
}
