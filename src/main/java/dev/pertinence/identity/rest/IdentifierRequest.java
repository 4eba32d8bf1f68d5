package dev.pertinence.identity.rest;

import dev.pertinence.identity.IdentifierType;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An identifier to link to the customer; the value is normalised (emails lower-cased, phones to E.164)")
public record IdentifierRequest(
        @NotNull IdentifierType type,
        @NotBlank @Size(max = 254) String value,
        @Schema(description = "Where the identifier comes from (crm, web-signup, store-till, ...); 'api' when omitted")
        @Size(max = 64) String source) {
}
