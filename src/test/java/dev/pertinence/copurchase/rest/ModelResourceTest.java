package dev.pertinence.copurchase.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.copurchase.ModelBuilds;
import dev.pertinence.copurchase.ModelKeys;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ModelResourceTest {

    @Inject
    RedisDataSource redis;

    @Test
    void buildsActivatesAndServesNeighboursThenRetiresThePreviousVersion() {
        StringBuilder batch = new StringBuilder("[");
        int order = 0;
        // a: 8 baskets, b: 6, c: 3; a&b: 4, a&c: 3; ten baskets of z so that N >= 20 and lift(a, b) = 4N/48 > 1
        List<List<String>> baskets = new java.util.ArrayList<>(java.util.Collections.nCopies(10, List.of("mb-z")));
        baskets.addAll(List.of(List.of("mb-a", "mb-b"), List.of("mb-a", "mb-b"), List.of("mb-a", "mb-b"),
                List.of("mb-a", "mb-b"), List.of("mb-a", "mb-c"), List.of("mb-a", "mb-c"), List.of("mb-a", "mb-c"),
                List.of("mb-a"), List.of("mb-b"), List.of("mb-b")));
        for (List<String> basket : baskets) {
            order++;
            for (String sku : basket) {
                batch.append(batch.length() > 1 ? "," : "")
                        .append("{\"orderId\": \"mb-o-").append(order).append("\", \"sku\": \"").append(sku)
                        .append("\", \"purchasedAt\": \"2026-11-01T10:00:00Z\"}");
            }
        }
        given().contentType(ContentType.JSON).body(batch.append("]").toString())
                .when().post("/v1/purchases/batch").then().statusCode(201);

        JsonPath first = ModelBuilds.buildAndWait();
        assertTrue(first.getLong("baskets") >= 10);
        assertTrue(first.getLong("durationMs") >= 0);
        assertEquals(3, first.getInt("minSupport"));

        List<Map<String, Object>> ofC = given().get("/v1/models/co-purchase/neighbours/mb-c")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertEquals("mb-a", ofC.get(0).get("sku"));
        assertEquals(1.0, ((Number) ofC.get(0).get("confidence")).doubleValue(), 1e-9);
        assertEquals(3, ((Number) ofC.get(0).get("count")).intValue());
        List<Map<String, Object>> ofA = given().get("/v1/models/co-purchase/neighbours/mb-a").jsonPath().getList("$");
        Map<String, Object> aToB = ofA.stream().filter(n -> "mb-b".equals(n.get("sku"))).findFirst().orElseThrow();
        assertEquals(0.5, ((Number) aToB.get("confidence")).doubleValue(), 1e-9);

        JsonPath second = ModelBuilds.buildAndWait();
        assertNotEquals(first.getString("modelVersion"), second.getString("modelVersion"));
        assertEquals(second.getString("modelVersion"), redis.value(String.class).get(ModelKeys.ACTIVE));
        long ttl = redis.key().ttl(ModelKeys.version(first.getString("modelVersion")));
        assertTrue(ttl > 0 && ttl <= 3600, "previous version expires, ttl " + ttl);
        assertEquals(-1, redis.key().ttl(ModelKeys.version(second.getString("modelVersion"))));
        given().get("/v1/models/co-purchase").then().statusCode(200)
                .body("modelVersion", equalTo(second.getString("modelVersion")));

        // operators see which model decisions read, and how old it is; a model is never a reason to be unready
        String version = second.getString("modelVersion");
        dev.pertinence.common.Await.until("readiness reports " + version, java.time.Duration.ofSeconds(10), () ->
                given().get("/q/health/ready").jsonPath()
                        .getString("checks.find { it.name == 'co-purchase-model' }.data.version").equals(version));
        JsonPath ready = given().get("/q/health/ready").jsonPath();
        assertEquals("UP", ready.getString("checks.find { it.name == 'co-purchase-model' }.status"));
        assertTrue(ready.getLong("checks.find { it.name == 'co-purchase-model' }.data.ageSeconds") >= 0);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("pertinence_model_info{version=\"" + version + "\"} 1.0"), metrics);
        assertTrue(!metrics.contains("version=\"" + first.getString("modelVersion") + "\""), "the previous version's series is gone");
        assertTrue(metrics.contains("pertinence_model_present 1.0"));
        assertTrue(metrics.contains("pertinence_model_age_seconds "));
    }

    @Test

    @InvalidRequests
    void unknownOrMalformedBuildIdsAreProblems() {
        given().get("/v1/models/co-purchase/builds/not-a-uuid").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("id"));
        given().get("/v1/models/co-purchase/builds/1-1-1-1-1").then().statusCode(400) // not canonical
                .contentType("application/problem+json").body("field", equalTo("id"));
        given().get("/v1/models/co-purchase/builds/00000000-0000-0000-0000-000000000000").then().statusCode(404)
                .contentType("application/problem+json");
        given().get("/v1/models/co-purchase/neighbours/bad sku").then().statusCode(400).body("field", equalTo("sku"));
    }
}
