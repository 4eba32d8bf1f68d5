package dev.pertinence.identity.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Which profile to fold into this one, and why")
public record MergeRequest(
        @Schema(description = "The customer to merge away: its id or any of its identifiers (type:value)", example = "cu-77")
        @NotBlank @Size(max = 300) String from,
        @Schema(description = "Why the two profiles are one person (kept in the audit)", example = "same loyalty card, agent-confirmed")
        @Size(max = 500) String reason) {
}
