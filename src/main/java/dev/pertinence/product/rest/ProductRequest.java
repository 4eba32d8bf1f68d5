package dev.pertinence.product.rest;

import dev.pertinence.product.ProductDetails;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;

public record ProductRequest(
        @NotBlank @Size(max = 200) String name,
        @Size(max = 100) String category,
        @DecimalMin("0") @DecimalMax("1000000000") BigDecimal price,
        @DecimalMin("-1000000000") @DecimalMax("1000000000") BigDecimal margin) {

    static ProductDetails toDetails(ProductRequest request) {
        return new ProductDetails(request.name(), request.category(), request.price(), request.margin());
    }
}
