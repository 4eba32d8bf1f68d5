package dev.pertinence.product.rest;

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
}
