package dev.pertinence.common.redis;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;

import dev.pertinence.common.SmallLimits;
import dev.pertinence.common.metrics.Metric;
import dev.pertinence.consent.Consenting;
import dev.pertinence.copurchase.ModelBuilds;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redis loses its data (FLUSHALL on the tests' real Redis, as a restart without persistence would):
 * the contact policy, the learned counters and the co-purchase model come back from PostgreSQL.
 * In the SmallLimits group, which runs after the tests of the default profile, so the flush
 * cannot surprise them.
 */
@QuarkusTest
@TestProfile(SmallLimits.class)
class RedisDataLossTest {

    private static final Duration REBUILT_WITHIN = Duration.ofSeconds(30);

    @Inject
    Redis redis;

    @Test
    void afterAFlushTheEmailCapHoldsAndTheModelIsServedAgainAsReadinessSays() {
        String run = "dl-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("title", "Offer " + run, "message", "M", "channels", List.of("email"),
                "placements", List.of("dl-slot"), "businessValue", 3)).put("/v1/offers/" + run).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Lou")).put("/v1/customers/" + run).then().statusCode(201);
        Consenting.grant(run, "email");
        JsonPath first = email(run);
        assertEquals(List.of(run), first.getList("offers.offerId"), "proposed once");
        String decision = first.getString("decisionId");
        given().contentType(ContentType.JSON).body(Map.of("eventId", run + "-seen", "offerId", run, "type", "impression"))
                .post("/v1/decisions/" + decision + "/outcomes").then().statusCode(201);
        assertEquals(List.of(), email(run).getList("offers"), "the weekly email cap holds before the loss");

        String sku = run + "-a";
        purchases(sku, run + "-b");
        String builtVersion = ModelBuilds.buildAndWait().getString("modelVersion");
        assertFalse(neighbours(sku).isEmpty());
        double rebuilds = Metric.value("pertinence_redis_rebuilds_total{result=\"done\"}");

        redis.send(Request.cmd(Command.FLUSHALL)).await().atMost(Duration.ofSeconds(10));

        Await.until("the rebuild after the loss", REBUILT_WITHIN,
                () -> Metric.value("pertinence_redis_rebuilds_total{result=\"done\"}") > rebuilds);
        JsonPath capped = email(run);
        assertEquals(List.of(), capped.getList("offers"), "the cap still holds: " + capped.prettify());
        assertTrue(capped.getList("degraded") == null || !capped.getList("degraded").contains("redis"), capped.prettify());
        assertTrue(contactMembers(run).contains(decision + "|" + run + "|email|s"), "the impression is back in Redis");
        List<String[]> counters = Replies.pairs(redis.send(Request.cmd(Command.HGETALL).arg("pertinence:{o:" + run + "}:responses"))
                .await().atMost(Duration.ofSeconds(5)));
        assertEquals(List.of("1"), counters.stream().filter(pair -> pair[0].endsWith("|email|impression")).map(pair -> pair[1]).toList(),
                "the impression counted again, once");

        // the model: rebuilt from the purchases as a "recovery" build; readiness and the endpoint agree throughout
        Await.until("a model served again", REBUILT_WITHIN, () -> {
            int status = given().get("/v1/models/co-purchase/neighbours/" + sku).statusCode();
            boolean present = given().get("/q/health/ready").jsonPath()
                    .getBoolean("checks.find { it.name == 'co-purchase-model' }.data.present");
            assertTrue(status == 404 && !present || status == 200 && present,
                    "readiness (model present: " + present + ") agrees with the neighbours endpoint (" + status + ")");
            return status == 200;
        });
        assertFalse(neighbours(sku).isEmpty(), "the neighbours are served again");
        JsonPath active = given().get("/v1/models/co-purchase").then().statusCode(200).extract().jsonPath();
        assertEquals("recovery", active.getString("trigger"));
        assertNotEquals(builtVersion, active.getString("modelVersion"));
    }

    private static JsonPath email(String customer) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("customerId", customer, "channel", "email", "placement", "dl-slot"))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
    }

    private String contactMembers(String customer) {
        return redis.send(Request.cmd(Command.ZRANGE).arg("pertinence:{c:" + customer + "}:contacts").arg(0).arg(-1))
                .await().atMost(Duration.ofSeconds(5)).toString();
    }

    private static List<Object> neighbours(String sku) {
        return given().get("/v1/models/co-purchase/neighbours/" + sku).then().statusCode(200).extract().jsonPath().getList("$");
    }

    /** Five baskets of the two SKUs together (minimum support 3), and ten of others. */
    private static void purchases(String a, String b) {
        List<String> lines = new ArrayList<>();
        for (int order = 0; order < 15; order++) {
            String id = a + "-o" + order;
            List<String> skus = order < 5 ? List.of(a, b) : List.of(a + "-z" + (order % 2));
            for (String sku : skus) {
                lines.add("{\"orderId\": \"" + id + "\", \"sku\": \"" + sku + "\", \"purchasedAt\": \"2026-11-01T10:00:00Z\"}");
            }
        }
        given().contentType(ContentType.JSON).body("[" + String.join(",", lines) + "]").post("/v1/purchases/batch")
                .then().statusCode(201);
    }
}
