package dev.pertinence.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.metrics.Metric;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Writes stuck on a slow store fill their own places, never the decisions': two customer updates
 * wait on a row lock held here (real PostgreSQL) and take both "other" places of {@link SmallLimits};
 * a third write is shed at once, and decisions are still served.
 */
@QuarkusTest
@TestProfile(SmallLimits.class)
class InFlightLimitTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void writesStuckOnALockAreShedInTheirOwnLimitAndDecisionsGoOn() {
        String run = "ifl-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("title", "Offer " + run, "message", "M", "channels", List.of("web"),
                "placements", List.of("ifl-slot"), "businessValue", 3)).put("/v1/offers/" + run).then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Ada")).put("/v1/customers/" + run).then().statusCode(201);
        double shedBefore = Metric.value("pertinence_http_shed_total{work=\"other\"}");

        SqlConnection holder = pool.getConnection().await().atMost(LONG);
        List<CompletableFuture<Integer>> stuck = new ArrayList<>();
        try {
            Transaction lock = holder.begin().await().atMost(LONG);
            holder.preparedQuery("SELECT 1 FROM customer WHERE id = $1 FOR UPDATE").execute(Tuple.of(run)).await().atMost(LONG);
            for (int i = 0; i < 2; i++) {
                stuck.add(CompletableFuture.supplyAsync(() -> given().contentType(ContentType.JSON)
                        .body(Map.of("firstName", "Bea")).put("/v1/customers/" + run).statusCode()));
            }
            Await.until("two writes in flight", Duration.ofSeconds(3),
                    () -> Metric.value("pertinence_http_in_flight{work=\"other\"}") == 2);

            given().get("/v1/customers/" + run).then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", "1").body("status", equalTo(503));
            for (int i = 0; i < 3; i++) {
                given().contentType(ContentType.JSON).body(Map.of("customerId", run, "channel", "web", "placement", "ifl-slot"))
                        .post("/v1/decisions").then().statusCode(200).body("offers[0].offerId", equalTo(run));
            }
            assertEquals(shedBefore + 1, Metric.value("pertinence_http_shed_total{work=\"other\"}"), "the write was counted as shed");
            assertEquals(0, Metric.value("pertinence_http_shed_total{work=\"decision\"}"), "no decision was shed");

            lock.rollback().await().atMost(LONG);
        } finally {
            holder.close().await().atMost(LONG);
        }
        for (CompletableFuture<Integer> write : stuck) {
            int status = write.join();
            assertTrue(status == 200 || status == 503, "a stuck write ends, answered: " + status);
        }
        Await.until("places given back", Duration.ofSeconds(5), () -> Metric.value("pertinence_http_in_flight{work=\"other\"}") == 0);
        given().get("/v1/customers/" + run).then().statusCode(200);
    }
}
