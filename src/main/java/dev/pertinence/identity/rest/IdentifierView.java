package dev.pertinence.identity.rest;

import dev.pertinence.identity.store.IdentifierStore;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "An identifier linked to a customer")
public record IdentifierView(
        @Schema(description = "type:normalised value; usable wherever the API takes a customer", example = "email:jane@example.com")
        String reference,
        String type,
        @Schema(description = "The normalised value") String value,
        String customerId,
        String source,
        Instant addedAt) {

    static IdentifierView from(String customerId, IdentifierStore.Identifier identifier) {
        String reference = identifier.reference();
        return new IdentifierView(reference, identifier.type(), reference.substring(reference.indexOf(':') + 1), customerId,
                identifier.source(), identifier.addedAt());
    }
}
