package dev.pertinence.copurchase.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.params.Uuids;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.security.Roles;
import dev.pertinence.decision.Neighbour;
import dev.pertinence.copurchase.service.ModelBuildService;
import dev.pertinence.copurchase.store.ActiveModel;
import dev.pertinence.copurchase.store.RedisModelStore;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/models/co-purchase")
@Tag(name = "Co-purchase model")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DATA_INGEST, Roles.MARKETER})
public class ModelResource {

    private static final List<String> TRIGGERS = List.of("api", "schedule", "recovery", "spark");

    private final ModelBuildService builds;
    private final ActiveModel activeModel;
    private final RedisModelStore store;

    public ModelResource(ModelBuildService builds, ActiveModel activeModel, RedisModelStore store) {
        this.builds = builds;
        this.activeModel = activeModel;
        this.store = store;
    }

    @POST
    @Path("/builds")
    @Operation(operationId = "buildCoPurchaseModel", summary = "Rebuild the model from the purchases now",
            description = "Answers at once; poll the build (Location header) for its status, size and duration.")
    @APIResponse(responseCode = "202", description = "Build started",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BuildView.class)))
    @APIResponse(responseCode = "409", description = "A build is already running",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<Response> build() {
        return builds.start("api").map(build -> Response.accepted(BuildView.from(build))
                .location(URI.create("/v1/models/co-purchase/builds/" + build.id())).build());
    }

    @GET
    @Path("/builds")
    @Operation(operationId = "listCoPurchaseModelBuilds", summary = "The latest builds, newest first, whoever ran them",
            description = "The service's own builds (api, schedule, recovery) and the Spark job's (spark, docs/model-build.md).")
    @APIResponse(responseCode = "200", description = "Builds, newest request first",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(type = SchemaType.ARRAY, implementation = BuildView.class)))
    @APIResponse(responseCode = "400", description = "limit out of range, or an unknown trigger",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<List<BuildView>> builds(
            @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
            @Parameter(description = "Only the builds of this trigger",
                    schema = @Schema(type = SchemaType.STRING, enumeration = {"api", "schedule", "recovery", "spark"}))
            @QueryParam("trigger") String trigger) {
        if (trigger != null && !TRIGGERS.contains(trigger)) {
            throw ClientProblem.invalid("trigger", "trigger: must be one of " + String.join(", ", TRIGGERS));
        }
        return builds.recent(limit, trigger).map(list -> list.stream().map(BuildView::from).toList());
    }

    @GET
    @Path("/builds/{id}")
    @Operation(operationId = "getCoPurchaseModelBuild", summary = "A build's status, size and duration")
    public Uni<BuildView> build(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("id") String id) {
        return builds.get(Uuids.parse(id, "id")).map(BuildView::from);
    }

    @GET
    @Operation(operationId = "getCoPurchaseModel", summary = "The active model: the last successful build")
    @APIResponse(responseCode = "200", description = "The build that made the active model",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BuildView.class)))
    @APIResponse(responseCode = "404", description = "No model has been built yet",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<BuildView> active() {
        return builtModel().chain(current -> builds.latestSucceeded())
                .map(build -> build == null ? null : BuildView.from(build));
    }

    @GET
    @Path("/neighbours/{sku}")
    @Operation(operationId = "listCoPurchaseNeighbours", summary = "Customers who bought this also bought: the item's neighbours in the active model")
    public Uni<List<Neighbour>> neighbours(
            @PathParam("sku") @Pattern(regexp = ApiPatterns.ID, message = ApiPatterns.ID_MESSAGE) String sku) {
        return builtModel().chain(current -> store.neighbours(current.version(), List.of(sku))
                .map(found -> found.getOrDefault(sku, List.of())));
    }

    /** The active model, read afresh; 404 before the first successful build. */
    private Uni<ActiveModel.Current> builtModel() {
        return activeModel.refresh().map(current -> {
            if (!current.present()) {
                throw new ClientProblem(404, "Not found", "no co-purchase model has been built yet", null);
            }
            return current;
        });
    }
}
