package dev.pertinence.copurchase.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.openapi.InvalidRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The builds list shows every build, the Spark job's included: the job records its build in model_build with
 * trigger 'spark' (spark/, docs/model-build.md); here such a row is written as the job writes it.
 */
@QuarkusTest
class ModelBuildListTest {

    @Inject
    Pool pool;

    private UUID sparkBuild(OffsetDateTime at, String status) {
        UUID id = UUID.randomUUID();
        pool.preparedQuery("""
                INSERT INTO model_build (id, status, trigger, requested_at, started_at, finished_at, duration_ms, model_version,
                    baskets, items, pairs, neighbours, min_support, top_k)
                VALUES ($1, $2, 'spark', $3, $3, $3, 1234, '20991231T000000-abcdef12', 9835, 169, 9636, 3000, 3, 20)""")
                .execute(Tuple.of(id, status, at)).await().indefinitely();
        return id;
    }

    @Test
    void listsTheSparkJobsBuildsNewestFirstAndFiltersByTrigger() {
        // long ago: the rows never pass for the latest build other tests read (GET /v1/models/co-purchase)
        OffsetDateTime past = OffsetDateTime.now(ZoneOffset.UTC).minusYears(10);
        UUID older = sparkBuild(past, "failed");
        UUID newer = sparkBuild(past.plusMinutes(1), "succeeded");

        JsonPath spark = given().queryParam("trigger", "spark").queryParam("limit", 2).get("/v1/models/co-purchase/builds")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(newer.toString(), older.toString()), spark.getList("id"));
        assertEquals("spark", spark.getString("[0].trigger"));
        assertEquals("succeeded", spark.getString("[0].status"));
        assertEquals("failed", spark.getString("[1].status"));
        assertEquals(9835, spark.getLong("[0].baskets"));
        assertEquals(1234, spark.getLong("[0].durationMs"));
        assertEquals("20991231T000000-abcdef12", spark.getString("[0].modelVersion"));

        List<Map<String, Object>> all = given().queryParam("limit", 100).get("/v1/models/co-purchase/builds")
                .then().statusCode(200).extract().jsonPath().getList("$");
        assertTrue(all.stream().anyMatch(build -> newer.toString().equals(build.get("id"))), "the unfiltered list holds it");
        List<String> requested = all.stream().map(build -> (String) build.get("requestedAt")).toList();
        for (int i = 1; i < requested.size(); i++) {
            assertTrue(java.time.Instant.parse(requested.get(i - 1)).compareTo(java.time.Instant.parse(requested.get(i))) >= 0,
                    "newest first: " + requested);
        }
        given().queryParam("trigger", "schedule").queryParam("limit", 100).get("/v1/models/co-purchase/builds")
                .then().statusCode(200).body("findAll { it.trigger != 'schedule' }.size()", equalTo(0));
        given().get("/v1/models/co-purchase/builds/" + newer).then().statusCode(200).body("trigger", equalTo("spark"));
    }

    @Test
    @InvalidRequests
    void aLimitOutOfRangeOrAnUnknownTriggerIsAProblem() {
        given().queryParam("limit", 0).get("/v1/models/co-purchase/builds").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("limit", 101).get("/v1/models/co-purchase/builds").then().statusCode(400)
                .contentType("application/problem+json");
        given().queryParam("trigger", "cron").get("/v1/models/co-purchase/builds").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("trigger"));
        given().queryParam("limit", 100).get("/v1/models/co-purchase/builds").then().statusCode(200);
    }
}
