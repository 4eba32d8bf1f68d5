package dev.pertinence.console.rest;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.console.service.DevSignIn;
import io.quarkus.qute.Engine;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The console's pages (docs/console.md): server-rendered frames, whose data the browser reads
 * from the /v1 API with the signed-in person's bearer token. A page holds nothing a role may not
 * see: what it shows comes from the API, which answers 403 to a role it does not admit. The pages
 * are not part of the API's contract (mp.openapi.scan.exclude.packages).
 */
@Path("/console")
@PermitAll
@Produces(MediaType.TEXT_HTML)
public class ConsolePages {

    /** The channels an offer may name, as the API spells them. */
    private static final List<String> CHANNELS = List.of("web", "app", "call_centre", "email", "sms", "store");

    /** An experiment arm's strategies (docs/experiments.md). */
    private static final List<String> STRATEGIES = List.of("control", "personalised", "no_copurchase", "no_learning");

    private final Engine qute;
    private final DevSignIn signIn;
    private final Clock clock;

    public ConsolePages(Engine qute, DevSignIn signIn, Clock clock) {
        this.qute = qute;
        this.signIn = signIn;
        this.clock = clock;
    }

    @GET
    public String home() {
        return page("home", Map.of());
    }

    @GET
    @Path("sign-in")
    public String signInPage() {
        if (!signIn.available()) {
            throw ClientProblem.notFound("page", "/console/sign-in");
        }
        return page("sign-in", Map.of());
    }

    @POST
    @Path("sign-in")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public ConsoleToken signIn(@FormParam("role") String role) {
        DevSignIn.SignedToken signed = signIn.sign(role, clock);
        return new ConsoleToken(signed.token(), signed.role(), signed.expiresAt().toString());
    }

    @GET
    @Path("agent")
    public String agent() {
        return page("agent", Map.of());
    }

    @GET
    @Path("decisions")
    public String decisions() {
        return page("decisions", Map.of());
    }

    @GET
    @Path("offers")
    public String offers() {
        return page("offers", Map.of());
    }

    @GET
    @Path("offers/new")
    public String newOffer() {
        return page("offer-edit", Map.of("offerId", "", "channels", CHANNELS));
    }

    @GET
    @Path("offers/{id}/edit")
    public String editOffer(@PathParam("id") String id) {
        return page("offer-edit", Map.of("offerId", id, "channels", CHANNELS));
    }

    @GET
    @Path("offers/{id}")
    public String offer(@PathParam("id") String id) {
        return page("offer", Map.of("offerId", id));
    }

    @GET
    @Path("experiments")
    public String experiments() {
        return page("experiments", Map.of("channels", CHANNELS, "strategies", STRATEGIES, "arms", List.of(
                Map.of("name", "control", "strategy", "control", "share", 50),
                Map.of("name", "personalised", "strategy", "personalised", "share", 50),
                Map.of("name", "", "strategy", "no_copurchase", "share", 0))));
    }

    @GET
    @Path("experiments/{id}")
    public String experiment(@PathParam("id") String id) {
        return page("experiment", Map.of("experimentId", id));
    }

    @GET
    @Path("model")
    public String model() {
        return page("model", Map.of());
    }

    private String page(String name, Map<String, Object> data) {
        var instance = qute.getTemplate("console/" + name).instance().data("signInAvailable", signIn.available());
        data.forEach(instance::data);
        return instance.render();
    }

    /** What the development sign-in answers: the token the console then sends to the API. */
    public record ConsoleToken(String token, String role, String expiresAt) {
    }
}
