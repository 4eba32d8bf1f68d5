package dev.pertinence.shop.service;

import dev.pertinence.shop.Geofence;
import dev.pertinence.shop.store.Coupons;
import java.util.List;
import java.util.UUID;

/**
 * A customer's phone reported where they are: the store whose geofence holds them (null outside
 * every store, then no decision and no offers), its offers, and notes saying why there are none or
 * that this is the same visit as a moment ago; {@code dryRun}: rehearsed, nothing issued or recorded;
 * {@code repeat}: the same visit again, its coupons given back (they spent their budgets when issued, not now).
 */
public record Visit(String customerId, Geofence.Nearest store, UUID decisionId, List<Offer> offers, List<String> notes,
                   boolean dryRun, boolean repeat) {

    public Visit(String customerId, Geofence.Nearest store, UUID decisionId, List<Offer> offers, List<String> notes,
                 boolean dryRun) {
        this(customerId, store, decisionId, offers, notes, dryRun, false);
    }

    /** An in-store offer and the single-use coupon issued for it (null in a dry run: none is issued). */
    public record Offer(Coupons.Coupon coupon, String title, String message, String offerId, int rank) {

        public Offer(Coupons.Coupon coupon, String title, String message) {
            this(coupon, title, message, coupon.offerId(), coupon.rank());
        }
    }
}
