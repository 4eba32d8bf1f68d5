package dev.pertinence.evaluation.rest;

import static dev.pertinence.common.store.Timestamps.instant;

import dev.pertinence.common.security.Roles;
import dev.pertinence.evaluation.OffPolicyEstimate;
import dev.pertinence.evaluation.service.EstimateService;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/estimates")
@Tag(name = "Evaluations")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
@RolesAllowed({Roles.MARKETER, Roles.DATA_INGEST})
public class EstimateResource {

    private final EstimateService estimates;

    public EstimateResource(EstimateService estimates) {
        this.estimates = estimates;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Operation(operationId = "estimateFromLoggedDecisions", summary = "Estimate a candidate strategy's acceptance or conversion "
            + "rate from the decisions logged",
            description = "Replays each decision logged in the range with the candidate strategy, as of its moment (as an "
                    + "evaluation replays a case), and uses a logged answer only where the candidate would show the offer, "
                    + "weighed by the inverse of the probability the logged strategy had of showing it (recorded with every "
                    + "decision). Answers inverse-propensity (IPS) and self-normalised (SNIPS) estimates with 95 % intervals, "
                    + "the effective sample size and the logged strategy's own rate. Synchronous (seconds), one at a time per "
                    + "replica; nothing reserved, recorded, learnt or counted. 503 on a replica with evaluations turned off")
    @APIResponse(responseCode = "200", description = "The estimate",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EstimateView.class)))
    @APIResponse(responseCode = "409", description = "Another estimate is running on this replica",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public EstimateView estimate(@NotNull @Valid EstimateRequest body) {
        EstimateService.Result result = estimates.estimate(new EstimateService.Ask(instant(body.from()), instant(body.until()),
                body.channel() == null ? null : body.channel().wire(), body.placement(),
                body.outcome() == null ? null : EstimateService.Outcome.valueOf(body.outcome().name()), EvaluationRequest.Draft.settings(body.draft())));
        OffPolicyEstimate e = result.estimate();
        return new EstimateView(result.from(), result.until(), result.channel(), result.placement(),
                result.outcome().name().toLowerCase(Locale.ROOT), e.decisions(), result.truncated(), e.candidatePlaces(),
                e.matched(), e.ips(), e.snips(), e.effectiveSample(), e.observed(), e.loggedShown(), e.loggedAnswered(),
                result.modelItems(), result.durationMs(), e.warnings(), result.skippedWithoutPropensity());
    }
}
