package dev.pertinence.decide.rest;

import dev.pertinence.common.params.PageCursor;
import dev.pertinence.common.security.Roles;
import dev.pertinence.decide.PastDecision;
import dev.pertinence.decide.service.DecisionAudit;
import dev.pertinence.identity.service.CustomerResolver;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** A person's decisions, newest first, paged as the exposures are (limit, cursor, next). */
@Path("/v1/customers/{id}/decisions")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DECISION_CLIENT, Roles.PRIVACY_OFFICER})
public class CustomerDecisionsResource {

    private final DecisionAudit audit;
    private final CustomerResolver resolver;

    public CustomerDecisionsResource(DecisionAudit audit, CustomerResolver resolver) {
        this.audit = audit;
        this.resolver = resolver;
    }

    @GET
    @Operation(operationId = "listDecisions", summary = "The decisions made for this customer, newest first, as they were answered",
            description = "By the customer's id or any of their identifiers. Each as GET /v1/decisions/{decisionId} answers it; "
                    + "pages of at most 100 (each decision carries its whole answer).")
    public Uni<DecisionPage> list(@PathParam("id") String customer,
                                  @QueryParam("limit") @DefaultValue("20") @Min(1) @Max(100) int limit,
                                  @QueryParam("cursor") String cursor) {
        PastDecision.Cursor after = PageCursor.decode(cursor, (at, id) -> new PastDecision.Cursor(at, UUID.fromString(id)));
        return resolver.require(customer, "id").chain(customerId -> audit.forCustomer(customerId, limit, after).map(found -> {
            List<PastDecisionView> decisions = found.stream().map(PastDecisionResource::toView).toList();
            String next = found.size() < limit ? null : PageCursor.encode(found.get(found.size() - 1).decidedAt(), found.get(found.size() - 1).id());
            return new DecisionPage(customerId, decisions, next);
        }));
    }

}
