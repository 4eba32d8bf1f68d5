package dev.pertinence.purchase.rest;

import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.Channel;
import dev.pertinence.purchase.PurchaseLine;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.validation.constraints.Positive;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One purchased item. Lines sharing an orderId form one basket; a retried line "
        + "with the same orderId and sku replaces the earlier one instead of counting twice.")
public record PurchaseRequest(
        @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String orderId,
        @Schema(description = "Omit for an anonymous basket; an unknown id gets a minimal profile; "
                + "or one of the customer's identifiers (type:value), which must be linked already")
        @Size(max = 300) String customerId,
        @NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String sku,
        @Schema(defaultValue = "1") @Positive @Max(100_000) Integer quantity,
        @Schema(description = "Amount paid for the line") @DecimalMin("0") @DecimalMax("1000000000") BigDecimal amount,
        @NotNull OffsetDateTime purchasedAt,
        Channel channel,
        @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String storeId) {

    /** The line as given: the customer still as the caller named them. */
    static PurchaseLine toLine(PurchaseRequest request) {
        return new PurchaseLine(request.orderId(), request.customerId(), request.sku(),
                request.quantity() == null ? 1 : request.quantity(), request.amount(), request.purchasedAt().toInstant(),
                request.channel() == null ? null : request.channel().wire(), request.storeId(), null);
    }
}
