package dev.pertinence.simulation.rest;

import dev.pertinence.common.params.Uuids;
import dev.pertinence.common.security.Roles;
import dev.pertinence.simulation.Simulation;
import dev.pertinence.simulation.SimulationDraft;
import dev.pertinence.simulation.SimulationSettings;
import dev.pertinence.simulation.service.SimulationService;
import io.smallrye.common.annotation.Blocking;
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
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/simulations")
@Tag(name = "Simulations")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@RolesAllowed({Roles.MARKETER, Roles.DATA_INGEST})
public class SimulationResource {

    private static final String DEFAULT_PLACEMENT = "home";

    private final SimulationService simulations;

    public SimulationResource(SimulationService simulations) {
        this.simulations = simulations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startSimulation", summary = "Start a simulation: what would this strategy do to our customers now?",
            description = "Decides a strategy (the current one, or a draft) for every customer, a segment or a seeded sample, "
                    + "on each channel and placement asked, with each person's inputs as a live decision reads them now and "
                    + "the real decision core, dry: nothing reserved, recorded, learnt or counted. Counts who would get each "
                    + "offer and at which rank, each offer's eligible audience, who gets nothing and why, what budgets would "
                    + "spend and when they would run out and, beside a draft, whose top offer changes. Runs in the background, "
                    + "one at a time, for at most pertinence.simulation.max-duration (then it fails, saying how far it got; "
                    + "it may also be cancelled): follow it at the Location answered. 503 on a replica with evaluations or simulations "
                    + "turned off")
    @APIResponse(responseCode = "202", description = "Queued; the Location header names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SimulationView.class)))
    @APIResponse(responseCode = "409", description = "Another simulation is queued or running",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response start(@NotNull @Valid SimulationRequest body) {
        List<SimulationSettings.Target> placements = body.placements() == null ? null : body.placements().stream()
                .map(t -> new SimulationSettings.Target(t.channel().wire(), t.placement() == null ? DEFAULT_PLACEMENT : t.placement()))
                .toList();
        Simulation queued = simulations.start(new SimulationService.Ask(placements, body.segment(), body.sample(), body.seed(),
                body.limit(), body.dailyReach(), draft(body.draft())));
        return Response.accepted(view(queued)).location(URI.create("/v1/simulations/" + queued.id())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getSimulation", summary = "A simulation: its status, progress and, once done, its result")
    public SimulationView get(@PathParam("id") String id) {
        return view(simulations.get(Uuids.parse(id, "id")));
    }

    @POST
    @Path("/{id}/cancel")
    @Operation(operationId = "cancelSimulation", summary = "Cancel a queued or running simulation",
            description = "Ends it now as failed, its error saying how far it got (no result is kept): its run stops at its "
                    + "next person (on another replica, at that replica's next heartbeat), and the next simulation may start")
    @APIResponse(responseCode = "200", description = "Cancelled: the simulation as it now is (failed, with why)",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = SimulationView.class)))
    @APIResponse(responseCode = "409", description = "The simulation already ended (done or failed)",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public SimulationView cancel(@PathParam("id") String id) {
        return view(simulations.cancel(Uuids.parse(id, "id")));
    }

    @GET
    @Path("/{id}/chart")
    @Produces("image/svg+xml")
    @Operation(operationId = "getSimulationChart", summary = "A done simulation's result as an SVG chart: per channel and "
            + "placement, the people who would get each offer beside its eligible audience, and those who get nothing")
    @APIResponse(responseCode = "200", description = "The chart",
            content = @Content(mediaType = "image/svg+xml", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "The simulation has no result yet (queued or running) or failed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public String chart(@PathParam("id") String id) {
        return simulations.chart(Uuids.parse(id, "id"));
    }

    private static SimulationView view(Simulation simulation) {
        SimulationSettings s = simulation.settings();
        SimulationDraft d = s.draft();
        return new SimulationView(simulation.id(), simulation.status().name().toLowerCase(Locale.ROOT),
                new SimulationView.Settings(s.placements().stream().map(t -> new SimulationView.Where(t.channel(), t.placement()))
                        .toList(), s.segment(), s.sample(), s.seed(), s.limit(), s.dailyReach(), d == null ? null
                        : new SimulationRequest.Draft(d.levers(), d.recencyHalfLifeDays(), d.popularityWeight(), d.basePropensity(),
                        d.inMarketBoost(), d.evidenceItems(), d.rules(), d.withoutOffers())),
                new SimulationView.Progress(simulation.done(), simulation.total()), simulation.requestedAt(),
                simulation.startedAt(), simulation.finishedAt(), simulation.error(), simulation.result());
    }

    private static SimulationDraft draft(SimulationRequest.Draft draft) {
        return draft == null ? null : new SimulationDraft(draft.levers(), draft.recencyHalfLifeDays(), draft.popularityWeight(),
                draft.basePropensity(), draft.inMarketBoost(), draft.evidenceItems(), draft.rules(), draft.withoutOffers());
    }
}
