package dev.pertinence.common.security;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KeyCheckTest {

    private static final Optional<String> AUDIENCE = Optional.of("pertinence");

    @Test
    void productionNeedsAKeyAndNeverTheDevelopmentOne() {
        assertTrue(assertThrows(IllegalStateException.class, () -> KeyCheck.check(Optional.empty(), Optional.empty(), AUDIENCE))
                .getMessage().contains("MP_JWT_VERIFY_PUBLICKEY_LOCATION"));
        assertThrows(IllegalStateException.class, () -> KeyCheck.check(Optional.of("dev/jwt/publicKey.pem"), Optional.empty(), AUDIENCE));
        assertThrows(IllegalStateException.class, () -> KeyCheck.check(Optional.of("/app/dev/jwt/publicKey.pem"), Optional.empty(), AUDIENCE));
        assertDoesNotThrow(() -> KeyCheck.check(Optional.of("https://login.example.com/certs"), Optional.empty(), AUDIENCE));
        assertDoesNotThrow(() -> KeyCheck.check(Optional.empty(), Optional.of("MIIBIjANBg..."), AUDIENCE));
    }

    @Test
    void theConsolesProviderSignInIsEitherOnWithASessionKeyOrNotNamed() {
        Optional<String> url = Optional.of("https://login.example.com/realms/pertinence");
        Optional<String> key = Optional.of("a-session-key-of-at-least-32-characters");
        assertTrue(assertThrows(IllegalStateException.class, () -> KeyCheck.checkConsoleSignIn(false, url, Optional.empty()))
                .getMessage().contains("QUARKUS_OIDC_TENANT_ENABLED=true"));
        assertTrue(assertThrows(IllegalStateException.class, () -> KeyCheck.checkConsoleSignIn(true, url, Optional.empty()))
                .getMessage().contains("QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET"));
        assertThrows(IllegalStateException.class, () -> KeyCheck.checkConsoleSignIn(true, url, Optional.of("short-client-secret")));
        assertDoesNotThrow(() -> KeyCheck.checkConsoleSignIn(true, url, key));
        assertDoesNotThrow(() -> KeyCheck.checkConsoleSignIn(false, Optional.empty(), Optional.empty()));
        assertDoesNotThrow(() -> KeyCheck.checkConsoleSignIn(false, Optional.of(" "), Optional.empty()));
    }

    @Test
    void theConsolesPkceStateNeedsAKeyEveryReplicaShares() {
        assertTrue(assertThrows(IllegalStateException.class, () -> KeyCheck.checkSignInStateKey(true, Optional.empty()))
                .getMessage().contains("QUARKUS_OIDC_AUTHENTICATION_STATE_SECRET"));
        assertThrows(IllegalStateException.class, () -> KeyCheck.checkSignInStateKey(true, Optional.of("short-client-secret")));
        assertDoesNotThrow(() -> KeyCheck.checkSignInStateKey(true, Optional.of("a-state-key-of-at-least-32-characters")));
        assertDoesNotThrow(() -> KeyCheck.checkSignInStateKey(false, Optional.empty()));
    }

    @Test
    void productionNeedsTheAudienceItsTokensAreIssuedFor() {
        Optional<String> key = Optional.of("https://login.example.com/certs");
        assertTrue(assertThrows(IllegalStateException.class, () -> KeyCheck.check(key, Optional.empty(), Optional.empty()))
                .getMessage().contains("MP_JWT_VERIFY_AUDIENCES"));
        assertThrows(IllegalStateException.class, () -> KeyCheck.check(key, Optional.empty(), Optional.of(" ")));
        assertDoesNotThrow(() -> KeyCheck.check(key, Optional.empty(), Optional.of("pertinence,pertinence-batch")));
    }

    @Test
    void productionNeedsAPseudonymKeyOfItsOwnAndLongEnough() throws IOException {
        assertTrue(assertThrows(IllegalStateException.class, () -> KeyCheck.checkPseudonymKey(Optional.empty()))
                .getMessage().contains("PERTINENCE_PRIVACY_PSEUDONYM_KEY"));
        assertThrows(IllegalStateException.class, () -> KeyCheck.checkPseudonymKey(Optional.of("   ")));
        assertTrue(assertThrows(IllegalStateException.class, () -> KeyCheck.checkPseudonymKey(Optional.of("x".repeat(31))))
                .getMessage().contains("31 characters"));
        // the development key, as the dev and test profiles configure it, is refused
        Properties properties = new Properties();
        try (var in = Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
            properties.load(in);
        }
        for (String profile : new String[] {"%dev.", "%test."}) {
            String development = properties.getProperty(profile + "pertinence.privacy.pseudonym-key");
            assertTrue(assertThrows(IllegalStateException.class, () -> KeyCheck.checkPseudonymKey(Optional.of(development)))
                    .getMessage().contains("development pseudonym key"), profile);
        }
        assertDoesNotThrow(() -> KeyCheck.checkPseudonymKey(Optional.of("x".repeat(32))));
    }
}
