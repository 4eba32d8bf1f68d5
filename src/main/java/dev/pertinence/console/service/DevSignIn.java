package dev.pertinence.console.service;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.security.Roles;
import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.configuration.ConfigUtils;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The console's sign-in for development and tests: the developer picks a role and gets a short
 * token signed with the development key pair (dev/jwt/), the same tokens dev/token.sh signs. It
 * exists only while the service verifies tokens with that key, which production refuses
 * (KeyCheck), and never in a production launch, under the prod profile or where the console signs people in through
 * the identity provider (ProviderSignIn): elsewhere the sign-in page is 404. The token then
 * goes through the same verification as any other: nothing the console does bypasses the API's
 * access rules.
 */
@ApplicationScoped
public class DevSignIn {

    private static final Base64.Encoder URL = Base64.getUrlEncoder().withoutPadding();

    private final Optional<PrivateKey> key;
    private final String issuer;
    private final String audience;
    private final Duration lifetime;

    public DevSignIn(PertinenceConfig config,
                     @ConfigProperty(name = "mp.jwt.verify.publickey.location") Optional<String> publicKey,
                     @ConfigProperty(name = "mp.jwt.verify.issuer") Optional<String> issuer,
                     @ConfigProperty(name = "mp.jwt.verify.audiences") Optional<String> audiences,
                     @ConfigProperty(name = "quarkus.oidc.tenant-enabled", defaultValue = "false") boolean providerSignIn) {
        boolean developmentKey = LaunchMode.current() != LaunchMode.NORMAL && !ConfigUtils.getProfiles().contains("prod")
                && !providerSignIn
                && publicKey.filter(path -> path.replace('\\', '/').endsWith("dev/jwt/publicKey.pem")).isPresent();
        this.key = developmentKey ? read(Path.of(config.console().devPrivateKey())) : Optional.empty();
        this.issuer = issuer.orElse("");
        this.audience = audiences.map(value -> value.split(",")[0].trim()).orElse("");
        Duration wanted = config.console().devTokenLifetime();
        Duration longest = config.token().maxLifetime();
        this.lifetime = wanted.compareTo(longest) > 0 ? longest : wanted;
    }

    /**
     * Whether the development sign-in is offered: dev or test mode, verifying with the development key, and the
     * console not signing people in through the identity provider.
     */
    public boolean available() {
        return key.isPresent();
    }

    /** A token for one role, issued now for the configured lifetime. */
    public SignedToken sign(String role, Clock clock) {
        if (key.isEmpty()) {
            throw ClientProblem.notFound("page", "/console/sign-in");
        }
        if (role == null || Arrays.stream(Roles.ALL).noneMatch(role::equals)) {
            throw ClientProblem.invalid("role", "role must be one of " + String.join(", ", Roles.ALL));
        }
        Instant now = clock.instant();
        Instant expires = now.plus(lifetime);
        String header = encode("{\"alg\":\"RS256\",\"typ\":\"JWT\"}");
        String payload = encode("{\"iss\":\"" + issuer + "\",\"aud\":\"" + audience + "\",\"sub\":\"console-" + role
                + "\",\"upn\":\"" + role + "@console.dev\",\"groups\":[\"" + role + "\"],\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + expires.getEpochSecond() + "}");
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key.get());
            signature.update((header + "." + payload).getBytes(StandardCharsets.US_ASCII));
            return new SignedToken(header + "." + payload + "." + URL.encodeToString(signature.sign()), role, expires);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("The development key cannot sign", e);
        }
    }

    private static String encode(String json) {
        return URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static Optional<PrivateKey> read(Path pem) {
        if (!Files.isReadable(pem)) {
            return Optional.empty();
        }
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return Optional.of(KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64))));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** A signed token, the role it carries and when it expires. */
    public record SignedToken(String token, String role, Instant expiresAt) {
    }
}
