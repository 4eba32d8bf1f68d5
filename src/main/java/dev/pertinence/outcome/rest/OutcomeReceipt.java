package dev.pertinence.outcome.rest;

import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record OutcomeReceipt(String eventId, UUID decisionId, String offerId, String type,
                             @Schema(description = "recorded: stored now; duplicate: this event id, or this outcome (decision, "
                                     + "offer and type) under another event id, was already stored: nothing counted twice",
                                     enumeration = {"recorded", "duplicate"}) String status) {
}
