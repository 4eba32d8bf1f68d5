package dev.pertinence.contact.rest;

import dev.pertinence.common.security.Roles;
import dev.pertinence.decision.ChannelAppetence;
import dev.pertinence.decision.ConsentPolicy;
import dev.pertinence.decision.Consents;
import dev.pertinence.identity.service.CustomerResolver;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Which outbound channel a person answers best on. */
@Path("/v1/customers/{id}/channel-appetence")
@Tag(name = "Customers")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed({Roles.DECISION_CLIENT, Roles.MARKETER})
public class AppetenceResource {

    /** The channels a company reaches a person on (decision channels). */
    static final List<String> OUTBOUND = List.of("email", "sms", "call_centre", "store", "app");
    private static final String COUNTS = """
            SELECT channel, count(*) AS shown,
                   count(*) FILTER (WHERE response IN ('click', 'accept', 'convert')) AS responded
            FROM exposure WHERE customer_id = $1 GROUP BY channel""";
    private static final String CONSENTS = "SELECT purpose || ':' || channel AS answer, granted FROM consent WHERE customer_id = $1";

    private final CustomerResolver resolver;
    private final ConsentPolicy consents;
    private final Pool pool;

    public AppetenceResource(CustomerResolver resolver, ConsentPolicy consents, Pool pool) {
        this.resolver = resolver;
        this.consents = consents;
        this.pool = pool;
    }

    @Schema(description = "Per outbound channel, how readily the person answers; best: the most responsive channel they consented to")
    public record Appetence(String customerId, List<ChannelAppetence.Rate> channels,
                            @Schema(description = "Absent when no channel may be used") String best) {
    }

    @GET
    @Operation(summary = "How readily the customer answers on each outbound channel, and the best one to use",
            description = "Responses (click, accept, convert) per exposure, Laplace-smoothed; best skips channels without consent. "
                    + "An outbound caller decides (or starts a cascade) on the best channel.")
    @APIResponse(responseCode = "200", description = "The rates, most responsive first")
    public Uni<Appetence> appetence(@PathParam("id") String customer) {
        return resolver.require(customer, "id").chain(customerId -> pool.preparedQuery(COUNTS).execute(Tuple.of(customerId))
                .chain(rows -> {
                    Map<String, long[]> counts = new HashMap<>();
                    for (Row row : rows) {
                        counts.put(row.getString("channel"), new long[] {row.getLong("shown"), row.getLong("responded")});
                    }
                    return pool.preparedQuery(CONSENTS).execute(Tuple.of(customerId)).map(answers -> {
                        Map<String, Boolean> given = new HashMap<>();
                        answers.forEach(row -> given.put(row.getString("answer"), row.getBoolean("granted")));
                        Consents person = new Consents(given);
                        List<ChannelAppetence.Rate> rates = ChannelAppetence.rates(OUTBOUND, counts);
                        String best = rates.stream().map(ChannelAppetence.Rate::channel)
                                .filter(channel -> consents.offersRefused(person, channel) == null).findFirst().orElse(null);
                        return new Appetence(customerId, rates, best);
                    });
                }));
    }
}
