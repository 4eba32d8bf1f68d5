package dev.pertinence.agentcard.rest;

import dev.pertinence.agentcard.service.AgentCards;
import dev.pertinence.common.security.Roles;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The call-centre screen's one call. {@code {id}} is the customer id or any of their identifiers (a phone number, a card). */
@Path("/v1/customers/{id}/agent-card")
@Tag(name = "Decisions")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DECISION_CLIENT)
public class AgentCardResource {

    private final AgentCards cards;

    public AgentCardResource(AgentCards cards) {
        this.cards = cards;
    }

    @GET
    @Operation(operationId = "getAgentCard", summary = "Everything an agent needs during a call, in one round trip",
            description = "Name, segment, loyalty, home store, latest purchases, life events in the next 60 days, consents, "
                    + "and a decision on channel call_centre, placement agent-card: 2-3 offers with talking points. "
                    + "Report the customer's answers with the decisionId. With dryRun=true: the same card and offers, "
                    + "but nothing reserved under the contact caps, recorded, learnt or counted, and a decisionId that "
                    + "cannot take outcomes.")
    @APIResponse(responseCode = "200", description = "The card")
    public Uni<AgentCard> card(@PathParam("id") String customer,
                               @QueryParam("offers") @DefaultValue("3") @Min(1) @Max(3) int offers,
                               @Parameter(description = "What would the agent see, without any effect (true or false)")
                               @QueryParam("dryRun") @DefaultValue("false") boolean dryRun) {
        return cards.card(customer, offers, dryRun).map(AgentCard::from);
    }
}
