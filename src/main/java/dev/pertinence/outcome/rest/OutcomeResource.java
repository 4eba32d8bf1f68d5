package dev.pertinence.outcome.rest;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import dev.pertinence.common.Channel;
import dev.pertinence.common.params.Uuids;
import dev.pertinence.common.security.Roles;
import dev.pertinence.outcome.service.NewOutcome;
import dev.pertinence.outcome.service.OutcomeService;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.MDC;

@Path("/v1/decisions/{decisionId}/outcomes")
@Tag(name = "Outcomes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DECISION_CLIENT)
public class OutcomeResource {

    private static final String PROBLEM = "application/problem+json";
    private final OutcomeService outcomes;

    public OutcomeResource(OutcomeService outcomes) {
        this.outcomes = outcomes;
    }

    @POST
    @Operation(operationId = "recordOutcome", summary = "Report what happened to an offer of a decision",
            description = "Stored in PostgreSQL before the answer. One outcome per decision, offer and type: a retry with "
                    + "the same eventId, or another eventId for an outcome already recorded, answers 200 (duplicate) and "
                    + "counts nothing twice (a conversion keeps its first value); the same eventId for a different outcome "
                    + "is a 409.")
    @APIResponse(responseCode = "201", description = "Recorded",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutcomeReceipt.class)))
    @APIResponse(responseCode = "200", description = "Already recorded, under this eventId or another: nothing changed",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = OutcomeReceipt.class)))
    @APIResponse(responseCode = "404", description = "No such decision (a dry run's decisionId is none: answered at once)", content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "409", description = "eventId already used for another outcome",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "The offer was not in the decision, or the time does not fit it",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Uni<Response> record(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid")) @PathParam("decisionId") String decisionId, @NotNull @Valid OutcomeRequest body) {
        UUID decision = Uuids.parse(decisionId, "decisionId");
        MDC.put("decisionId", decision.toString()); // the lines logged for this outcome name its decision, as the decision's did
        NewOutcome outcome = new NewOutcome("", decision, body.eventId(), body.offerId(), body.type(),
                wire(body.channel()), instant(body.occurredAt()), body.value());
        return outcomes.record(List.of(outcome)).map(receipts -> {
            OutcomeService.Receipt receipt = receipts.get(0);
            return Response.status(receipt.duplicate() ? 200 : 201).entity(toReceipt(receipt)).build();
        });
    }

    static OutcomeReceipt toReceipt(OutcomeService.Receipt receipt) {
        NewOutcome outcome = receipt.outcome();
        return new OutcomeReceipt(outcome.eventId(), outcome.decisionId(), outcome.offerId(), outcome.type().wire(),
                receipt.duplicate() ? "duplicate" : "recorded");
    }


    static String wire(Channel channel) {
        return channel == null ? null : channel.wire();
    }

    static java.time.Instant instant(OffsetDateTime time) {
        return time == null ? null : time.toInstant();
    }
}
