package dev.pertinence.product;

import java.time.Instant;

/** A stored product: its details, and when it was created and last replaced. */
public record Product(String sku, ProductDetails details, Instant createdAt, Instant updatedAt) {
}
