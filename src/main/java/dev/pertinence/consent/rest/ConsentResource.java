package dev.pertinence.consent.rest;

import dev.pertinence.common.security.Roles;
import dev.pertinence.consent.service.ConsentService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A person's consents. {@code {id}} is the customer id or any of their identifiers. */
@Path("/v1/customers/{id}/consents")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
public class ConsentResource {

    private final ConsentService consents;

    public ConsentResource(ConsentService consents) {
        this.consents = consents;
    }

    @RolesAllowed(Roles.DATA_INGEST)
    @PUT
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "recordConsents", summary = "Record consents (offers per channel, profiling), with their source and time",
            description = "Per purpose and channel the newest answer wins, whatever the order of arrival. "
                    + "Questions not in the request keep their answer.")
    @APIResponse(responseCode = "200", description = "The consents now, and what decisions make of them")
    public Uni<ConsentView> record(@PathParam("id") String customer, @NotNull @Valid ConsentRequest body) {
        return consents.record(customer, ConsentRequest.toAnswers(body)).map(ConsentView::from);
    }

    @RolesAllowed({Roles.DATA_INGEST, Roles.PRIVACY_OFFICER})
    @GET
    @Operation(operationId = "getConsents", summary = "The person's consents, and what decisions make of them")
    @APIResponse(responseCode = "200", description = "The consents")
    public Uni<ConsentView> read(@PathParam("id") String customer) {
        return consents.read(customer).map(ConsentView::from);
    }
}
