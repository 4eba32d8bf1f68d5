package dev.pertinence.simulation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.pertinence.common.SmallLimits;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A replica with pertinence.evaluation.enabled=false (SmallLimits) refuses to start simulations too, and still reads them. */
@QuarkusTest
@TestProfile(SmallLimits.class)
class SimulationDisabledTest {

    @Test
    void aReplicaWithEvaluationsTurnedOffRefusesToStartASimulation() {
        given().contentType(ContentType.JSON).body(Map.of("placements", List.of(Map.of("channel", "web", "placement", "home"))))
                .post("/v1/simulations").then().statusCode(503).contentType("application/problem+json")
                .body("status", equalTo(503)).body("detail", containsString("pertinence.simulation.enabled"));
        given().get("/v1/simulations/" + UUID.randomUUID()).then().statusCode(404);
    }
}
