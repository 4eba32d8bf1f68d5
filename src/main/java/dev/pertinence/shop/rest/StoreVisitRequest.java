package dev.pertinence.shop.rest;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A customer's phone reports where they are")
public record StoreVisitRequest(
        @Schema(description = "The customer id or any of their identifiers (the app's device:..., say)") @NotBlank @Size(max = 300)
        String customerId,
        @NotNull @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @NotNull @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @Schema(description = "What would the customer get here, without any effect: no coupon issued, no visit recorded, "
                + "nothing reserved under the contact caps, learnt or counted", defaultValue = "false")
        Boolean dryRun) {
}
