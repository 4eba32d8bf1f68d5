package dev.pertinence.decide.rest;

import dev.pertinence.common.Channel;
import dev.pertinence.common.security.Roles;
import dev.pertinence.decision.RankedOffer;
import dev.pertinence.decision.SessionContext;
import dev.pertinence.decide.DecisionQuery;
import dev.pertinence.decide.DecisionResult;
import dev.pertinence.decide.service.DecisionService;
import dev.pertinence.decide.service.RecentAnswers;
import dev.pertinence.identity.CustomerReference;
import dev.pertinence.identity.service.CustomerResolver;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/v1/decisions")
@Tag(name = "Decisions")
@RolesAllowed(Roles.DECISION_CLIENT)
public class DecisionResource {

    private final DecisionService decisions;
    private final RecentAnswers recent;
    private final CustomerResolver resolver;

    public DecisionResource(DecisionService decisions, RecentAnswers recent, CustomerResolver resolver) {
        this.decisions = decisions;
        this.recent = recent;
        this.resolver = resolver;
    }

    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(operationId = "decide", summary = "The best offers for this person, here, now, with their reasons",
            description = "Never fails for want of data: an unknown or absent customer is decided as anonymous, "
                    + "and a missing co-purchase model or profile degrades the ranking, which the notes say. "
                    + "With dryRun: the same ranking, without any effect (no reservation, record, learning or metric).")
    public Uni<DecisionResponse> decide(@NotNull @Valid DecisionRequest body) {
        CustomerReference customer = body.customerId() == null ? null : resolver.parse(body.customerId(), "customerId");
        DecisionQuery query = toQuery(body, customer);
        if (dryRun(body)) {
            return decisions.rehearse(query).map(result -> toResponse(result, body));
        }
        return (Boolean.TRUE.equals(body.reuseRecent()) ? recent.decide(query) : decisions.decide(query))
                .map(result -> toResponse(result, body));
    }

    static boolean dryRun(DecisionRequest request) {
        return Boolean.TRUE.equals(request.dryRun());
    }

    static DecisionQuery toQuery(DecisionRequest request, CustomerReference customer) {
        DecisionContext context = request.context() == null
                ? new DecisionContext(null, null, null, null, null, null) : request.context();
        ZonedDateTime localTime = context.time() == null ? ZonedDateTime.now(ZoneOffset.UTC) : context.time().toZonedDateTime();
        SessionContext session = new SessionContext(request.channel().wire(), request.placement(), localTime,
                context.cart() == null ? List.of() : context.cart().stream().distinct().toList(), context.currentProduct(),
                Map.of(), context.location() == null ? null : context.location().lat(),
                context.location() == null ? null : context.location().lon(), context.storeId(), context.device());
        return new DecisionQuery(customer, request.visitorId(), session, request.limit() == null ? 3 : request.limit(),
                Boolean.TRUE.equals(request.explain()), Boolean.TRUE.equals(request.allowSameCategory()),
                request.bestChannelAmong() == null ? List.of() : request.bestChannelAmong().stream().map(Channel::wire).toList());
    }

    static DecisionResponse toResponse(DecisionResult result, DecisionRequest request) {
        List<DecisionResponse.OfferResult> offers = result.decision().offers().stream().map(DecisionResource::toOffer).toList();
        DecisionResponse.Explanation explanation = Boolean.TRUE.equals(request.explain())
                ? new DecisionResponse.Explanation(result.decision().dropped().stream()
                        .map(d -> new DecisionResponse.DroppedResult(d.offerId(), d.reason(), d.detail(), d.score())).toList(),
                        result.decision().droppedTotal(), result.candidates())
                : null;
        DecisionResponse.ExperimentArm arm = result.assignment() == null ? null : new DecisionResponse.ExperimentArm(
                result.assignment().experimentId(), result.assignment().arm().name(), result.decision().explored());
        return new DecisionResponse(result.id(), result.customerId(), result.channel(), request.placement(),
                result.modelVersion(), result.decidedAt(), offers, result.notes(),
                result.degraded().isEmpty() ? null : result.degraded(), arm, explanation, dryRun(request) ? Boolean.TRUE : null);
    }

    private static DecisionResponse.OfferResult toOffer(RankedOffer ranked) {
        return new DecisionResponse.OfferResult(ranked.offer().id(), ranked.rank(), ranked.offer().title(),
                ranked.message(), ranked.offer().category(), ranked.score(),
                new DecisionResponse.ScoreFactors(ranked.propensity(), ranked.affinity(), ranked.popularity(),
                        ranked.learnedLift(), ranked.offer().value(), ranked.lever(), ranked.contextWeight(),
                        ranked.novelty()),
                ranked.explored(), ranked.reasons());
    }
}
