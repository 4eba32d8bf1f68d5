package dev.pertinence.consent.rest;

import dev.pertinence.consent.service.CustomerConsents;
import dev.pertinence.decision.Consents;
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

    static ConsentView from(CustomerConsents consents) {
        List<Recorded> recorded = consents.answers().stream().map(answer -> new Recorded(answer.purpose(),
                answer.channel().equals(Consents.ANY_CHANNEL) ? null : answer.channel(), answer.granted(),
                answer.source(), answer.recordedAt())).toList();
        return new ConsentView(consents.customerId(), recorded,
                new Effective(consents.effective().profiling(), consents.effective().offers()));
    }
}
