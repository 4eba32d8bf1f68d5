package dev.pertinence.customer.rest;

import dev.pertinence.common.security.Roles;
import dev.pertinence.customer.Customer;
import dev.pertinence.customer.service.CustomerService;
import dev.pertinence.identity.CustomerReference;
import dev.pertinence.identity.service.CustomerResolver;
import dev.pertinence.privacy.rest.ErasureReceipt;
import dev.pertinence.privacy.service.ErasureService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
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
    private final CustomerResolver resolver;
    private final ErasureService erasures;

    public CustomerResource(CustomerService customers, CustomerResolver resolver, ErasureService erasures) {
        this.customers = customers;
        this.resolver = resolver;
        this.erasures = erasures;
    }

    @RolesAllowed(Roles.DATA_INGEST)
    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upsertCustomer", summary = "Create or replace a customer profile",
            description = "{id} is the customer id, or one of their identifiers (type:value) to replace an existing profile. "
                    + "An id merged into another customer replaces the survivor's profile.")
    @APIResponse(responseCode = "200", description = "Profile replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    @APIResponse(responseCode = "201", description = "Profile created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CustomerView.class)))
    public Uni<Response> upsert(@PathParam("id") String id, @NotNull @Valid CustomerRequest body) {
        CustomerReference reference = resolver.parseWritable(id, "id");
        Uni<String> target = reference.isIdentifier() ? resolver.require(id, "id")
                : resolver.resolve(reference).map(found -> found == null ? reference.key() : found);
        return target.chain(customerId -> customers.upsert(customerId, CustomerRequest.toProfile(body)))
                .map(result -> Response.status(result.created() ? 201 : 200).entity(CustomerView.from(result.value())).build());
    }

    @RolesAllowed({Roles.DATA_INGEST, Roles.PRIVACY_OFFICER})
    @GET
    @Path("/{id}")
    @Operation(operationId = "getCustomer", summary = "Read a customer profile", description = "{id} is the customer id or any of their identifiers (type:value)")
    @APIResponse(responseCode = "200", description = "The profile")
    public Uni<CustomerView> get(@PathParam("id") String id) {
        CustomerReference reference = resolver.parse(id, "id");
        // the common case, the customer's own id, in one statement; an identifier or a merged-away id is resolved first
        Uni<Customer> own = reference.isIdentifier() ? Uni.createFrom().nullItem() : customers.find(reference.key());
        return own.chain(found -> found != null ? Uni.createFrom().item(found)
                        : resolver.require(reference, "id").chain(customers::get))
                .map(CustomerView::from);
    }

    @RolesAllowed(Roles.PRIVACY_OFFICER)
    @DELETE
    @Path("/{id}")
    @Operation(operationId = "eraseCustomer", summary = "Erase the person (right to erasure)",
            description = "Profile, identifiers, consents, purchases, exposures and the person's Redis state are deleted; "
                    + "decisions and outcomes lose their link to the person, so offer performance is unchanged. "
                    + "Answered with a receipt that does not name the person. docs/privacy.md")
    @APIResponse(responseCode = "200", description = "Erased",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = ErasureReceipt.class)))
    public Uni<ErasureReceipt> erase(@PathParam("id") String id) {
        return erasures.erase(id).map(erasure -> new ErasureReceipt(erasure.id(), erasure.erasedAt(), erasure.erased()));
    }
}
