package dev.pertinence.console.service;

import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.security.Roles;
import io.quarkus.vertx.http.runtime.VertxHttpConfig;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jose4j.jwt.consumer.InvalidJwtException;

/**
 * The console's sign-in through the organisation's OpenID Connect provider (docs/console.md): the
 * code flow (quarkus-oidc, /console only) gives the signed-in person a session holding the
 * provider's access token; this hands that token to the page, which sends it to /v1 as any caller
 * sends theirs. The token is first read as the API reads it (the same parser, so the same key,
 * issuer, audience, times, claim path of the roles, and roles mapping): the page is told the roles
 * the API will grant, and a token the API would refuse is refused here with the API's reason,
 * rather than handed on to fail on every call. Nothing here decides an access: the API does.
 */
@ApplicationScoped
public class ProviderSignIn {

    private final boolean enabled;
    private final JWTParser apiTokens;
    private final Map<String, List<String>> rolesMapping;

    @Inject
    public ProviderSignIn(@ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean enabled,
                          JWTParser apiTokens, VertxHttpConfig http) {
        this(enabled, apiTokens, http.auth().rolesMapping());
    }

    ProviderSignIn(boolean enabled, JWTParser apiTokens, Map<String, List<String>> rolesMapping) {
        this.enabled = enabled;
        this.apiTokens = apiTokens;
        this.rolesMapping = rolesMapping;
    }

    /** Whether the console signs people in through the provider (quarkus.oidc.tenant-enabled). */
    public boolean enabled() {
        return enabled;
    }

    /** What the page needs to call the API: the session's access token, read as the API reads it. */
    public ApiSession session(Optional<String> accessToken) {
        if (!enabled) {
            throw ClientProblem.notFound("page", "/console/session");
        }
        String token = accessToken.filter(value -> !value.isBlank()).orElseThrow(() -> refused(
                "The identity provider gave this session no access token"));
        JsonWebToken read;
        try {
            read = apiTokens.parse(token);
        } catch (ParseException e) {
            if (expired(e)) {
                // the session outlived its token (a refresh that did not come): signing in again mends it, not the settings
                throw new ClientProblem(401, "Unauthorized", "The session's access token has expired: sign in again", "token");
            }
            throw refused("The identity provider's access token is not one the API accepts (" + e.getMessage()
                    + "): check MP_JWT_VERIFY_PUBLICKEY_LOCATION, MP_JWT_VERIFY_ISSUER and MP_JWT_VERIFY_AUDIENCES against "
                    + "the provider's tokens (docs/security.md)");
        }
        String name = Optional.ofNullable(read.getName()).orElse(Optional.ofNullable(read.getSubject()).orElse(""));
        return new ApiSession(token, roles(read.getGroups()), name, Instant.ofEpochSecond(read.getExpirationTime()));
    }

    /** The token's roles as the API sees them (the roles mapping adds to them), the four the service knows. */
    List<String> roles(Set<String> groups) {
        Set<String> all = new LinkedHashSet<>(groups == null ? Set.of() : groups);
        for (String group : groups == null ? Set.<String>of() : groups) {
            all.addAll(rolesMapping.getOrDefault(group, List.of()));
        }
        return Arrays.stream(Roles.ALL).filter(all::contains).toList();
    }

    private static boolean expired(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof InvalidJwtException invalid && invalid.hasExpired()) {
                return true;
            }
        }
        return false;
    }

    private static ClientProblem refused(String detail) {
        return new ClientProblem(403, "Forbidden", detail, "token");
    }

    /** The access token for /v1, the roles it carries there, who it names and when it expires. */
    public record ApiSession(String token, List<String> roles, String name, Instant expiresAt) {
    }
}
