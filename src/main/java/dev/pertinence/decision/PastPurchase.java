package dev.pertinence.decision;

import java.time.Instant;

/** One of the person's recent purchases, with the product's name and category when known. */
public record PastPurchase(String sku, String name, String category, Instant purchasedAt, int quantity, Double amount) {
}
