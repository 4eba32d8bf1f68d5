package dev.pertinence.offer.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.pertinence.offer.service.OfferService;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record BulkOfferReport(int created, int updated,
                              @Schema(description = "Doubts about offers written anyway, e.g. [3].targetSkus[0]")
                              List<OfferView.Warning> warnings) {

    static BulkOfferReport from(OfferService.BulkWritten written) {
        return new BulkOfferReport(written.created(), written.updated(), OfferView.warnings(written.warnings()));
    }
}
