package dev.pertinence.customer.rest;

import dev.pertinence.common.ApiPatterns;
import dev.pertinence.customer.service.CustomerService;
import io.smallrye.mutiny.Uni;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
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

@Path("/v1/customers")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
public class CustomerResource {

    private final CustomerService customers;

    public CustomerResource(CustomerService customers) {
        this.customers = customers;
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(summary = "Create or replace a customer profile")
    @APIResponse(responseCode = "200", description = "Profile replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "201", description = "Profile created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    public Uni<Response> upsert(@PathParam("id") @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String id,
                                @NotNull @Valid CustomerRequest body) {
        return customers.upsert(id, body)
                .map(result -> Response.status(result.created() ? 201 : 200).entity(result.value()).build());
    }

    @GET
    @Path("/{id}")
    @Operation(summary = "Read a customer profile")
    @APIResponse(responseCode = "200", description = "The profile")
    public Uni<CustomerView> get(@PathParam("id") String id) {
        return customers.get(id);
    }
}
