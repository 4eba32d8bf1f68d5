package dev.pertinence.product.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pertinence.product.Product;
import java.math.BigDecimal;
import java.time.Instant;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProductView(String sku, String name, String category, BigDecimal price, BigDecimal margin,
                          Instant createdAt, Instant updatedAt) {

    static ProductView from(Product product) {
        return new ProductView(product.sku(), product.details().name(), product.details().category(), product.details().price(),
                product.details().margin(), product.createdAt(), product.updatedAt());
    }
}
