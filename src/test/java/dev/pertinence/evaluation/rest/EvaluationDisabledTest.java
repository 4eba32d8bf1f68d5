package dev.pertinence.evaluation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.pertinence.common.SmallLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A replica with pertinence.evaluation.enabled=false (SmallLimits) refuses to start evaluations, and still reads them; it
 * refuses estimates too.
 */
@QuarkusTest
@TestProfile(SmallLimits.class)
class EvaluationDisabledTest {

    @Test
    void aReplicaWithEvaluationsTurnedOffRefusesToStartOne() {
        given().contentType(ContentType.JSON).body(Map.of("mode", "basket_completion", "from", "2020-01-01T00:00:00Z",
                "until", "2020-01-02T00:00:00Z")).post("/v1/evaluations").then().statusCode(503)
                .contentType("application/problem+json").body("status", equalTo(503))
                .body("detail", containsString("pertinence.evaluation.enabled"));
        given().get("/v1/evaluations/" + UUID.randomUUID()).then().statusCode(404);
        // estimates replay as evaluations do: off with them
        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/estimates").then().statusCode(503)
                .contentType("application/problem+json").body("detail", containsString("pertinence.evaluation.enabled"));
    }
}
