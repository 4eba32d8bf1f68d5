package dev.pertinence.shop.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import java.math.BigDecimal;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What the till knows of the purchase the coupon was used for; the whole body is optional")
public record RedemptionRequest(
        @Schema(description = "What the customer spent, in the operator's accounting currency: the value of the conversion "
                + "the redemption records (absent: a conversion without value)", examples = "12.50")
        @DecimalMin("0") @DecimalMax("1000000000") @Digits(integer = 10, fraction = 2) BigDecimal amount) {
}
