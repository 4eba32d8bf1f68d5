package dev.pertinence.contact.rest;

import dev.pertinence.common.security.Roles;
import dev.pertinence.contact.service.Appetences;
import dev.pertinence.decision.ChannelAppetence;
import dev.pertinence.identity.service.CustomerResolver;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Which outbound channel a person answers best on. */
@Path("/v1/customers/{id}/channel-appetence")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.DECISION_CLIENT)
public class AppetenceResource {

    private final CustomerResolver resolver;
    private final Appetences appetences;

    public AppetenceResource(CustomerResolver resolver, Appetences appetences) {
        this.resolver = resolver;
        this.appetences = appetences;
    }

    @Schema(description = "Per outbound channel, how readily the person answers; best: the most responsive channel they consented to")
    public record Appetence(String customerId, List<ChannelRate> channels,
                            @Schema(description = "Absent when no channel may be used") String best) {
    }

    /** The API's own type: the core's ChannelAppetence.Rate would share the name "Rate" with the experiments' rate. */
    @Schema(description = "How readily the person answers on a channel: responses per exposure, Laplace-smoothed")
    public record ChannelRate(String channel, long shown, long responded, double rate) {

        static ChannelRate of(ChannelAppetence.Rate rate) {
            return new ChannelRate(rate.channel(), rate.shown(), rate.responded(), rate.rate());
        }
    }

    @GET
    @Operation(operationId = "getChannelAppetence", summary = "How readily the customer answers on each outbound channel, and the best one to use",
            description = "Responses (click, accept, convert) per exposure, Laplace-smoothed; best skips channels without consent. "
                    + "A decision can ask for it directly (bestChannelAmong).")
    @APIResponse(responseCode = "200", description = "The rates, most responsive first")
    public Uni<Appetence> appetence(@PathParam("id") String customer) {
        return resolver.require(customer, "id").chain(customerId -> appetences.of(customerId, Appetences.OUTBOUND)
                .map(found -> new Appetence(customerId, found.rates().stream().map(ChannelRate::of).toList(), found.best())));
    }
}
