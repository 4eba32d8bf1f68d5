package dev.pertinence.identity.rest;

import dev.pertinence.common.security.Roles;
import dev.pertinence.identity.service.MergeCommand;
import dev.pertinence.identity.service.MergeService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
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

/**
 * Two profiles that are one person. {@code {id}} (the survivor) is the customer id or any of their
 * identifiers. (A root class of its own: JAX-RS does not backtrack from {@code /v1/customers/{id}}.)
 */
@Path("/v1/customers/{id}/merge")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DATA_INGEST)
public class MergeResource {

    private final MergeService merges;

    public MergeResource(MergeService merges) {
        this.merges = merges;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "mergeCustomers", summary = "Fold another customer into this one",
            description = "Identifiers, purchases, decisions, exposures, outcomes and contact-pressure counters move to this "
                    + "customer (a capped person stays capped); profile fields this customer lacks are taken from the other. "
                    + "Atomic in PostgreSQL and audited; the other id keeps resolving to this customer.")
    @APIResponse(responseCode = "200", description = "Merged; what moved")
    @APIResponse(responseCode = "409", description = "The other customer is already this one (merged before, or the same), or one of the two changed meanwhile",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<MergeView> merge(@PathParam("id") String survivor, @NotNull @Valid MergeRequest body) {
        return merges.merge(survivor, new MergeCommand(body.from(), body.reason())).map(MergeView::from);
    }
}
