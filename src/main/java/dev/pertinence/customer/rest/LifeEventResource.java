package dev.pertinence.customer.rest;

import dev.pertinence.common.problem.Problem;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.security.Roles;
import dev.pertinence.customer.store.LifeEventStore;
import dev.pertinence.identity.service.CustomerResolver;
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
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A customer's life events. {@code {id}} is the customer id or any of their identifiers. */
@Path("/v1/customers/{id}/life-events")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DATA_INGEST)
public class LifeEventResource {

    private final CustomerResolver resolver;
    private final LifeEventStore store;
    private final Clock clock;

    public LifeEventResource(CustomerResolver resolver, LifeEventStore store, Clock clock) {
        this.resolver = resolver;
        this.store = store;
        this.clock = clock;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "addLifeEvent", summary = "Record a life event (birthday, child's birthday, wedding, birth, baptism, moving house)",
            description = "Offers can target an event type within a window around it (docs/moments.md).")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = LifeEventView.class)))
    public Uni<Response> add(@PathParam("id") String customer, @NotNull @Valid LifeEventRequest body) {
        if (body.date().isBefore(LocalDate.of(1900, 1, 1)) || body.date().isAfter(LocalDate.now(clock).plusYears(5))) {
            throw ClientProblem.invalid("date", "date: must be between 1900-01-01 and five years from now");
        }
        boolean recurring = body.recurring() == null ? body.type().recursByDefault() : body.recurring();
        String source = body.source() == null || body.source().isBlank() ? "api" : body.source().trim();
        return resolver.require(customer, "id")
                .chain(customerId -> store.add(customerId, body.type().wire(), body.date(), recurring, source, clock.instant()))
                .map(stored -> Response.status(201).entity(view(stored)).build());
    }

    @GET
    @RolesAllowed({Roles.DATA_INGEST, Roles.PRIVACY_OFFICER})
    @Operation(operationId = "listLifeEvents", summary = "The customer's life events, by date")
    @APIResponse(responseCode = "200", description = "The life events")
    public Uni<List<LifeEventView>> list(@PathParam("id") String customer) {
        return resolver.require(customer, "id").chain(store::list)
                .map(events -> events.stream().map(LifeEventResource::view).toList());
    }

    @DELETE
    @Path("/{eventId}")
    // no body on success: a client that only accepts problems (all a generated one can expect here) must not get 406
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(operationId = "deleteLifeEvent", summary = "Remove a life event")
    @APIResponse(responseCode = "204", description = "Removed")
    public Uni<Void> delete(@PathParam("id") String customer, @PathParam("eventId") long eventId) {
        return resolver.require(customer, "id").chain(customerId -> store.delete(customerId, eventId)).map(removed -> {
            if (!removed) {
                throw ClientProblem.notFound("eventId", "life event of this customer", String.valueOf(eventId));
            }
            return null;
        });
    }

    private static LifeEventView view(LifeEventStore.Stored stored) {
        return new LifeEventView(stored.id(), stored.type(), stored.date(), stored.recurring(), stored.source(), stored.recordedAt());
    }
}
