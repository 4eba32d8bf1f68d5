package dev.pertinence.consent.rest;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "What the person agreed to, and what decisions make of it")
public record ConsentView(
        String customerId,
        @Schema(description = "The recorded answers") List<Recorded> consents,
        @Schema(description = "What decisions apply: profiling allowed, and offers allowed per channel "
                + "(an unanswered question counts as configured, by default as refused)") Effective effective) {

    public record Recorded(String purpose, String channel, boolean granted, String source, Instant recordedAt) {
    }

    public record Effective(boolean profiling, Map<String, Boolean> offers) {
    }
}
