package dev.pertinence.simulation.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.pertinence.common.Await;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A simulation past pertinence.simulation.max-duration (one second here) stops at its next person
 * and ends failed, saying how far it got, and frees the place for the next.
 */
@QuarkusTest
@TestProfile(SimulationTimeLimitTest.OneSecond.class)
class SimulationTimeLimitTest {

    /** Simulations may run for one second. */
    public static class OneSecond implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("pertinence.simulation.max-duration", "PT1S");
        }
    }

    @Inject
    Pool pool;

    @Test
    void aSimulationPastItsMaxDurationStopsAndSaysHowFarItGot() throws Exception {
        pool.query("INSERT INTO customer (id, segments) VALUES ('stl-c1', ARRAY['stl']), ('stl-c2', ARRAY['stl']) "
                + "ON CONFLICT DO NOTHING").execute().await().atMost(Duration.ofSeconds(10));
        Map<String, Object> ask = Map.of("placements", List.of(Map.of("channel", "app", "placement", "home")), "sample", 2);
        String id;
        try (CustomersLocked locked = new CustomersLocked(pool)) { // held at reading its population past its second
            Response started = given().contentType(ContentType.JSON).body(ask).post("/v1/simulations");
            started.then().statusCode(202);
            id = started.jsonPath().getString("id");
            Await.until("simulation " + id + " running", Duration.ofSeconds(30), () -> "running".equals(status(id).getString("status")));
            Thread.sleep(1_500);
        }
        JsonPath[] ended = new JsonPath[1];
        Await.until("simulation " + id + " ended", Duration.ofSeconds(30), () -> {
            ended[0] = status(id);
            return !List.of("queued", "running").contains(ended[0].getString("status"));
        });
        assertEquals("failed", ended[0].getString("status"), ended[0].prettify());
        assertEquals("out of time: stopped after PT1S (pertinence.simulation.max-duration) with 0 of 2 people decided; "
                + "no result: ask for a smaller sample or fewer placements", ended[0].getString("error"));
        assertEquals(0, ended[0].getInt("progress.done"));
        assertEquals(2, ended[0].getInt("progress.total"));
        assertNull(ended[0].get("result"));

        String next = given().contentType(ContentType.JSON).body(ask).post("/v1/simulations").then().statusCode(202)
                .extract().path("id");
        Await.until("simulation " + next + " ended", Duration.ofSeconds(30),
                () -> !List.of("queued", "running").contains(status(next).getString("status")));
    }

    private static JsonPath status(String id) {
        return given().get("/v1/simulations/" + id).then().statusCode(200).extract().jsonPath();
    }
}
