package dev.pertinence.offer.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pertinence.common.Channel;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record OfferView(
        String id,
        String title,
        String message,
        String category,
        List<String> targetSkus,
        List<String> targetCategories,
        List<Channel> channels,
        List<String> placements,
        Instant validFrom,
        Instant validUntil,
        double businessValue,
        double lever,
        String rule,
        @Schema(enumeration = {"active", "paused"}) String status,
        @Schema(description = "Incremented by every change") int version,
        Instant createdAt,
        Instant updatedAt) {
}
