package dev.pertinence.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

class VerifiedTokensTest {

    private static final Duration SKEW = Duration.ofSeconds(5);

    private final AtomicLong now = new AtomicLong(1_000_000_000_000L);
    private final Clock clock = new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return Instant.ofEpochMilli(now.get());
        }
    };

    @Test
    void aTokenIsVerifiedOnceAMinuteAndNeverTrustedPastItsExpiry() throws Exception {
        AtomicInteger verifications = new AtomicInteger();
        long expiresAt = now.get() / 1000 + 90; // 90 s from now
        JsonWebToken token = token(now.get() / 1000, expiresAt);
        VerifiedTokens tokens = new VerifiedTokens(verifier(verifications, token), SKEW, clock);

        assertSame(token, tokens.parse("t"));
        assertSame(token, tokens.parse("t"));
        assertEquals(1, verifications.get(), "remembered");
        now.addAndGet(VerifiedTokens.REUSE_MILLIS);
        tokens.parse("t");
        assertEquals(2, verifications.get(), "verified again after a minute");
        now.addAndGet(45_000); // past the expiry (90 s): never from memory
        tokens.parse("t");
        assertEquals(3, verifications.get());
    }

    @Test
    void aRefusedTokenIsRefusedEveryTime() {
        AtomicInteger verifications = new AtomicInteger();
        JWTParser refusing = (JWTParser) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {JWTParser.class},
                (proxy, method, args) -> {
                    verifications.incrementAndGet();
                    throw new ParseException("bad signature");
                });
        VerifiedTokens tokens = new VerifiedTokens(refusing, SKEW, clock);
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertThrows(ParseException.class, () -> tokens.parse("forged"));
        assertEquals(2, verifications.get());
    }

    private static JWTParser verifier(AtomicInteger verifications, JsonWebToken token) {
        return (JWTParser) Proxy.newProxyInstance(DefaultJWTParser.class.getClassLoader(), new Class<?>[] {JWTParser.class},
                (proxy, method, args) -> {
                    verifications.incrementAndGet();
                    return token;
                });
    }

    @Test
    void aTokenIssuedInTheFutureIsRefusedBeyondTheSkew() throws Exception {
        long nowSeconds = now.get() / 1000;
        AtomicInteger verifications = new AtomicInteger();
        VerifiedTokens ahead = new VerifiedTokens(verifier(verifications, token(nowSeconds + 3600, nowSeconds + 7200)), SKEW, clock);
        assertThrows(ParseException.class, () -> ahead.parse("minted-ahead"));
        assertThrows(ParseException.class, () -> ahead.parse("minted-ahead"), "and not remembered");
        assertEquals(2, verifications.get());
        VerifiedTokens justAhead = new VerifiedTokens(verifier(verifications, token(nowSeconds + 6, nowSeconds + 60)), SKEW, clock);
        assertThrows(ParseException.class, () -> justAhead.parse("six-seconds-ahead"));
        JsonWebToken withinSkew = token(nowSeconds + 5, nowSeconds + 60);
        assertSame(withinSkew, new VerifiedTokens(verifier(verifications, withinSkew), SKEW, clock).parse("five-seconds-ahead"));
    }

    private static JsonWebToken token(long issuedAt, long expiresAt) {
        return (JsonWebToken) Proxy.newProxyInstance(JsonWebToken.class.getClassLoader(), new Class<?>[] {JsonWebToken.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "getExpirationTime" -> expiresAt;
                    case "getIssuedAtTime" -> issuedAt;
                    case "hashCode" -> 1;
                    case "equals" -> proxy == args[0];
                    default -> null;
                });
    }
}
