package dev.pertinence.product;

import java.math.BigDecimal;

/** What describes a product; category, price and margin may be null when unknown. */
public record ProductDetails(String name, String category, BigDecimal price, BigDecimal margin) {
}
