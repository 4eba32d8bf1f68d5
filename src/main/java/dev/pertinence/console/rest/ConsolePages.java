package dev.pertinence.console.rest;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.console.service.DevSignIn;
import dev.pertinence.console.service.ProviderSignIn;
import io.quarkus.oidc.AccessTokenCredential;
import io.quarkus.qute.Engine;
import io.quarkus.security.identity.SecurityIdentity;
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
import java.util.Optional;
import org.jboss.resteasy.reactive.RestResponse;

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
    private final ProviderSignIn providerSignIn;
    private final SecurityIdentity identity;
    private final Clock clock;

    public ConsolePages(Engine qute, DevSignIn signIn, ProviderSignIn providerSignIn, SecurityIdentity identity, Clock clock) {
        this.qute = qute;
        this.signIn = signIn;
        this.providerSignIn = providerSignIn;
        this.identity = identity;
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

    /**
     * The signed-in person's access token for /v1, from their session with the identity provider
     * (only where the console signs in through it; 404 elsewhere). Same-origin only: the session
     * cookie is sent to /console alone, and no page of another origin may read the answer (no CORS).
     */
    @GET
    @Path("session")
    @Produces(MediaType.APPLICATION_JSON)
    public RestResponse<ConsoleSession> session() {
        Optional<String> accessToken = Optional.empty();
        if (providerSignIn.enabled() && !identity.isAnonymous()) {
            accessToken = Optional.ofNullable(identity.getCredential(AccessTokenCredential.class)).map(AccessTokenCredential::getToken);
        }
        ProviderSignIn.ApiSession session = providerSignIn.session(accessToken);
        return RestResponse.ResponseBuilder.ok(new ConsoleSession(session.token(), session.roles(), session.name(),
                        session.expiresAt().toString()))
                .header("Cache-Control", "no-store")
                .header("Pragma", "no-cache")
                .build();
    }

    /** Where the identity provider sends the person back after signing out (public: there is no session any more). */
    @GET
    @Path("signed-out")
    public String signedOut() {
        return page("signed-out", Map.of());
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
        var instance = qute.getTemplate("console/" + name).instance().data("signInAvailable", signIn.available())
                .data("providerSignIn", providerSignIn.enabled());
        data.forEach(instance::data);
        return instance.render();
    }

    /** The session's access token for the API, the roles the API grants it, whom it names and when it expires. */
    public record ConsoleSession(String token, List<String> roles, String name, String expiresAt) {
    }

    /** What the development sign-in answers: the token the console then sends to the API. */
    public record ConsoleToken(String token, String role, String expiresAt) {
    }
}
