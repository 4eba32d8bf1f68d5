package dev.pertinence.decide.rest;

import dev.pertinence.common.problem.ClientProblem;
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
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
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
        PastDecision.Cursor after = decode(cursor);
        return resolver.require(customer, "id").chain(customerId -> audit.forCustomer(customerId, limit, after).map(found -> {
            List<PastDecisionView> decisions = found.stream().map(PastDecisionResource::toView).toList();
            String next = found.size() < limit ? null : encode(found.get(found.size() - 1));
            return new DecisionPage(customerId, decisions, next);
        }));
    }

    private static String encode(PastDecision last) {
        String raw = last.decidedAt().getEpochSecond() + "." + last.decidedAt().getNano() + ":" + last.id();
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static PastDecision.Cursor decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int colon = raw.indexOf(':');
            int dot = raw.indexOf('.');
            return new PastDecision.Cursor(Instant.ofEpochSecond(Long.parseLong(raw.substring(0, dot)),
                    Long.parseLong(raw.substring(dot + 1, colon))), UUID.fromString(raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw ClientProblem.invalid("cursor", "cursor: not a cursor this service returned");
        }
    }
}
