package dev.pertinence.console.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Tokens;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.security.Roles;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * What /console/session says of the session's access token, read by the API's own parser (here the development key's):
 * an expired one is a session to sign in to again (401, which the page follows), not a setting to check (403).
 */
class ProviderSignInTokenTest {

    private final ProviderSignIn signIn = new ProviderSignIn(true, parser(), Map.of("agents", List.of(Roles.DECISION_CLIENT)));

    @Test
    void anExpiredAccessTokenIsASessionToSignInToAgain() {
        ClientProblem problem = assertThrows(ClientProblem.class, () -> signIn.session(Optional.of(Tokens.expired(Roles.MARKETER))));
        assertEquals(401, problem.status());
        assertEquals("token", problem.field());
        assertTrue(problem.getMessage().contains("sign in again"), problem.getMessage());
    }

    @Test
    void aTokenTheApiRefusesForAnotherReasonNamesTheSettings() {
        ClientProblem problem = assertThrows(ClientProblem.class, () -> signIn.session(Optional.of(Tokens.foreign(Roles.MARKETER))));
        assertEquals(403, problem.status());
        assertEquals("token", problem.field());
        assertTrue(problem.getMessage().contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"), problem.getMessage());
        assertEquals(403, assertThrows(ClientProblem.class, () -> signIn.session(Optional.of(" "))).status());
    }

    @Test
    void aValidTokenIsHandedOnWithTheRolesTheApiGrants() {
        String token = Tokens.of("agents", Roles.MARKETER);
        ProviderSignIn.ApiSession session = signIn.session(Optional.of(token));
        assertEquals(token, session.token());
        assertEquals(Set.of(Roles.DECISION_CLIENT, Roles.MARKETER), Set.copyOf(session.roles()));
    }

    private static DefaultJWTParser parser() {
        JWTAuthContextInfo info = new JWTAuthContextInfo();
        try {
            info.setPublicKeyContent(Files.readString(Path.of("dev/jwt/publicKey.pem")));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        info.setIssuedBy(Tokens.ISSUER);
        info.setExpGracePeriodSecs(0);
        return new DefaultJWTParser(info);
    }
}
