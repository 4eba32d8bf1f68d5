package dev.pertinence.shop.store;

import dev.pertinence.identity.PersonRows;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * A person's coupons: they follow a merge; an erasure unlinks them (no holder, no message, which may name the
 * person) and keeps the rest: each spent its offer's budget when issued, and a budget rebuilt from PostgreSQL
 * after a Redis loss counts these rows. An unlinked coupon can no longer be redeemed ({@link Coupons}).
 */
@ApplicationScoped
public class CouponPersonData extends PersonRows {

    private static final String FOLD = "UPDATE coupon SET customer_id = $1 WHERE customer_id = $2";
    private static final String UNLINK = "UPDATE coupon SET customer_id = NULL, message = NULL WHERE customer_id = $1";

    public CouponPersonData() {
        super("coupon.customer_id", "coupons", FOLD, "couponsUnlinked", UNLINK);
    }
}
