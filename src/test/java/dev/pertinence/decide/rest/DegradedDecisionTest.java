package dev.pertinence.decide.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.contact.store.ContactKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A decision that goes without part of its inputs says so in a field a screen can read, not only
 * in prose. Redis really fails here: the person's contact key holds a string, so the contact read
 * gets WRONGTYPE from the server. Customers dg-*, placement dg-slot.
 */
@QuarkusTest
class DegradedDecisionTest {

    @Inject
    Redis redis;

    @Test
    void aRedisFailureIsFlaggedInTheResponseAndTheMetricAndTheDecisionStillComes() {
        String run = "dg-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("title", "Offer " + run, "message", "M", "channels", List.of("web"),
                "placements", List.of("dg-slot"), "businessValue", 3)).put("/v1/offers/" + run).then().statusCode(201);
        String whole = run + "-whole";
        String broken = run + "-broken";
        for (String customer : List.of(whole, broken)) {
            given().contentType(ContentType.JSON).body(Map.of("firstName", "Dana")).put("/v1/customers/" + customer)
                    .then().statusCode(201);
        }
        redis.send(Request.cmd(Command.SET).arg(ContactKeys.contacts(broken)).arg("not a sorted set"))
                .await().atMost(Duration.ofSeconds(10));
        double before = degradedByRedis();

        JsonPath ok = decide(whole);
        assertTrue(ok.getList("degraded") == null || !ok.getList("degraded").contains("redis"), ok.prettify());

        JsonPath degraded = decide(broken);
        assertEquals(List.of(run), degraded.getList("offers.offerId"), "decided all the same");
        assertTrue(degraded.getList("degraded").contains("redis"), degraded.prettify());
        assertTrue(degraded.getList("notes", String.class).stream().anyMatch(n -> n.startsWith("Contact history unavailable")));
        assertEquals(before + 1, degradedByRedis(), "counted once, by cause");
        given().get("/v1/customers/" + broken + "/agent-card").then().statusCode(200).body("degraded", hasItem("redis"));
        given().get("/v1/customers/" + whole + "/agent-card").then().statusCode(200).body("degraded", not(hasItem("redis")));
    }

    private static JsonPath decide(String customer) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", customer, "channel", "web", "placement", "dg-slot"))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
    }

    private static double degradedByRedis() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("pertinence_decision_degraded_total{cause=\"redis\"}"))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).findFirst().orElse(0);
    }
}
