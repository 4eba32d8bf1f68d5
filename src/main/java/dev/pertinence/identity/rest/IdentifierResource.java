package dev.pertinence.identity.rest;

import dev.pertinence.common.problem.Problem;
import dev.pertinence.common.security.Roles;
import dev.pertinence.identity.service.IdentityService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The identifiers behind one customer. {@code {id}} is the customer id or any of their identifiers. */
@Path("/v1/customers/{id}/identifiers")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DATA_INGEST)
public class IdentifierResource {

    private final IdentityService identities;

    public IdentifierResource(IdentityService identities) {
        this.identities = identities;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "linkIdentifier", summary = "Link an identifier (email, phone, loyalty card, device, cookie, CRM id) to the customer",
            description = "One identifier belongs to at most one customer: linking one that belongs to another customer is a 409.")
    @APIResponse(responseCode = "201", description = "Linked",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IdentifierView.class)))
    @APIResponse(responseCode = "200", description = "Already linked to this customer",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IdentifierView.class)))
    @APIResponse(responseCode = "409", description = "The identifier belongs to another customer",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<Response> link(@PathParam("id") String customer, @NotNull @Valid IdentifierRequest body) {
        return identities.link(customer, body.type(), body.value(), body.source())
                .map(result -> Response.status(result.created() ? 201 : 200)
                        .entity(IdentifierView.from(result.value().customerId(), result.value().identifier())).build());
    }

    @RolesAllowed({Roles.DATA_INGEST, Roles.PRIVACY_OFFICER})
    @GET
    @Operation(operationId = "listIdentifiers", summary = "The customer's identifiers")
    @APIResponse(responseCode = "200", description = "The identifiers")
    public Uni<IdentifierList> list(@PathParam("id") String customer) {
        return identities.list(customer).map(IdentifierList::from);
    }

    @DELETE
    @Path("/{reference}")
    // no body on success: a client that only accepts problems (all a generated one can expect here) must not get 406
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "unlinkIdentifier", summary = "Unlink an identifier (type:value) from the customer")
    @APIResponse(responseCode = "204", description = "Unlinked")
    public Uni<Void> unlink(@PathParam("id") String customer, @PathParam("reference") String reference) {
        return identities.unlink(customer, reference);
    }
}
