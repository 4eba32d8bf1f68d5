package dev.pertinence.privacy.rest;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Proof of an erasure. It does not name the person: quote its id")
public record ErasureReceipt(
        UUID id,
        Instant erasedAt,
        @Schema(description = "Records erased or unlinked, by kind: exposures, outcomesUnlinked, experimentPseudonymsReplaced, decisionsUnlinked, couponsUnlinked, purchases, "
                + "identifiers, consents, lifeEvents, mergeRecords, profile") Map<String, Long> erased) {
}
