package dev.pertinence.customer;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Where a profile field came from and how far it can be trusted")
public record Provenance(
        @NotBlank @Size(max = 64) @Schema(examples = "crm") String source,
        @NotNull Reliability reliability) {

    public static final Provenance DEFAULT = new Provenance("api", Reliability.DECLARED);
}
