package dev.pertinence.contact.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record ExposurePage(String customerId, List<Exposure> exposures,
                           @Schema(description = "Pass as cursor for the next (older) page; absent on the last page") String next) {

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Exposure(UUID decisionId, String offerId,
                           @Schema(description = "The offer's title, while it is in the active catalogue") String title,
                           @Schema(description = "Where it was shown (the decision's channel)") String channel,
                           String placement, Instant shownAt,
                           @Schema(description = "The strongest answer so far; absent when none",
                                   enumeration = {"click", "accept", "refuse", "dismiss", "convert"}) String response,
                           Instant respondedAt) {
    }
}
