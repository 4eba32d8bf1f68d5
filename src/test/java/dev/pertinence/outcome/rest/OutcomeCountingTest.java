package dev.pertinence.outcome.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * One impression (click, accept, conversion, ...) per decision and offer, however many event ids
 * the caller sends for it: the cap, the exposures, offer performance and the learned counters in
 * Redis all count it once. Anonymous web decisions on placement oc-slot; one offer per test, so
 * performance and counters are read per offer.
 */
@QuarkusTest
class OutcomeCountingTest {

    @Inject
    Pool pool;

    @Inject
    Redis redis;

    @Test
    void aSecondEventIdForTheSameImpressionIsADuplicateAndCountsNothing() {
        String decision = decide("oc-single");
        outcome(decision, "oc-single-1", "oc-single", "impression").then().statusCode(201).body("status", equalTo("recorded"));
        outcome(decision, "oc-single-2", "oc-single", "impression").then().statusCode(200).body("status", equalTo("duplicate"))
                .body("eventId", equalTo("oc-single-2"));
        outcome(decision, "oc-single-2", "oc-single", "impression").then().statusCode(200).body("status", equalTo("duplicate"));
        // another type for the same offer is another outcome
        outcome(decision, "oc-single-3", "oc-single", "accept").then().statusCode(201);
        outcome(decision, "oc-single-4", "oc-single", "accept").then().statusCode(200).body("status", equalTo("duplicate"));
        // the second id, reused for something else, is still refused as before
        outcome(decision, "oc-single-1", "oc-single", "click").then().statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("eventId"));

        assertCountedOnce(decision, "oc-single", "impression", "impressions");
        assertCountedOnce(decision, "oc-single", "accept", "accepts");
    }

    @Test
    void aBatchCountsOneOutcomePerDecisionOfferAndTypeWhateverItsEventIds() {
        String decision = decide("oc-batch");
        batch(item(decision, "oc-batch-1", "oc-batch", "impression"), item(decision, "oc-batch-2", "oc-batch", "impression"),
                item(decision, "oc-batch-3", "oc-batch", "accept"))
                .then().statusCode(200).body("recorded", equalTo(2)).body("duplicates", equalTo(1))
                .body("outcomes[0].status", equalTo("recorded")).body("outcomes[1].status", equalTo("duplicate"))
                .body("outcomes[2].status", equalTo("recorded"));
        // and against what an earlier request stored
        batch(item(decision, "oc-batch-4", "oc-batch", "impression"), item(decision, "oc-batch-5", "oc-batch", "accept"))
                .then().statusCode(200).body("recorded", equalTo(0)).body("duplicates", equalTo(2));

        assertCountedOnce(decision, "oc-batch", "impression", "impressions");
        assertCountedOnce(decision, "oc-batch", "accept", "accepts");
    }

    @Test
    void aDecisionConvertsOnceAndItsFirstValueStands() {
        String decision = decide("oc-convert");
        convert(decision, "oc-convert-1", "12.50").then().statusCode(201);
        convert(decision, "oc-convert-2", "99.00").then().statusCode(200).body("status", equalTo("duplicate"));
        batch(item(decision, "oc-convert-3", "oc-convert", "convert").replace("}", ", \"value\": 7}"))
                .then().statusCode(200).body("duplicates", equalTo(1));
        // a conversion still needs its value, duplicate or not
        given().contentType(ContentType.JSON).body(Map.of("eventId", "oc-convert-4", "offerId", "oc-convert", "type", "convert"))
                .post("/v1/decisions/" + decision + "/outcomes").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("value"));

        assertCountedOnce(decision, "oc-convert", "convert", "conversions");
        assertEquals(12.5, performance("oc-convert").getDouble("total.conversionValue"), 1e-9);
        assertEquals(12.5, Double.parseDouble(hget("oc-convert", "anonymous|web|value")), 1e-9);
    }

    @Test
    void tenEventIdsAtOnceForOneImpressionCountOnce() {
        String decision = decide("oc-race");
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/v1/decisions/" + decision + "/outcomes");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            String body = "{\"eventId\": \"oc-race-%d\", \"offerId\": \"oc-race\", \"type\": \"impression\"}".formatted(i);
            calls.add(client.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + Tokens.ALL_ROLES).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int recorded = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            assertTrue(response.statusCode() == 201 || response.statusCode() == 200, response.statusCode() + " " + response.body());
            recorded += response.statusCode() == 201 ? 1 : 0;
        }
        assertEquals(1, recorded, "exactly one of the ten is recorded");
        assertCountedOnce(decision, "oc-race", "impression", "impressions");
    }

    @Test
    void batchesNamingTheSameOutcomesInOtherOrdersAtOnceCountEachOnce() {
        String decision = decide("oc-orders");
        List<String> types = List.of("impression", "click", "accept", "dismiss");
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/v1/outcomes");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            List<String> items = new ArrayList<>();
            for (int j = 0; j < types.size(); j++) {
                String type = types.get(i % 2 == 0 ? j : types.size() - 1 - j); // half in one order, half in the reverse
                items.add(item(decision, "oc-orders-" + i + "-" + type, "oc-orders", type));
            }
            calls.add(client.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + Tokens.ALL_ROLES)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"outcomes\": [" + String.join(",", items) + "]}")).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        int recorded = 0;
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            assertEquals(200, response.statusCode(), response.body());
            recorded += new JsonPath(response.body()).getInt("recorded");
        }
        assertEquals(types.size(), recorded, "each of the four outcomes recorded by exactly one batch");
        assertCountedOnce(decision, "oc-orders", "impression", "impressions");
        assertCountedOnce(decision, "oc-orders", "accept", "accepts");
    }

    /** One row, one exposure-worthy outcome, one in performance, one in the learned counters. */
    private void assertCountedOnce(String decision, String offer, String type, String figure) {
        assertEquals(1, pool.preparedQuery("SELECT count(*) FROM outcome WHERE decision_id = $1::uuid AND offer_id = $2 AND type = $3")
                .execute(Tuple.of(decision, offer, type)).await().indefinitely().iterator().next().getLong(0), "rows");
        assertEquals(1, performance(offer).getInt("total." + figure), figure + " in performance");
        assertEquals("1", hget(offer, "anonymous|web|" + type), type + " in the learned counters");
    }

    private static String decide(String offer) {
        given().contentType(ContentType.JSON).body(Map.of("title", "Counting", "message", "m", "category", "oc-cat-" + offer,
                        "channels", List.of("web"), "placements", List.of("oc-slot-" + offer), "businessValue", 2))
                .put("/v1/offers/" + offer).then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        JsonPath decision = given().contentType(ContentType.JSON).body(Map.of("channel", "web", "placement", "oc-slot-" + offer))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
        assertTrue(decision.getList("offers.offerId").contains(offer), decision.prettify());
        return decision.getString("decisionId");
    }

    private static Response outcome(String decision, String event, String offer, String type) {
        return given().contentType(ContentType.JSON).body(Map.of("eventId", event, "offerId", offer, "type", type))
                .post("/v1/decisions/" + decision + "/outcomes");
    }

    private static Response convert(String decision, String event, String value) {
        return given().contentType(ContentType.JSON)
                .body("{\"eventId\": \"%s\", \"offerId\": \"oc-convert\", \"type\": \"convert\", \"value\": %s}".formatted(event, value))
                .post("/v1/decisions/" + decision + "/outcomes");
    }

    private static String item(String decision, String event, String offer, String type) {
        return "{\"decisionId\": \"%s\", \"eventId\": \"%s\", \"offerId\": \"%s\", \"type\": \"%s\"}".formatted(decision, event, offer, type);
    }

    private static Response batch(String... items) {
        return given().contentType(ContentType.JSON).body("{\"outcomes\": [" + String.join(",", items) + "]}").post("/v1/outcomes");
    }

    private static JsonPath performance(String offer) {
        return given().get("/v1/offers/" + offer + "/performance").then().statusCode(200).extract().jsonPath();
    }

    private String hget(String offer, String field) {
        var reply = redis.send(Request.cmd(Command.HGET).arg("pertinence:{o:" + offer + "}:responses").arg(field))
                .await().indefinitely();
        return reply == null ? null : reply.toString();
    }
}
