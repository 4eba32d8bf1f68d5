package dev.pertinence.shop.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.security.Roles;
import dev.pertinence.shop.Geofence;
import dev.pertinence.shop.store.StoreDirectory;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
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
import java.time.Clock;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/stores")
@Tag(name = "Stores")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DATA_INGEST)
public class StoreResource {

    private final StoreDirectory stores;
    private final Clock clock;

    public StoreResource(StoreDirectory stores, Clock clock) {
        this.stores = stores;
        this.clock = clock;
    }

    @PUT
    @Path("/{id}")
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "upsertStore", summary = "Create or replace a store and its geofence (a point and a radius)")
    @APIResponse(responseCode = "201", description = "Created",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoreView.class)))
    @APIResponse(responseCode = "200", description = "Replaced",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = StoreView.class)))
    public Uni<Response> upsert(@PathParam("id") @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String id,
                                @NotNull @Valid StoreRequest body) {
        Geofence.Fence fence = new Geofence.Fence(id, body.name().trim(), body.latitude(), body.longitude(), body.radiusMeters());
        return stores.upsert(fence, clock.instant()).map(created -> Response.status(created ? 201 : 200).entity(view(fence)).build());
    }

    @GET
    @Path("/{id}")
    @RolesAllowed({Roles.DATA_INGEST, Roles.DECISION_CLIENT, Roles.MARKETER})
    @Operation(operationId = "getStore", summary = "A store and its geofence")
    @APIResponse(responseCode = "200", description = "The store")
    public Uni<StoreView> get(@Parameter(description = "An id as it was created: " + ApiPatterns.ID_MESSAGE, schema = @Schema(type = SchemaType.STRING, pattern = ApiPatterns.ID)) @PathParam("id") String id) {
        return stores.get(id).map(fence -> {
            if (fence == null) {
                throw ClientProblem.notFound("store", id);
            }
            return view(fence);
        });
    }

    private static StoreView view(Geofence.Fence fence) {
        return new StoreView(fence.storeId(), fence.name(), fence.latitude(), fence.longitude(), fence.radiusM());
    }
}
