package dev.pertinence.common.security;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.Optional;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Refuses to start in production without a token-verification key, or with the development key
 * pair of dev/jwt/, or without the audience tokens must be issued for (without it, a token the
 * identity provider issued for any other service of the realm would be accepted here): there is no
 * switch that turns access control off. Nor without a pseudonym key of its own (docs/privacy.md):
 * the development one is in this repository. Nor with the console's provider sign-in half configured.
 */
@ApplicationScoped
public class KeyCheck {

    /** A pseudonym key shorter than this is refused (the experiment feature's Pseudonyms holds to it too). */
    public static final int MIN_PSEUDONYM_KEY_LENGTH = 32;

    /** The console's session cookie holds the provider's tokens: encrypted with a key at least this long. */
    static final int MIN_SESSION_KEY_LENGTH = 32;

    /** The pseudonym key of the dev and test profiles (application.properties): public, so never production's. */
    static final String DEVELOPMENT_PSEUDONYM_KEY = "pertinence-development-pseudonym-key-not-a-secret";

    void onStart(@Observes StartupEvent event) {
        if (LaunchMode.current() != LaunchMode.NORMAL) {
            return;
        }
        var config = ConfigProvider.getConfig();
        Optional<String> location = config.getOptionalValue("mp.jwt.verify.publickey.location", String.class);
        Optional<String> key = config.getOptionalValue("mp.jwt.verify.publickey", String.class);
        Optional<String> audiences = config.getOptionalValue("mp.jwt.verify.audiences", String.class);
        check(location, key, audiences);
        checkPseudonymKey(config.getOptionalValue("pertinence.privacy.pseudonym-key", String.class));
        checkConsoleSignIn(config.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(false),
                config.getOptionalValue("quarkus.oidc.auth-server-url", String.class),
                config.getOptionalValue("quarkus.oidc.token-state-manager.encryption-secret", String.class)
                        .or(() -> config.getOptionalValue("quarkus.oidc.credentials.secret", String.class)));
        checkSignInStateKey(config.getOptionalValue("quarkus.oidc.tenant-enabled", Boolean.class).orElse(false)
                        && config.getOptionalValue("quarkus.oidc.authentication.pkce-required", Boolean.class).orElse(false),
                config.getOptionalValue("quarkus.oidc.authentication.state-secret", String.class)
                        .or(() -> config.getOptionalValue("quarkus.oidc.credentials.secret", String.class)));
    }

    /**
     * With PKCE, the code verifier travels in the state cookie, encrypted with the state secret, else the client secret
     * if it has 32 characters or more. Otherwise Quarkus makes a key of its own on each replica, and a sign-in that
     * leaves through one replica and comes back through another fails: refused at start instead.
     */
    static void checkSignInStateKey(boolean pkce, Optional<String> stateKey) {
        if (pkce && stateKey.filter(secret -> secret.length() >= MIN_SESSION_KEY_LENGTH).isEmpty()) {
            throw new IllegalStateException("The console's sign-in (PKCE) needs a state key of at least " + MIN_SESSION_KEY_LENGTH
                    + " characters, the same on every replica: set QUARKUS_OIDC_AUTHENTICATION_STATE_SECRET, "
                    + "e.g. openssl rand -base64 32, or use a client secret that long (docs/console.md)");
        }
    }

    /**
     * The console's sign-in through the identity provider (docs/console.md): a provider named but the sign-in off is
     * a forgotten switch, not a choice; on, the session cookie that holds the provider's tokens is encrypted with a key
     * of at least 32 characters that every replica shares (the encryption secret, else the client secret).
     */
    static void checkConsoleSignIn(boolean enabled, Optional<String> authServerUrl, Optional<String> sessionKey) {
        if (!enabled && authServerUrl.filter(url -> !url.isBlank()).isPresent()) {
            throw new IllegalStateException("QUARKUS_OIDC_AUTH_SERVER_URL is set but the console's sign-in through the identity "
                    + "provider is off: set QUARKUS_OIDC_TENANT_ENABLED=true, or remove the URL (docs/console.md)");
        }
        if (enabled && sessionKey.filter(secret -> secret.length() >= MIN_SESSION_KEY_LENGTH).isEmpty()) {
            throw new IllegalStateException("The console's sessions need a key of at least " + MIN_SESSION_KEY_LENGTH
                    + " characters, the same on every replica: set QUARKUS_OIDC_TOKEN_STATE_MANAGER_ENCRYPTION_SECRET, "
                    + "e.g. openssl rand -base64 32 (docs/console.md)");
        }
    }

    static void checkPseudonymKey(Optional<String> key) {
        if (key.isEmpty() || key.get().isBlank()) {
            throw new IllegalStateException("No pseudonym key: set PERTINENCE_PRIVACY_PSEUDONYM_KEY to a secret of at least "
                    + MIN_PSEUDONYM_KEY_LENGTH + " characters, e.g. openssl rand -base64 32 (docs/security.md)");
        }
        if (key.get().length() < MIN_PSEUDONYM_KEY_LENGTH) {
            throw new IllegalStateException("The pseudonym key (PERTINENCE_PRIVACY_PSEUDONYM_KEY) has " + key.get().length()
                    + " characters: at least " + MIN_PSEUDONYM_KEY_LENGTH + " are needed (docs/security.md)");
        }
        if (key.get().equals(DEVELOPMENT_PSEUDONYM_KEY)) {
            throw new IllegalStateException("The development pseudonym key is public: it must not key pseudonyms in "
                    + "production (docs/security.md)");
        }
    }

    static void check(Optional<String> location, Optional<String> key, Optional<String> audiences) {
        if (location.isEmpty() && key.isEmpty()) {
            throw new IllegalStateException("No key to verify bearer tokens: set MP_JWT_VERIFY_PUBLICKEY_LOCATION (a PEM file "
                    + "or the identity provider's JWKS URL) and MP_JWT_VERIFY_ISSUER (docs/security.md)");
        }
        if (location.filter(path -> path.replace('\\', '/').endsWith("dev/jwt/publicKey.pem")).isPresent()) {
            throw new IllegalStateException("The development key pair (dev/jwt/) is public: it must not verify tokens in "
                    + "production (docs/security.md)");
        }
        if (audiences.filter(value -> !value.isBlank()).isEmpty()) {
            throw new IllegalStateException("No audience for bearer tokens: set MP_JWT_VERIFY_AUDIENCES to the audience the "
                    + "identity provider issues this service's tokens for (docs/security.md)");
        }
    }
}
