package dev.pertinence.shop.rest;

import dev.pertinence.common.security.Roles;
import dev.pertinence.shop.service.StoreVisits;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/coupons/{code}/redemptions")
@Tag(name = "Stores")
@RolesAllowed(Roles.DECISION_CLIENT)
public class CouponResource {

    private final StoreVisits visits;

    public CouponResource(StoreVisits visits) {
        this.visits = visits;
    }

    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "redeemCoupon", summary = "Redeem a coupon at the till: once", description = "A second redemption is a 409; an unknown code a 404.")
    @APIResponse(responseCode = "200", description = "Redeemed")
    @APIResponse(responseCode = "409", description = "The coupon was already redeemed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<Redemption> redeem(@PathParam("code") String code) {
        return visits.redeem(code).map(Redemption::from);
    }
}
