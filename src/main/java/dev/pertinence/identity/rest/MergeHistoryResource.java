package dev.pertinence.identity.rest;

import dev.pertinence.common.security.Roles;
import dev.pertinence.identity.service.MergeService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The merge audit of one customer. */
@Path("/v1/customers/{id}/merges")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DATA_INGEST, Roles.PRIVACY_OFFICER})
public class MergeHistoryResource {

    private final MergeService merges;

    public MergeHistoryResource(MergeService merges) {
        this.merges = merges;
    }

    @GET
    @Operation(operationId = "listMerges", summary = "The merges into this customer, newest first (the audit)")
    @APIResponse(responseCode = "200", description = "The merges")
    public Uni<List<MergeView>> history(@PathParam("id") String survivor) {
        return merges.history(survivor).map(found -> found.stream().map(MergeView::from).toList());
    }
}
