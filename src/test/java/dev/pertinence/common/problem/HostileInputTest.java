package dev.pertinence.common.problem;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** What bench/hostile.sh found answered 500 once: values PostgreSQL refuses are the client's problem. */
@QuarkusTest
@InvalidRequests
class HostileInputTest {

    @Test
    void aNulCharacterInAPathOrABodyIsABadRequestNotAServerFault() {
        given().urlEncodingEnabled(false).get("/v1/offers/%00").then().statusCode(400)
                .contentType("application/problem+json").body("detail", startsWith("A value cannot be stored"));
        given().contentType(ContentType.JSON).body("{\"firstName\": \"Jea\\u0000nne\"}").put("/v1/customers/hi-nul")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400));
    }
}
