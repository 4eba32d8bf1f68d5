package dev.pertinence.offer;

import java.math.BigDecimal;

/**
 * What an offer costs the operator, in its accounting currency: per impression (media, a print),
 * per accept (a gift handed over), per coupon redeemed at a till (the discount honoured). A null
 * amount costs nothing.
 */
public record OfferCost(BigDecimal perImpression, BigDecimal perAccept, BigDecimal perRedemption) {

    public static final OfferCost NONE = new OfferCost(null, null, null);

    public BigDecimal impression() {
        return perImpression == null ? BigDecimal.ZERO : perImpression;
    }

    public BigDecimal accept() {
        return perAccept == null ? BigDecimal.ZERO : perAccept;
    }

    public BigDecimal redemption() {
        return perRedemption == null ? BigDecimal.ZERO : perRedemption;
    }

    public boolean isNone() {
        return perImpression == null && perAccept == null && perRedemption == null;
    }
}
