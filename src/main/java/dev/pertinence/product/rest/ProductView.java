package dev.pertinence.product.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigDecimal;
import java.time.Instant;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductView(String sku, String name, String category, BigDecimal price, BigDecimal margin,
                          Instant createdAt, Instant updatedAt) {
}
