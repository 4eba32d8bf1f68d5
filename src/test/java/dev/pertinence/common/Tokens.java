package dev.pertinence.common;

import dev.pertinence.common.security.Roles;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;

/** Bearer tokens for tests, signed with the development key pair (dev/jwt/), as dev/token.sh signs them. */
public final class Tokens {

    public static final String ISSUER = "https://pertinence.dev/issuer";
    /** The audience the service expects (mp.jwt.verify.audiences in dev and test). */
    public static final String AUDIENCE = "pertinence";
    private static final PrivateKey KEY = read(Path.of("dev/jwt/privateKey.pem"));

    /** Every role: what the tests that are not about access control call with. */
    public static final String ALL_ROLES = of(Roles.ALL);

    private Tokens() {
    }

    public static String of(String... roles) {
        return sign(claims(roles));
    }

    /** A valid token's claims (issued now, for 2 hours), for a test to change one of them before {@link #sign}. */
    public static JwtClaimsBuilder claims(String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn("test@pertinence.dev").groups(Set.of(roles)).issuedAt(now)
                .expiresAt(now + Duration.ofHours(2).toSeconds());
    }

    /** Signed with the development key, which the service trusts in dev and test mode. */
    public static String sign(JwtClaimsBuilder claims) {
        return claims.sign(KEY);
    }

    /** Signed by a key the service does not trust. */
    public static String foreign(String... roles) {
        try {
            var generator = java.security.KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return Jwt.issuer(ISSUER).audience(AUDIENCE).upn("intruder").groups(Set.of(roles)).expiresIn(Duration.ofHours(1))
                    .sign(generator.generateKeyPair().getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Expired an hour ago, otherwise valid. */
    public static String expired(String... roles) {
        long now = System.currentTimeMillis() / 1000;
        return Jwt.issuer(ISSUER).audience(AUDIENCE).upn("late").groups(Set.of(roles)).issuedAt(now - 7200).expiresAt(now - 3600).sign(KEY);
    }

    private static PrivateKey read(Path pem) {
        try {
            String base64 = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(base64)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
