package dev.pertinence.common.security;

import dev.pertinence.common.config.PertinenceConfig;
import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Verifies a bearer token once, then remembers it for at most {@link #REUSE_MILLIS} (and never
 * past its expiry). Clients send the same token with every request for its whole life; checking
 * its RSA signature each time cost as much CPU as the one-row read itself (baseline throughput
 * halved, docs/benchmarks.md). A token is kept only after the full verification succeeded, so
 * the cache can only say yes to what the verifier said yes to, at most a minute earlier: a key
 * removed from the identity provider stops being honoured within that minute.
 *
 * <p>The verification is MicroProfile JWT's (signature, issuer, audience, exp) with the times held
 * to {@code pertinence.token.*}: a clock skew of seconds instead of a minute, a maximum lifetime,
 * and no iat in the future (which SmallRye JWT does not check).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class VerifiedTokens implements JWTParser {

    static final long REUSE_MILLIS = 60_000;
    static final int MAX_TOKENS = 10_000;

    private final JWTParser verifier;
    private final Clock clock;
    private final long skewSeconds;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    private record Verified(JsonWebToken token, long until) {
    }

    @Inject
    public VerifiedTokens(JWTAuthContextInfo configured, PertinenceConfig config, Clock clock) {
        this(new DefaultJWTParser(strict(configured, config.token())), config.token().clockSkew(), clock);
    }

    VerifiedTokens(JWTParser verifier, Duration clockSkew, Clock clock) {
        this.verifier = verifier;
        this.clock = clock;
        this.skewSeconds = clockSkew.toSeconds();
    }

    /** The mp.jwt.* verification (key, issuer, audience) with our skew and maximum lifetime (which also makes iat required). */
    static JWTAuthContextInfo strict(JWTAuthContextInfo configured, PertinenceConfig.Token limits) {
        JWTAuthContextInfo strict = new JWTAuthContextInfo(configured);
        strict.setClockSkew(Math.toIntExact(limits.clockSkew().toSeconds()));
        strict.setExpGracePeriodSecs(0); // a grace period would replace the skew for exp
        strict.setMaxTimeToLiveSecs(limits.maxLifetime().toSeconds());
        return strict;
    }

    @Override
    public JsonWebToken parse(String bearerToken) throws ParseException {
        long now = clock.millis();
        Verified known = verified.get(bearerToken);
        if (known != null && now < known.until()) {
            return known.token();
        }
        JsonWebToken token = verifier.parse(bearerToken);
        if (token.getIssuedAtTime() > now / 1000 + skewSeconds) {
            // a token minted ahead of time (or by a clock far ahead) would outlive the maximum lifetime
            throw new ParseException("The token's iat is in the future");
        }
        remember(bearerToken, token, now);
        return token;
    }

    private void remember(String bearerToken, JsonWebToken token, long now) {
        long expires = token.getExpirationTime() * 1000;
        long until = Math.min(now + REUSE_MILLIS, expires);
        if (until <= now) {
            return;
        }
        if (verified.size() >= MAX_TOKENS) {
            verified.values().removeIf(entry -> entry.until() <= now);
            if (verified.size() >= MAX_TOKENS) {
                return; // many distinct live tokens: verify each time rather than grow
            }
        }
        verified.put(bearerToken, new Verified(token, until));
    }

    @Override
    public JsonWebToken parse(String bearerToken, JWTAuthContextInfo context) throws ParseException {
        return verifier.parse(bearerToken, context);
    }

    @Override
    public JsonWebToken verify(String bearerToken, PublicKey key) throws ParseException {
        return verifier.verify(bearerToken, key);
    }

    @Override
    public JsonWebToken verify(String bearerToken, SecretKey key) throws ParseException {
        return verifier.verify(bearerToken, key);
    }

    @Override
    public JsonWebToken verify(String bearerToken, String secret) throws ParseException {
        return verifier.verify(bearerToken, secret);
    }

    @Override
    public JsonWebToken decrypt(String bearerToken, PrivateKey key) throws ParseException {
        return verifier.decrypt(bearerToken, key);
    }

    @Override
    public JsonWebToken decrypt(String bearerToken, SecretKey key) throws ParseException {
        return verifier.decrypt(bearerToken, key);
    }

    @Override
    public JsonWebToken decrypt(String bearerToken, String secret) throws ParseException {
        return verifier.decrypt(bearerToken, secret);
    }

    @Override
    public JsonWebToken parseOnly(String bearerToken) throws ParseException {
        return verifier.parseOnly(bearerToken);
    }
}
