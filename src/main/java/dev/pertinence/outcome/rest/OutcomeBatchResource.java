package dev.pertinence.outcome.rest;

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
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Outcomes of many decisions in one request (a resource of its own: JAX-RS matches root paths without backtracking). */
@Path("/v1/outcomes")
@Tag(name = "Outcomes")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DECISION_CLIENT)
public class OutcomeBatchResource {

    private final OutcomeService outcomes;

    public OutcomeBatchResource(OutcomeService outcomes) {
        this.outcomes = outcomes;
    }

    @POST
    @Operation(operationId = "recordOutcomes", summary = "Report up to 1,000 outcomes of any decisions at once, all or nothing",
            description = "Each outcome is checked as the single form checks it; one refused refuses the batch, and the "
                    + "problem names it (outcomes[i].field). Retried events, and other event ids for an outcome already "
                    + "recorded (one per decision, offer and type, within the batch too), are reported as duplicates.")
    @APIResponse(responseCode = "200", description = "Recorded; retried events counted as duplicates",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = BatchReceipt.class)))
    @APIResponse(responseCode = "404", description = "An outcome names a decision that does not exist (a dry run's "
            + "decisionId, say); nothing was recorded",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "409", description = "An eventId was already used for another outcome; nothing was recorded",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "422", description = "An offer was not in its decision, or a time does not fit it; nothing was recorded",
            content = @Content(mediaType = "application/problem+json", schema = @Schema(ref = "Problem")))
    public Uni<BatchReceipt> recordAll(@NotNull @Valid OutcomeBatchRequest body) {
        List<NewOutcome> batch = new ArrayList<>(body.outcomes().size());
        for (int i = 0; i < body.outcomes().size(); i++) {
            OutcomeBatchRequest.Item item = body.outcomes().get(i);
            batch.add(new NewOutcome("outcomes[" + i + "].", item.decisionId(), item.eventId(), item.offerId(), item.type(),
                    OutcomeResource.wire(item.channel()), OutcomeResource.instant(item.occurredAt()), item.value()));
        }
        return outcomes.record(batch).map(receipts -> {
            List<OutcomeReceipt> each = receipts.stream().map(OutcomeResource::toReceipt).toList();
            int duplicates = (int) receipts.stream().filter(OutcomeService.Receipt::duplicate).count();
            return new BatchReceipt(each.size() - duplicates, duplicates, each);
        });
    }

}
