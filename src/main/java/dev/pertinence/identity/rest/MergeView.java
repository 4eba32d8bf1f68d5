package dev.pertinence.identity.rest;

import dev.pertinence.identity.store.MergeStore;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "One merge, as audited: who was folded into whom, when, why, and how many records moved")
public record MergeView(
        UUID id,
        String survivorId,
        @Schema(description = "The id merged away; it keeps resolving to the survivor") String mergedId,
        String reason,
        @Schema(description = "Records repointed, by kind: purchases, decisions, exposures, outcomes, identifiers, lifeEvents, "
                + "consents (answers the survivor took: the newer of the two), earlierMerges, contactEntries (the person's contact-pressure entries in Redis)")
        Map<String, Long> moved,
        Instant mergedAt) {

    static MergeView from(MergeStore.Merge merge) {
        return new MergeView(merge.id(), merge.survivorId(), merge.mergedId(), merge.reason(), merge.moved(), merge.mergedAt());
    }
}
