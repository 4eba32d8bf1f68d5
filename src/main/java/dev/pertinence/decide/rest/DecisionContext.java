package dev.pertinence.decide.rest;

import dev.pertinence.common.ApiPatterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "The moment: every field optional")
public record DecisionContext(
        @Schema(description = "The caller's local time with its offset; default now (UTC)") OffsetDateTime time,
        @Schema(description = "SKUs in the cart") @Size(max = 100)
        List<@NotNull @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String> cart,
        @Schema(description = "SKU being viewed") @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String currentProduct,
        @Valid Location location,
        @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String storeId,
        @Size(max = 64) String device) {
}
