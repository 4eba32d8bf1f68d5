package dev.pertinence.common.security;

import static io.restassured.RestAssured.given;

import dev.pertinence.common.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The production profile, given what an operator must give it (a key, an issuer, an audience; the
 * development key stands in for the identity provider's here): no Swagger UI, tokens need the
 * audience; no development sign-in in the console.
 */
@QuarkusTest
@TestProfile(ProductionProfileTest.Production.class)
class ProductionProfileTest {

    public static class Production implements QuarkusTestProfile {
        @Override
        public String getConfigProfile() {
            return "prod";
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("mp.jwt.verify.publickey.location", "dev/jwt/publicKey.pem", "mp.jwt.verify.issuer", Tokens.ISSUER,
                    "mp.jwt.verify.audiences", Tokens.AUDIENCE, "pertinence.log.json", "false",
                    "pertinence.privacy.pseudonym-key", "a-pseudonym-key-of-this-test-only-32+chars");
        }
    }

    @Test
    void swaggerUiIsOffAndTheContractStillServed() {
        given().get("/q/swagger-ui").then().statusCode(404);
        given().get("/q/swagger-ui/index.html").then().statusCode(404);
        given().get("/q/openapi").then().statusCode(200);
    }

    @Test
    void tokensNeedTheAudience() {
        given().header("Authorization", "Bearer " + Tokens.of(Roles.MARKETER)).get("/v1/offers").then().statusCode(200);
        TokenLimitsTest.refused(Tokens.sign(Tokens.claims(Roles.MARKETER).remove("aud")));
        TokenLimitsTest.refused(Tokens.sign(Tokens.claims(Roles.MARKETER).audience("another-service")));
    }

    /** The console's development sign-in does not exist in production, even with the development key given. */
    @Test
    void theConsoleHasNoDevelopmentSignIn() {
        given().get("/console/sign-in").then().statusCode(404).contentType("application/problem+json");
        given().formParam("role", Roles.MARKETER).post("/console/sign-in").then().statusCode(404);
        given().get("/console").then().statusCode(200);
    }
}
