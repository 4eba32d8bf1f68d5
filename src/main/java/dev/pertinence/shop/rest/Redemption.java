package dev.pertinence.shop.rest;

import java.time.Instant;

public record Redemption(String couponCode, String offerId, String storeId, String customerId, Instant redeemedAt) {
}
