package dev.pertinence.shop.rest;

import dev.pertinence.common.security.Roles;
import dev.pertinence.shop.service.Redemptions;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/coupons/{code}/redemptions")
@Tag(name = "Stores")
@RolesAllowed(Roles.DECISION_CLIENT)
public class CouponResource {

    private final Redemptions redemptions;

    public CouponResource(Redemptions redemptions) {
        this.redemptions = redemptions;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "redeemCoupon", summary = "Redeem a coupon at the till: once, before it expires, while its offer is active",
            description = "The redemption records a conversion of the offer in the coupon's decision (with the amount spent, "
                    + "when given), in the same transaction: the offer's performance counts it. Codes are read case-insensitively.")
    @RequestBody(required = false, content = @Content(mediaType = MediaType.APPLICATION_JSON,
            schema = @Schema(implementation = RedemptionRequest.class)))
    @APIResponse(responseCode = "201", description = "Redeemed, and its conversion recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Redemption.class)))
    @APIResponse(responseCode = "400", description = "The amount is negative, over 1,000,000,000 or has more than 2 decimals",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "404", description = "No coupon has this code",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "409", description = "Not redeemable, and the detail says why: already redeemed (and when), "
            + "expired (and when), its offer paused, ended (and when) or gone",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<Response> redeem(@PathParam("code") String code, @Valid RedemptionRequest body) {
        return redemptions.redeem(code, body == null ? null : body.amount())
                .map(redeemed -> Response.status(Response.Status.CREATED).entity(Redemption.from(redeemed)).build());
    }

    /** The same without a body (no Content-Type), as tills sent it before the amount existed: documented above. */
    @POST
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(hidden = true)
    public Uni<Response> redeemWithoutBody(@PathParam("code") String code) {
        return redeem(code, null);
    }
}
