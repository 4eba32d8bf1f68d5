package dev.pertinence.cascade.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pertinence.cascade.store.CascadeStore;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A cascade and where it stands")
public record CascadeView(UUID id, String customerId, String placement,
                          @Schema(enumeration = {"running", "answered", "exhausted"}) String status,
                          Instant createdAt, List<Step> steps) {

    @Schema(name = "CascadeStep", description = "A step and where it stands")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Step(int position, String channel, @com.fasterxml.jackson.annotation.JsonProperty("wait") String waitFor, String until,
                       @Schema(enumeration = {"waiting", "sent", "answered", "expired", "skipped"}) String status,
                       @Schema(description = "The step's decision: report outcomes with it") UUID decisionId,
                       @Schema(description = "Why a step was skipped (consent, contact caps, nothing eligible)") String reason,
                       Instant sentAt, Instant deadline) {
    }

    static CascadeView from(CascadeStore.Cascade cascade) {
        return new CascadeView(cascade.id(), cascade.customerId(), cascade.placement(), cascade.status(), cascade.createdAt(),
                cascade.steps().stream().map(step -> new Step(step.position(), step.channel(), step.waitFor().toString(),
                        step.until(), step.status(), step.decisionId(), step.reason(), step.sentAt(), step.deadline())).toList());
    }
}
