package dev.pertinence.evaluation.rest;

import static dev.pertinence.common.store.Timestamps.instant;

import dev.pertinence.common.params.Uuids;
import dev.pertinence.common.security.Roles;
import dev.pertinence.evaluation.Evaluation;
import dev.pertinence.evaluation.EvaluationSettings;
import dev.pertinence.evaluation.service.EvaluationService;
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
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/evaluations")
@Tag(name = "Evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@RolesAllowed({Roles.MARKETER, Roles.DATA_INGEST})
public class EvaluationResource {

    private final EvaluationService evaluations;

    public EvaluationResource(EvaluationService evaluations) {
        this.evaluations = evaluations;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "startEvaluation", summary = "Start an offline evaluation: will this strategy work on our data?",
            description = "Replays the purchase history through the decision core with a co-purchase model counted in memory "
                    + "(the live model is not touched) and no side effect (nothing reserved, recorded, learnt or counted), and "
                    + "scores hit rate, precision and recall at k with 95 % intervals and catalogue coverage, for the current "
                    + "strategy, the same without co-purchase and a popularity baseline. Runs in the background, one at a time: "
                    + "follow it at the Location answered. 503 also on a replica with evaluations turned off "
                    + "(pertinence.evaluation.enabled=false)")
    @APIResponse(responseCode = "202", description = "Queued; the Location header names it",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EvaluationView.class)))
    @APIResponse(responseCode = "409", description = "Another evaluation is queued or running",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Response start(@NotNull @Valid EvaluationRequest body) {
        Evaluation queued = evaluations.start(new EvaluationService.Ask(
                EvaluationSettings.Mode.valueOf(body.mode().name()), body.k(), body.channel() == null ? null : body.channel().wire(),
                body.placement(), body.candidates() == null ? null : EvaluationSettings.Candidates.valueOf(body.candidates().name()),
                instant(body.cutAt()), body.lastDays(), instant(body.from()), instant(body.until()), body.segment(), body.sample(),
                body.seed(), body.heldOutShare(), EvaluationRequest.Draft.settings(body.draft())));
        return Response.accepted(view(queued)).location(URI.create("/v1/evaluations/" + queued.id())).build();
    }

    @GET
    @Path("/{id}")
    @Operation(operationId = "getEvaluation", summary = "An evaluation: its status, progress and, once done, its result")
    public EvaluationView get(@PathParam("id") String id) {
        return view(evaluations.get(Uuids.parse(id, "id")));
    }

    @GET
    @Path("/{id}/chart")
    @Produces("image/svg+xml")
    @Operation(operationId = "getEvaluationChart", summary = "A done evaluation's result as an SVG chart: hit rate, precision and "
            + "recall per strategy with their intervals, and catalogue coverage")
    @APIResponse(responseCode = "200", description = "The chart",
            content = @Content(mediaType = "image/svg+xml", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "409", description = "The evaluation has no result yet (queued or running) or failed",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public String chart(@PathParam("id") String id) {
        return evaluations.chart(Uuids.parse(id, "id"));
    }

    private static EvaluationView view(Evaluation evaluation) {
        EvaluationSettings s = evaluation.settings();
        boolean basket = s.mode() == EvaluationSettings.Mode.BASKET_COMPLETION;
        return new EvaluationView(evaluation.id(), wire(evaluation.status()), new EvaluationView.Settings(wire(s.mode()), s.k(),
                s.channel(), s.placement(), wire(s.candidates()), s.cutAt(), s.from(), s.until(), s.segment(), s.sample(), s.seed(),
                basket ? s.heldOutShare() : null, s.draft() == null ? null : new EvaluationRequest.Draft(s.draft().levers(),
                s.draft().recencyHalfLifeDays(), s.draft().popularityWeight(), s.draft().basePropensity(), s.draft().inMarketBoost(),
                s.draft().evidenceItems())), new EvaluationView.Progress(evaluation.done(), evaluation.total()),
                evaluation.requestedAt(), evaluation.startedAt(), evaluation.finishedAt(), evaluation.error(), evaluation.result());
    }

    private static String wire(Enum<?> value) {
        return value.name().toLowerCase(Locale.ROOT);
    }
}
