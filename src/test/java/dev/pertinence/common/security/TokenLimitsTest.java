package dev.pertinence.common.security;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pertinence.common.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A token is honoured only within its times (5 s of clock skew, not MicroProfile's 60), for this
 * service's audience, issued in the past and for at most pertinence.token.max-lifetime (12 h);
 * headers beyond pertinence.http.max-header-bytes get 431 problem+json (docs/security.md).
 */
@QuarkusTest
class TokenLimitsTest {

    private static final String ENDPOINT = "/v1/offers";

    @Test
    void aValidTokenIsAdmitted() {
        given().header("Authorization", "Bearer " + Tokens.of(Roles.MARKETER)).get(ENDPOINT).then().statusCode(200);
    }

    @Test
    void aTokenFromDevTokenShIsAdmitted() throws Exception {
        Process sign = new ProcessBuilder("bash", "dev/token.sh", Roles.MARKETER).redirectErrorStream(true).start();
        String token = new String(sign.getInputStream().readAllBytes()).strip();
        assertEquals(0, sign.waitFor(), token);
        given().header("Authorization", "Bearer " + token).get(ENDPOINT).then().statusCode(200);
    }

    @Test
    void expiredByFiveSecondsIsRefused() {
        long now = now();
        refused(Tokens.sign(Tokens.claims(Roles.MARKETER).issuedAt(now - 600).expiresAt(now - 5)));
    }

    @Test
    void aTokenForAnotherAudienceIsRefused() {
        refused(Tokens.sign(Tokens.claims(Roles.MARKETER).audience("billing")));
        refused(Tokens.sign(Tokens.claims(Roles.MARKETER).audience(Set.of("billing", "crm"))));
    }

    @Test
    void aTokenWithoutAudienceIsRefused() {
        refused(Tokens.sign(Tokens.claims(Roles.MARKETER).remove("aud")));
    }

    @Test
    void aTokenIssuedAnHourAheadIsRefused() {
        long now = now();
        refused(Tokens.sign(Tokens.claims(Roles.MARKETER).issuedAt(now + 3600).expiresAt(now + 7200)));
    }

    @Test
    void aTokenLivingLongerThanTheMaximumIsRefused() {
        long now = now();
        refused(Tokens.sign(Tokens.claims(Roles.MARKETER).issuedAt(now).expiresAt(now + Duration.ofDays(36_525).toSeconds())));
        refused(Tokens.sign(Tokens.claims(Roles.MARKETER).issuedAt(now).expiresAt(now + Duration.ofHours(12).toSeconds() + 1)));
        String twelveHours = Tokens.sign(Tokens.claims(Roles.MARKETER).issuedAt(now).expiresAt(now + Duration.ofHours(12).toSeconds()));
        given().header("Authorization", "Bearer " + twelveHours).get(ENDPOINT).then().statusCode(200);
    }

    @Test
    void oversizeHeadersAre431ProblemsNamingTheHeader() {
        String fifteenKilobytes = "x".repeat(15 * 1024);
        given().header("Authorization", "Bearer " + fifteenKilobytes).get(ENDPOINT).then().statusCode(431)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(431))
                .body("title", equalTo("Request Header Fields Too Large")).body("field", equalTo("Authorization"))
                .body("detail", containsString("at most 12288"));
        // also before the probes and for headers of other names; a name not worth echoing is not echoed
        given().header("X-Padding", fifteenKilobytes).get("/q/health/live").then().statusCode(431)
                .contentType(startsWith("application/problem+json")).body("field", equalTo("X-Padding"));
        given().header("X_Pad.ding", fifteenKilobytes).get(ENDPOINT).then().statusCode(431)
                .body("status", equalTo(431)).body("$", not(hasKey("field")));
        // below the limit, a large header is read: an 8 KB token is judged as a token (not ours: 401)
        given().header("Authorization", "Bearer " + "x".repeat(8 * 1024)).get(ENDPOINT).then().statusCode(401);
        // beyond Vert.x's own limit (64K) the answer is still 431
        given().header("Authorization", "Bearer " + "x".repeat(70 * 1024)).get(ENDPOINT).then().statusCode(431);
    }

    @Test
    void overHttp2Too() throws Exception {
        HttpClient http2 = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
        String root = RestAssured.baseURI + ":" + RestAssured.port;
        // the first request upgrades the connection (h2c); the second goes over HTTP/2
        HttpResponse<String> response = null;
        for (int i = 0; i < 2; i++) {
            response = http2.send(HttpRequest.newBuilder(URI.create(root + ENDPOINT))
                    .header("Authorization", "Bearer " + "x".repeat(15 * 1024)).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(431, response.statusCode(), response.version() + " " + response.body());
            assertEquals("application/problem+json", response.headers().firstValue("Content-Type").orElse(""));
        }
        assertEquals(HttpClient.Version.HTTP_2, response.version());
    }

    static void refused(String token) {
        given().header("Authorization", "Bearer " + token).get(ENDPOINT).then().statusCode(401)
                .contentType(startsWith("application/problem+json")).body("status", equalTo(401))
                .header("WWW-Authenticate", "Bearer");
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }
}
