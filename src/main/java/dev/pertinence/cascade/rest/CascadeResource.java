package dev.pertinence.cascade.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import dev.pertinence.cascade.service.CascadeService;
import dev.pertinence.cascade.store.CascadeStore;
import dev.pertinence.common.params.Uuids;
import dev.pertinence.common.security.Roles;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/cascades")
@Tag(name = "Decisions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DECISION_CLIENT)
public class CascadeResource {

    private final CascadeService cascades;

    public CascadeResource(CascadeService cascades) {
        this.cascades = cascades;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startCascade", summary = "Start a cascade: email; if not opened within 48 h, SMS; if no response within 72 h, a call",
            description = "Step 1 is decided now. A step its decision cannot fill (no consent on the channel, a contact cap, nothing "
                    + "eligible) is skipped with the reason and the next one decided. An outcome for a step's decision answers the "
                    + "cascade; a step whose wait is over is expired and the next one decided (docs/callers.md).")
    @APIResponse(responseCode = "201", description = "Started; its state",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = CascadeView.class)))
    @APIResponse(responseCode = "404", description = "No customer has this customerId",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<Response> create(@NotNull @Valid CascadeRequest body) {
        List<CascadeStore.NewStep> steps = body.steps().stream()
                .map(step -> new CascadeStore.NewStep(step.channel().wire(), step.waitFor(), step.until()))
                .toList();
        return cascades.create(body.customerId(), body.placement(), steps)
                .map(cascade -> Response.status(201).entity(CascadeView.from(cascade)).build());
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getCascade", summary = "A cascade's state, step by step")
    @APIResponse(responseCode = "200", description = "The cascade")
    public Uni<CascadeView> get(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return cascades.get(Uuids.parse(id, "id")).map(CascadeView::from);
    }
}
