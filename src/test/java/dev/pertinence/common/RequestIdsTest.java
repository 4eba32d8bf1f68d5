package dev.pertinence.common;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RequestIdsTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @Test

    @InvalidRequests
    void aCallersSaneIdIsKeptAndEchoedOtherwiseOneIsMade() {
        given().header(RequestIds.HEADER, "gw-7f3a.2").get("/v1/offers/ri-none").then().statusCode(404)
                .header(RequestIds.HEADER, equalTo("gw-7f3a.2"));
        given().get("/v1/offers/ri-none").then().header(RequestIds.HEADER, matchesPattern(UUID));
        given().header(RequestIds.HEADER, "a b\"<script>").get("/v1/offers/ri-none").then()
                .header(RequestIds.HEADER, matchesPattern(UUID));
        given().header(RequestIds.HEADER, "x".repeat(65)).get("/v1/offers/ri-none").then()
                .header(RequestIds.HEADER, matchesPattern(UUID));
        given().get("/q/health/live").then().statusCode(200).header(RequestIds.HEADER, nullValue());
        assertNotEquals(RequestIds.of(null), RequestIds.of(null));
    }
}
