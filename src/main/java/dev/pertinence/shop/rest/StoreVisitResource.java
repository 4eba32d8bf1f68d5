package dev.pertinence.shop.rest;

import dev.pertinence.common.security.Roles;
import dev.pertinence.shop.service.StoreVisits;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/store-visits")
@Tag(name = "Stores")
@RolesAllowed(Roles.DECISION_CLIENT)
public class StoreVisitResource {

    private final StoreVisits visits;

    public StoreVisitResource(StoreVisits visits) {
        this.visits = visits;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordStoreVisit", summary = "A customer's app reports where they are: in a store, its offers with single-use coupons",
            description = "Outside every geofence: 200, no offers, and the reason. Inside: a decision among the offers for channel "
                    + "store, placement store-entry (consent to push offers needed), each with a unique coupon. Entering the same "
                    + "store again within the visit window (pertinence.store.visit-window, 4 h) gives back the same coupons. "
                    + "With dryRun: the offers a visit would bring now, without coupon codes; nothing issued, recorded, "
                    + "reserved or counted, and a later real visit is a first one.")
    @APIResponse(responseCode = "200", description = "The store (if any) and its offers")
    @APIResponse(responseCode = "404", description = "No customer has this customerId",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<StoreVisit> visit(@NotNull @Valid StoreVisitRequest body) {
        return visits.visit(body.customerId(), body.latitude(), body.longitude(), Boolean.TRUE.equals(body.dryRun()))
                .map(StoreVisit::from);
    }
}
