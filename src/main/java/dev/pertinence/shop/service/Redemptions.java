package dev.pertinence.shop.service;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.outcome.service.OutcomeService;
import dev.pertinence.shop.store.Coupons;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.enterprise.context.ApplicationScoped;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;

/**
 * A coupon used at a till: once, before it expires, while its offer is active. The redemption is
 * a conversion of the offer in the coupon's decision (with what the customer spent, when the till
 * says): both are stored in one transaction before the answer, so offer performance counts every
 * redemption the API confirmed.
 */
@ApplicationScoped
public class Redemptions {

    private final Coupons coupons;
    private final OutcomeService outcomes;
    private final Clock clock;

    public Redemptions(Coupons coupons, OutcomeService outcomes, Clock clock) {
        this.coupons = coupons;
        this.outcomes = outcomes;
        this.clock = clock;
    }

    /** A redeemed coupon, and what became of its conversion. */
    public record Redeemed(Coupons.Coupon coupon, OutcomeService.Conversion conversion) {
    }

    /**
     * @param amount what the customer spent (the conversion's value); null when not said
     */
    public Uni<Redeemed> redeem(String code, BigDecimal amount) {
        String normalised = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
        Instant now = clock.instant();
        return coupons.find(normalised).chain(coupon -> {
            if (coupon == null) {
                throw ClientProblem.notFound("code", "coupon", normalised);
            }
            refuseRedeemed(coupon);
            return outcomes.recordRedemption(coupon.decisionId(), coupon.offerId(), "redemption:" + normalised, amount,
                            connection -> redeemLocked(connection, normalised, now, amount))
                    .map(conversion -> new Redeemed(coupon.redeemed(now, amount), conversion));
        });
    }

    /** Under the coupon's row lock: a concurrent redemption of the same code waits, then sees it redeemed. */
    private Uni<Void> redeemLocked(SqlConnection connection, String code, Instant now, BigDecimal amount) {
        return coupons.lock(connection, code).chain(locked -> {
            refuseRedeemed(locked.coupon());
            refuseEnded(locked, now);
            return coupons.redeem(connection, code, now, amount);
        });
    }

    private static void refuseRedeemed(Coupons.Coupon coupon) {
        if (coupon.redeemedAt() != null) {
            throw ClientProblem.conflict("code", "coupon " + coupon.code() + " was already redeemed at " + coupon.redeemedAt());
        }
    }

    /** Expired, or its offer ended, paused or gone: the detail says which, and since when. */
    private static void refuseEnded(Coupons.Locked locked, Instant now) {
        Coupons.Coupon coupon = locked.coupon();
        if (!now.isBefore(coupon.expiresAt())) {
            throw ClientProblem.conflict("code", "coupon " + coupon.code() + " expired at " + coupon.expiresAt());
        }
        String offer = "offer '" + coupon.offerId() + "' of coupon " + coupon.code();
        if (!locked.offerExists()) {
            throw ClientProblem.conflict("code", offer + " no longer exists");
        }
        if (locked.offerValidUntil() != null && !now.isBefore(locked.offerValidUntil())) {
            throw ClientProblem.conflict("code", offer + " ended at " + locked.offerValidUntil());
        }
        if (!"active".equals(locked.offerStatus())) {
            throw ClientProblem.conflict("code", offer + " is " + locked.offerStatus()
                    + ": its coupons are redeemable again once it is resumed");
        }
    }
}
