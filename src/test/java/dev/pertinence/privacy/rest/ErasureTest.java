package dev.pertinence.privacy.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.consent.Consenting;
import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The right to erasure on real PostgreSQL and Redis. Customers er-*, offer er-offer, placement er-slot. */
@QuarkusTest
class ErasureTest {

    /** Everything that names the person: their ids, identifiers and a profile field. */
    private static final List<String> TRACES = List.of("er-p1", "er-p2", "er.person@example.com", "+33612349901", "ER00P1",
            "Erasmus");

    @Inject
    Pool pool;

    @Inject
    Redis redis;

    @Test
    void anErasedPersonLeavesNoRowAndNoKeyAndTheAggregatesStay() {
        given().contentType(ContentType.JSON).body(Map.of("title", "Erasure offer", "message", "m", "category", "er-cat",
                        "channels", List.of("web", "email"), "placements", List.of("er-slot"), "businessValue", 3))
                .put("/v1/offers/er-offer").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Erasmus", "segments", List.of("er-seg")))
                .put("/v1/customers/er-p1").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        Customers.customer("er-p2");
        Customers.link("er-p1", "email", "er.person@example.com").then().statusCode(201);
        Customers.link("er-p1", "phone", "06 12 34 99 01").then().statusCode(201);
        Customers.link("er-p2", "loyalty", "ER00P1").then().statusCode(201);
        Consenting.grant("er-p1", "email");
        given().contentType(ContentType.JSON).body(Map.of("type", "moving_house", "date", "2026-12-01"))
                .post("/v1/customers/er-p1/life-events").then().statusCode(201);
        Customers.purchase("er-p1", "er-sku").then().statusCode(201);
        Customers.purchase("loyalty:ER00P1", "er-sku").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("from", "er-p2")).post("/v1/customers/er-p1/merge").then().statusCode(200);

        for (String channel : List.of("web", "email")) {
            JsonPath decision = given().contentType(ContentType.JSON)
                    .body(Map.of("customerId", "er-p1", "channel", channel, "placement", "er-slot"))
                    .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
            assertTrue(decision.getList("offers.offerId").contains("er-offer"), decision.prettify()); // other tests' offers too
            String id = decision.getString("decisionId");
            outcome(id, "er-ev-" + channel + "-1", "impression");
            outcome(id, "er-ev-" + channel + "-2", "accept");
        }
        String performance = given().get("/v1/offers/er-offer/performance").then().statusCode(200).extract().asString();
        assertTrue(performance.contains("\"impressions\":2"), performance);
        assertTrue(!traces().isEmpty() && !keys().isEmpty(), "the person is everywhere before");

        given().delete("/v1/customers/email:er.person@example.com").then().statusCode(200)
                .body("erased.profile", equalTo(1)).body("erased.exposures", equalTo(2))
                .body("erased.outcomesUnlinked", equalTo(4)).body("erased.decisionsUnlinked", equalTo(2))
                .body("erased.purchases", equalTo(2)).body("erased.identifiers", equalTo(4)) // 3 + the merged-away id
                .body("erased.consents", equalTo(2)).body("erased.lifeEvents", equalTo(1)).body("erased.mergeRecords", equalTo(1));

        assertEquals(List.of(), traces(), "no row in any table names the person");
        assertEquals(List.of(), keys(), "no Redis key names the person");
        assertEquals(performance, given().get("/v1/offers/er-offer/performance").then().statusCode(200).extract().asString(),
                "offer performance is unchanged");
        given().get("/v1/customers/er-p1").then().statusCode(404);
        given().get("/v1/customers/loyalty:ER00P1").then().statusCode(404);
        given().delete("/v1/customers/er-p1").then().statusCode(404).contentType("application/problem+json")
                .body("field", equalTo("id"));
    }

    private static void outcome(String decision, String event, String type) {
        given().contentType(ContentType.JSON).body(Map.of("eventId", event, "offerId", "er-offer", "type", type))
                .post("/v1/decisions/" + decision + "/outcomes").then().statusCode(201);
    }

    /** "table.column" for every text-like column of every table holding one of the traces. */
    private List<String> traces() {
        List<String> found = new ArrayList<>();
        for (Row column : pool.query("""
                SELECT table_name, column_name FROM information_schema.columns
                WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'ARRAY')""")
                .execute().await().indefinitely()) {
            String table = column.getString(0);
            String name = column.getString(1);
            for (String trace : TRACES) {
                long rows = pool.preparedQuery("SELECT count(*) FROM \"" + table + "\" WHERE \"" + name
                                + "\"::text LIKE '%' || $1 || '%'").execute(Tuple.of(trace)).await().indefinitely()
                        .iterator().next().getLong(0);
                if (rows > 0) {
                    found.add(table + "." + name + " holds " + trace);
                }
            }
        }
        return found;
    }

    private List<String> keys() {
        List<String> found = new ArrayList<>();
        for (String trace : TRACES) {
            String cursor = "0";
            do {
                Response page = redis.send(Request.cmd(Command.SCAN).arg(cursor).arg("MATCH").arg("*" + trace + "*")
                        .arg("COUNT").arg(1000)).await().indefinitely();
                cursor = page.get(0).toString();
                page.get(1).forEach(key -> found.add(key.toString()));
            } while (!cursor.equals("0"));
        }
        return found;
    }
}
