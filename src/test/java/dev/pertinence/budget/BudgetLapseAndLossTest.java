package dev.pertinence.budget;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pertinence.common.Await;
import dev.pertinence.common.SmallLimits;
import dev.pertinence.common.metrics.Metric;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
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
 * Budgets over time (reservations held two seconds in this profile): a reservation that lapses
 * unshown gives its unit back; Redis losing its data (FLUSHALL, as RedisDataLossTest does) does
 * not reset the spending, counted again from PostgreSQL. In the SmallLimits group, which runs after
 * the default profile's tests, so the flush cannot surprise them.
 */
@QuarkusTest
@TestProfile(SmallLimits.class)
class BudgetLapseAndLossTest {

    @Inject
    Redis redis;

    private static void offer(String id, Map<String, Object> budget) {
        given().contentType(ContentType.JSON).body(Map.of("title", "Offer " + id, "message", "M", "channels", List.of("app"),
                        "placements", List.of(id + "-slot"), "businessValue", 1_000_000_000, "lever", 100, "budget", budget))
                .put("/v1/offers/" + id).then().statusCode(201);
    }

    private static JsonPath decide(String offerId, String visitor) {
        return given().contentType(ContentType.JSON).body(Map.of("visitorId", visitor, "channel", "app", "placement",
                        offerId + "-slot", "limit", 3, "explain", true))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
    }

    private static String reason(JsonPath decision, String offerId) {
        return decision.getString("explanation.dropped.find { it.offerId == '" + offerId + "' }.reason");
    }

    private static JsonPath budget(String offerId) {
        return given().get("/v1/offers/" + offerId + "/performance").then().statusCode(200).extract().jsonPath().setRootPath("budget");
    }

    @Test
    void aReservationThatLapsesUnshownGivesTheBudgetBack() throws InterruptedException {
        String id = "bl-lapse-" + System.nanoTime();
        offer(id, Map.of("count", 1, "of", "impressions", "period", "P1D"));
        assertTrue(decide(id, "v1").getList("offers.offerId").contains(id), "the one unit, held");
        JsonPath held = decide(id, "v2");
        assertFalse(held.getList("offers.offerId").contains(id));
        assertEquals("BUDGET_SPENT", reason(held, id), held.prettify());
        assertEquals(1, budget(id).getInt("reserved"));
        assertEquals(0, budget(id).getInt("left"));

        // never shown: two seconds later the unit is free again
        Await.until("the reservation lapsed", Duration.ofSeconds(10), () -> budget(id).getInt("reserved") == 0);
        assertEquals(1, budget(id).getInt("left"));
        JsonPath again = decide(id, "v3");
        assertTrue(again.getList("offers.offerId").contains(id), again.prettify());
        String decisionId = again.getString("decisionId");
        given().contentType(ContentType.JSON).body(Map.of("eventId", decisionId + "-seen", "offerId", id, "type", "impression"))
                .post("/v1/decisions/" + decisionId + "/outcomes").then().statusCode(201);
        JsonPath spent = budget(id);
        assertEquals(1, spent.getInt("spent"));
        assertEquals(0, spent.getInt("reserved"));
        // shown, it stays spent however long we wait
        Thread.sleep(3_000);
        assertEquals("BUDGET_SPENT", reason(decide(id, "v4"), id));
    }

    @Test
    void afterRedisLostItsDataTheSpendingIsCountedAgainFromPostgresNotReset() {
        String id = "bl-loss-" + System.nanoTime();
        offer(id, Map.of("count", 3, "of", "impressions", "period", "P7D"));
        for (int i = 0; i < 3; i++) {
            JsonPath decision = decide(id, "v" + i);
            assertTrue(decision.getList("offers.offerId").contains(id));
            String decisionId = decision.getString("decisionId");
            given().contentType(ContentType.JSON).body(Map.of("eventId", decisionId + "-seen", "offerId", id, "type", "impression"))
                    .post("/v1/decisions/" + decisionId + "/outcomes").then().statusCode(201);
        }
        assertEquals("BUDGET_SPENT", reason(decide(id, "before"), id));
        assertEquals(3, budget(id).getInt("spent"));
        double rebuilds = Metric.value("pertinence_redis_rebuilds_total{result=\"done\"}");

        redis.send(Request.cmd(Command.FLUSHALL)).await().atMost(Duration.ofSeconds(10));

        Await.until("the rebuild after the loss", Duration.ofSeconds(30),
                () -> Metric.value("pertinence_redis_rebuilds_total{result=\"done\"}") > rebuilds);
        JsonPath after = decide(id, "after");
        assertFalse(after.getList("offers.offerId").contains(id), after.prettify());
        assertEquals("BUDGET_SPENT", reason(after, id), after.prettify());
        assertEquals(3, budget(id).getInt("spent"), "the spending counted again from the impressions in PostgreSQL");
        assertEquals("3", redis.send(Request.cmd(Command.KEYS).arg("pertinence:{o:" + id + "}:budget:*:spent"))
                .chain(keys -> redis.send(Request.cmd(Command.GET).arg(keys.get(0).toString())))
                .await().atMost(Duration.ofSeconds(5)).toString(), "back in Redis");
    }
}
