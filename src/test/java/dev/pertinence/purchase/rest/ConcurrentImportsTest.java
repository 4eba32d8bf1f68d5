package dev.pertinence.purchase.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Imports running together over the same people, each with order lines (replaced by order and product) and lines
 * without an order, in a different order of people each: all answered 200, none lost, none aborted as a deadlock
 * (503), and every person's version (V25) moved. The versions are renumbered once per import, just before it
 * commits, in id order (PurchaseWriter).
 */
@QuarkusTest
class ConcurrentImportsTest {

    private static final int PEOPLE = 40;
    private static final int IMPORTS = 6;

    @Inject
    Pool pool;

    @Test
    void importsOverTheSamePeopleTogetherAllLandWithoutDeadlock() throws Exception {
        String run = "ci" + System.nanoTime();
        List<String> people = new ArrayList<>();
        for (int i = 0; i < PEOPLE; i++) {
            people.add(run + "-p" + i);
        }
        given().contentType("text/csv").body(file(run, people, -1, new Random(1))).post("/v1/purchases/import").then().statusCode(200);
        long versionsBefore = sum("SELECT coalesce(sum(version), 0) FROM customer_version WHERE customer_id LIKE $1", run + "-%");

        ExecutorService threads = Executors.newFixedThreadPool(IMPORTS);
        try {
            List<CompletableFuture<Integer>> answers = new ArrayList<>();
            for (int n = 0; n < IMPORTS; n++) {
                String body = file(run, people, n, new Random(n + 2));
                answers.add(CompletableFuture.supplyAsync(
                        () -> given().contentType("text/csv").body(body).post("/v1/purchases/import").then().extract().statusCode(), threads));
            }
            for (CompletableFuture<Integer> answer : answers) {
                assertEquals(200, answer.get(60, TimeUnit.SECONDS), "every import lands (a deadlock would be a 503)");
            }
        } finally {
            threads.shutdownNow();
        }
        // each import adds one line without an order per person and replaces the shared order lines
        assertEquals(PEOPLE * (IMPORTS + 1L) + PEOPLE, sum("SELECT count(*) FROM purchase WHERE customer_id LIKE $1", run + "-%"));
        assertTrue(sum("SELECT coalesce(sum(version), 0) FROM customer_version WHERE customer_id LIKE $1", run + "-%") > versionsBefore,
                "the people's versions moved");
        assertEquals(PEOPLE, sum("SELECT count(*) FROM customer_version WHERE customer_id LIKE $1", run + "-%"));
    }

    /** One line without an order per person, and one shared order line per person, the people shuffled. */
    private static String file(String run, List<String> people, int n, Random random) {
        List<String> shuffled = new ArrayList<>(people);
        Collections.shuffle(shuffled, random);
        StringBuilder csv = new StringBuilder("order_id,customer_id,sku,quantity,price,timestamp\n");
        for (String person : shuffled) {
            csv.append(',').append(person).append(',').append(run).append("-loose-").append(n).append(",1,1.00,2026-10-0")
                    .append(1 + (n + 1) % 8).append("T10:00:00Z\n");
            csv.append(person).append("-order,").append(person).append(',').append(run).append("-shared,1,2.00,2026-10-09T10:00:00Z\n");
        }
        return csv.toString();
    }

    private long sum(String sql, String pattern) {
        return pool.preparedQuery(sql).execute(Tuple.of(pattern)).await().atMost(Duration.ofSeconds(10)).iterator().next().getLong(0);
    }
}
