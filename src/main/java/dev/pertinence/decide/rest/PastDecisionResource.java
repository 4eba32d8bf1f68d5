package dev.pertinence.decide.rest;

import dev.pertinence.common.params.Uuids;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.security.Roles;
import dev.pertinence.decide.PastDecision;
import dev.pertinence.decide.service.DecisionAudit;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/decisions/{decisionId}")
@Tag(name = "Decisions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DECISION_CLIENT, Roles.PRIVACY_OFFICER})
public class PastDecisionResource {

    private static final String PROBLEM = "application/problem+json";
    private final DecisionAudit audit;

    public PastDecisionResource(DecisionAudit audit) {
        this.audit = audit;
    }

    @GET
    @Operation(operationId = "getDecision", summary = "A past decision as it was answered, and why",
            description = "Who (as resolved), where, the context sent, the model, the experiment arm, and each offer with its "
                    + "title, message as shown, score, factors and reasons, the notes and what it went without. A decision "
                    + "made a moment ago is found too (it is written first, or waited for). A page layout's decisionId "
                    + "reads back the same way, with kind page_layout and its sections in the visitor's order.")
    @APIResponse(responseCode = "200", description = "The decision",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = PastDecisionView.class)))
    @APIResponse(responseCode = "400", description = "decisionId is not a UUID",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    @APIResponse(responseCode = "404", description = "No decision by this id (never made, or deleted past the retention period)",
            content = @Content(mediaType = PROBLEM, schema = @Schema(ref = "Problem")))
    public Uni<PastDecisionView> get(@Parameter(schema = @Schema(type = SchemaType.STRING, format = "uuid"))
                                     @PathParam("decisionId") String decisionId) {
        UUID id = Uuids.parse(decisionId, "decisionId");
        return audit.find(id).map(found -> {
            if (found == null) {
                throw ClientProblem.notFound("decisionId", "decision", id.toString());
            }
            return toView(found);
        });
    }


    static PastDecisionView toView(PastDecision decision) {
        List<PastDecisionView.PastOffer> offers = decision.offers().stream().map(PastDecisionResource::toOffer).toList();
        PastDecision.Context context = decision.context();
        PastDecisionView.PastContext sent = context == null ? null : new PastDecisionView.PastContext(context.time(),
                context.cart().isEmpty() ? null : context.cart(), context.currentProduct(),
                context.latitude() == null ? null : new Location(context.latitude(), context.longitude()),
                context.storeId(), context.device());
        DecisionResponse.ExperimentArm arm = decision.experimentId() == null ? null
                : new DecisionResponse.ExperimentArm(decision.experimentId(), decision.arm(), decision.explored());
        return new PastDecisionView(decision.id(), decision.customerId(), decision.segment(), decision.channel(),
                decision.placement(), sent, decision.modelVersion(), decision.decidedAt(), offers,
                decision.answerKept() ? decision.notes() : null, decision.degraded().isEmpty() ? null : decision.degraded(), arm,
                decision.answerKept() ? "answer" : "attribution", decision.pageLayout() ? "page_layout" : "decision",
                decision.pageLayout() ? decision.sections().stream().map(section -> new PastDecisionView.PastSection(
                        section.sectionId(), section.position(), section.originalPosition(), section.score(), section.reason()))
                        .toList() : null);
    }

    private static PastDecisionView.PastOffer toOffer(PastDecision.Offer offer) {
        PastDecision.Shown shown = offer.shown();
        if (shown == null) {
            return new PastDecisionView.PastOffer(offer.offerId(), offer.rank(), null, null, null, offer.score(), null, null, null,
                    offer.propensity());
        }
        PastDecision.Factors f = shown.factors();
        return new PastDecisionView.PastOffer(offer.offerId(), offer.rank(), shown.title(), shown.message(), shown.category(),
                offer.score(), new DecisionResponse.ScoreFactors(f.propensity(), f.affinity(), f.popularity(), f.learnedLift(),
                        f.value(), f.lever(), f.contextWeight(), f.novelty()),
                shown.explored(), shown.reasons(), offer.propensity());
    }
}
