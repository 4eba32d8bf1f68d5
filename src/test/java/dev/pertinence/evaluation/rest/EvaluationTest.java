package dev.pertinence.evaluation.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import dev.pertinence.common.openapi.InvalidRequests;
import dev.pertinence.consent.Consenting;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Offline evaluations through the API, on real PostgreSQL and Redis. Each test reads only the
 * purchases of its own period (from/until), so other tests' purchases never enter it, and waits for
 * its evaluation to end, so the next one is not refused as a second one running.
 */
@io.quarkus.test.junit.QuarkusTest
class EvaluationTest {

    @Inject
    Pool pool;

    /**
     * The real grocery baskets (../shared/data/groceries.csv, 9,835 baskets), imported dated one day
     * of 2019 no other test uses: a fifth held out (seeded), one item of each hidden, the rest sent as
     * an anonymous cart against one offer per product. Co-purchase finds the hidden item in the top 3
     * more often than popularity does; a second evaluation asked meanwhile is refused.
     */
    @Test
    void onTheGroceryBasketsTheStrategyCompletesMoreBasketsThanPopularity() throws Exception {
        given().contentType("text/csv").body(Files.readAllBytes(Path.of("../shared/data/groceries.csv")))
                .queryParam("format", "baskets").queryParam("timestamp", "2019-03-15T12:00:00Z")
                .post("/v1/purchases/import").then().statusCode(200).body("baskets", equalTo(9_835));

        Map<String, Object> ask = Map.of("mode", "basket_completion", "k", 3, "candidates", "products",
                "from", "2019-03-15T00:00:00Z", "until", "2019-03-16T00:00:00Z", "seed", 2026);
        Response started = given().contentType(ContentType.JSON).body(ask).post("/v1/evaluations");
        started.then().statusCode(202).body("status", equalTo("queued")).body("settings.mode", equalTo("basket_completion"))
                .body("settings.heldOutShare", equalTo(0.2f)).body("settings.sample", equalTo(10_000));
        String id = started.jsonPath().getString("id");
        assertEquals("/v1/evaluations/" + id, java.net.URI.create(started.header("Location")).getPath());

        // one at a time: the first is still reading 9,835 baskets
        given().contentType(ContentType.JSON).body(ask).post("/v1/evaluations").then().statusCode(409)
                .contentType("application/problem+json").body("status", equalTo(409))
                .body("detail", containsString("already queued or running: " + id));

        JsonPath done = awaitDone(id);
        List<Map<String, Object>> strategies = done.getList("result.strategies");
        System.out.printf("Grocery basket completion, %d held-out baskets, hit rate@3: %s; durationMs %d%n",
                done.getInt("result.cases"), strategies, done.getLong("result.durationMs"));
        assertEquals(List.of("strategy", "no_copurchase", "popularity"), done.getList("result.strategies.strategy"));
        int cases = done.getInt("result.cases");
        assertTrue(cases > 1_400 && cases < 1_800, "about a fifth of the baskets of two items or more: " + cases);
        assertEquals(cases, done.getInt("progress.done"));
        assertEquals(cases, done.getInt("progress.total"));
        assertEquals(169, done.getInt("result.modelItems"));
        assertTrue(done.getLong("result.trainingBaskets") > 7_500, "the other four fifths: " + done.getLong("result.trainingBaskets"));
        for (int i = 0; i < 3; i++) {
            String at = "result.strategies[" + i + "]";
            float value = done.getFloat(at + ".hitRate.value");
            assertTrue(done.getFloat(at + ".hitRate.low") < value && value < done.getFloat(at + ".hitRate.high"), at);
            assertTrue(done.getFloat(at + ".precision.low") < done.getFloat(at + ".precision.high"), at);
            assertEquals(value, done.getFloat(at + ".recall.value"), 1e-6, "one hidden item: recall is the hit rate");
            assertEquals(cases, done.getInt(at + ".cases"));
        }
        float strategy = done.getFloat("result.strategies[0].hitRate.value");
        float popularity = done.getFloat("result.strategies[2].hitRate.value");
        assertTrue(strategy > popularity, "strategy " + strategy + " > popularity " + popularity);
        assertTrue(strategy > done.getFloat("result.strategies[1].hitRate.value"), "co-purchase is what finds the hidden item");
        assertTrue(done.getFloat("result.strategies[0].coverage") > done.getFloat("result.strategies[2].coverage"),
                "co-purchase proposes more of the catalogue than the three most popular products and their stand-ins");

        given().get("/v1/evaluations/" + id + "/chart").then().statusCode(200).contentType("image/svg+xml")
                .body(containsString("Hit rate@3")).body(containsString("Catalogue coverage"));
    }

    /**
     * A known answer: everyone who bought A before the cut bought B after it; A and B go together in
     * earlier orders, while P is the most popular product. Decided as of the cut from their history,
     * the strategy proposes B to every one (hit rate 1); popularity and the strategy without
     * co-purchase propose P (hit rate 0). A customer who never agreed to profiling is left out, as a
     * live decision would leave out their history.
     */
    @Test
    void aTimeSplitOnAKnownHistoryHitsEveryoneWhereExpected() {
        String run = "ev" + UUID.randomUUID().toString().substring(0, 8);
        String a = run + "-a";
        String b = run + "-b";
        String p = run + "-p";
        List<Map<String, Object>> lines = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            lines.add(line(run + "-ab" + i, null, a, "2020-03-0" + (i % 9 + 1) + "T10:00:00Z"));
            lines.add(line(run + "-ab" + i, null, b, "2020-03-0" + (i % 9 + 1) + "T10:00:00Z"));
        }
        for (int i = 0; i < 30; i++) {
            lines.add(line(run + "-p" + i, null, p, "2020-04-1" + (i % 9) + "T10:00:00Z"));
        }
        List<String> customers = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            String customer = run + "-c" + i;
            customers.add(customer);
            lines.add(line(null, customer, a, "2020-05-25T09:00:00Z"));
            lines.add(line(null, customer, b, "2020-06-1" + i + "T09:00:00Z"));
        }
        given().contentType(ContentType.JSON).body(lines).post("/v1/purchases/batch").then().statusCode(201);
        customers.subList(0, 8).forEach(Consenting::grant); // the ninth never answered: no profiling
        Response liveNeighbours = given().get("/v1/models/co-purchase/neighbours/" + a);
        List<String> decisionsCounted = decisionsCounted();

        Response started = given().contentType(ContentType.JSON).body(Map.of("mode", "time_split", "k", 1,
                "candidates", "products", "cutAt", "2020-06-01T00:00:00Z", "from", "2020-01-01T00:00:00Z",
                "until", "2020-07-01T00:00:00Z")).post("/v1/evaluations");
        started.then().statusCode(202).body("settings.cutAt", equalTo("2020-06-01T00:00:00Z"));
        JsonPath done = awaitDone(started.jsonPath().getString("id"));

        assertEquals(9, done.getInt("result.eligible"));
        assertEquals(8, done.getInt("result.cases"));
        assertEquals(Map.of("no_profiling_consent", 1), done.getMap("result.skipped"));
        assertEquals(3, done.getInt("result.candidates"), "a, b and p were bought before the cut");
        assertEquals(8, done.getInt("result.strategies[0].hits"));
        assertEquals(1.0f, done.getFloat("result.strategies[0].hitRate.value"));
        assertEquals(1.0f, done.getFloat("result.strategies[0].recall.value"));
        assertTrue(done.getFloat("result.strategies[0].hitRate.low") > 0.6f, "Wilson for 8 of 8");
        assertEquals(0, done.getInt("result.strategies[1].hits"), "without co-purchase: the popular product");
        assertEquals(0, done.getInt("result.strategies[2].hits"), "popularity: the popular product");
        assertEquals(1, done.getInt("result.strategies[2].offersShown"));

        // a draft that pushes the popular product (a lever of 100) loses what the current strategy finds, beside it
        JsonPath pushed = awaitDone(given().contentType(ContentType.JSON).body(Map.of("mode", "time_split", "k", 1,
                "candidates", "products", "cutAt", "2020-06-01T00:00:00Z", "from", "2020-01-01T00:00:00Z",
                "until", "2020-07-01T00:00:00Z", "draft", Map.of("levers", Map.of("product:" + p, 100))))
                .post("/v1/evaluations").then().statusCode(202).body("settings.draft.levers.'product:" + p + "'", equalTo(100f))
                .extract().jsonPath().getString("id"));
        assertEquals(List.of("strategy", "no_copurchase", "popularity", "current"), pushed.getList("result.strategies.strategy"));
        assertEquals(0, pushed.getInt("result.strategies[0].hits"), "the draft proposes p to everyone");
        assertEquals(8, pushed.getInt("result.strategies[3].hits"), "the current strategy, beside it, still finds b");
        // a draft whose evidence fades within hours: a purchase a week before the cut no longer counts
        JsonPath forgetful = awaitDone(given().contentType(ContentType.JSON).body(Map.of("mode", "time_split", "k", 1,
                "candidates", "products", "cutAt", "2020-06-01T00:00:00Z", "from", "2020-01-01T00:00:00Z",
                "until", "2020-07-01T00:00:00Z", "draft", Map.of("recencyHalfLifeDays", 0.01)))
                .post("/v1/evaluations").then().statusCode(202).extract().jsonPath().getString("id"));
        assertEquals(0, forgetful.getInt("result.strategies[0].hits"));
        assertEquals(8, forgetful.getInt("result.strategies[3].hits"));

        // the evaluation left nothing behind: no decision recorded for them
        long decisions = pool.preparedQuery("SELECT count(*) FROM decision WHERE customer_id = ANY($1)")
                .execute(Tuple.of(customers.toArray(String[]::new))).await().atMost(Duration.ofSeconds(10))
                .iterator().next().getLong(0);
        assertEquals(0, decisions);
        // nor in the live model (Redis): a's neighbours there are what they were; nor in the decisions counted
        Response after = given().get("/v1/models/co-purchase/neighbours/" + a);
        assertEquals(liveNeighbours.statusCode(), after.statusCode());
        assertEquals(liveNeighbours.asString(), after.asString());
        assertEquals(decisionsCounted, decisionsCounted());

        // a segment nobody is in: nothing to replay, still done
        Response none = given().contentType(ContentType.JSON).body(Map.of("mode", "time_split", "segment", run + "-nobody",
                "cutAt", "2020-06-01T00:00:00Z", "from", "2020-01-01T00:00:00Z", "until", "2020-07-01T00:00:00Z"))
                .post("/v1/evaluations");
        none.then().statusCode(202);
        JsonPath empty = awaitDone(none.jsonPath().getString("id"));
        assertEquals(0, empty.getInt("result.cases"));
        assertEquals(0f, empty.getFloat("result.strategies[0].hitRate.value"));
    }

    @Test
    @InvalidRequests
    void badInputsAreProblemsNamingTheField() {
        refused(Map.of("mode", "basket_completion", "k", 0), "k");
        refused(Map.of("mode", "basket_completion", "k", 1_000), "k");
        refused(Map.of("mode", "time_split", "cutAt", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).toString()), "cutAt");
        refused(Map.of("mode", "time_split", "cutAt", "2020-06-01T00:00:00Z", "lastDays", 7), "lastDays");
        refused(Map.of("mode", "time_split", "lastDays", 0), "lastDays");
        refused(Map.of("mode", "sideways"), "mode");
        refused(Map.of("k", 3), "mode");
        refused(Map.of("mode", "basket_completion", "sample", 1_000_000), "sample");
        refused(Map.of("mode", "basket_completion", "sample", 0), "sample");
        refused(Map.of("mode", "basket_completion", "heldOutShare", 0.9), "heldOutShare");
        refused(Map.of("mode", "basket_completion", "lastDays", 7), "lastDays");
        refused(Map.of("mode", "basket_completion", "segment", "gold"), "segment");
        refused(Map.of("mode", "time_split", "heldOutShare", 0.2), "heldOutShare");
        refused(Map.of("mode", "basket_completion", "until", OffsetDateTime.now(ZoneOffset.UTC).plusDays(2).toString()), "until");
        refused(Map.of("mode", "basket_completion", "from", "2020-02-01T00:00:00Z", "until", "2020-01-01T00:00:00Z"), "from");
        refused(Map.of("mode", "time_split", "cutAt", "2020-06-01T00:00:00Z", "until", "2020-05-01T00:00:00Z"), "until");
        // at most the model window (pertinence.model.window, 730 days) read on either side of a cut, or in all
        refused(Map.of("mode", "basket_completion", "from", "1900-01-01T00:00:00Z", "until", "2020-01-01T00:00:00Z"), "from");
        refused(Map.of("mode", "time_split", "cutAt", "2020-06-01T00:00:00Z", "from", "1900-01-01T00:00:00Z",
                "until", "2020-07-01T00:00:00Z"), "from");
        refused(Map.of("mode", "time_split", "cutAt", "1990-06-01T00:00:00Z", "until", "2020-07-01T00:00:00Z"), "until");
        given().contentType(ContentType.JSON).body(Map.of("mode", "basket_completion", "from", "1900-01-01T00:00:00Z",
                "until", "2020-01-01T00:00:00Z")).post("/v1/evaluations").then().statusCode(400)
                .body("detail", containsString("pertinence.model.window"));
        refused(Map.of("mode", "basket_completion", "channel", "fax"), "channel");
        refused(Map.of("mode", "basket_completion", "draft", Map.of("levers", Map.of("ev-no-such-offer", 2))), "draft.levers");
        refused(Map.of("mode", "basket_completion", "candidates", "products", "draft", Map.of("levers", Map.of("whole-milk", 2))),
                "draft.levers");
        refused(Map.of("mode", "basket_completion", "draft", Map.of("popularityWeight", 2)), "draft.popularityWeight");

        given().get("/v1/evaluations/not-a-uuid").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("id"));
        given().get("/v1/evaluations/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json");
        given().get("/v1/evaluations/" + UUID.randomUUID() + "/chart").then().statusCode(404);
    }

    /**
     * One at a time across replicas (a row another replica is running refuses a new one); a job
     * whose replica stopped (its heartbeat older than pertinence.evaluation.abandoned-after) is marked
     * failed with why, and no longer blocks the next one; a failed job has no chart (409).
     */
    @Test
    void aRunningEvaluationRefusesAnotherUntilItsReplicaIsFoundStopped() {
        UUID elsewhere = UUID.randomUUID();
        JsonObject settings = new JsonObject(Map.of("mode", "BASKET_COMPLETION", "k", 3, "channel", "web", "placement", "home",
                "candidates", "OFFERS", "from", "2020-01-01T00:00:00Z", "until", "2020-01-02T00:00:00Z", "sample", 10,
                "seed", 1, "heldOutShare", 0.2));
        pool.preparedQuery("""
                INSERT INTO evaluation (id, status, mode, settings, requested_at, started_at, heartbeat_at)
                VALUES ($1, 'running', 'basket_completion', $2, now(), now(), now())""")
                .execute(Tuple.of(elsewhere, settings)).await().atMost(Duration.ofSeconds(10));
        Map<String, Object> ask = new HashMap<>(Map.of("mode", "basket_completion", "from", "2020-01-01T00:00:00Z",
                "until", "2020-01-02T00:00:00Z"));
        given().contentType(ContentType.JSON).body(ask).post("/v1/evaluations").then().statusCode(409)
                .contentType("application/problem+json").body("detail", containsString(elsewhere.toString()));
        given().get("/v1/evaluations/" + elsewhere).then().statusCode(200).body("status", equalTo("running"));
        given().get("/v1/evaluations/" + elsewhere + "/chart").then().statusCode(409).contentType("application/problem+json");

        // its replica stopped two minutes ago
        pool.preparedQuery("UPDATE evaluation SET heartbeat_at = now() - interval '2 minutes' WHERE id = $1")
                .execute(Tuple.of(elsewhere)).await().atMost(Duration.ofSeconds(10));
        Response started = given().contentType(ContentType.JSON).body(ask).post("/v1/evaluations");
        started.then().statusCode(202);
        given().get("/v1/evaluations/" + elsewhere).then().statusCode(200).body("status", equalTo("failed"))
                .body("error", containsString("abandoned: the service running it stopped"));
        JsonPath done = awaitDone(started.jsonPath().getString("id"));
        assertEquals(0, done.getInt("result.cases"), "nothing was bought that day");
        assertNotNull(done.getString("finishedAt"));
    }

    /**
     * Work before the replay loop (here the first fetch of the baskets, held back by a lock on the
     * purchase table) sends no progress; the job's heartbeat still ticks every progress interval, so
     * no replica's sweep takes it for abandoned.
     */
    @Test
    void aJobSlowBeforeItsFirstCaseKeepsItsHeartbeatFresh() throws Exception {
        String id;
        SqlConnection locker = lockPurchases();
        try {
            id = given().contentType(ContentType.JSON).body(Map.of("mode", "basket_completion", "from", "2021-02-01T00:00:00Z",
                    "until", "2021-02-02T00:00:00Z")).post("/v1/evaluations").then().statusCode(202)
                    .extract().jsonPath().getString("id");
            awaitStatus(id, "running");
            Thread.sleep(500);
            OffsetDateTime first = heartbeat(id);
            Thread.sleep(4_500); // two progress intervals (2 s) and more
            OffsetDateTime later = heartbeat(id);
            assertTrue(Duration.between(first, later).toMillis() >= 2_000,
                    "the heartbeat ticks while the history is read: " + first + " then " + later);
        } finally {
            release(locker);
        }
        awaitDone(id);
    }

    /**
     * A job found swept or taken over (its row no longer queued or running: here marked failed while
     * its history is read) stops, says so, and neither claims nor writes a result.
     */
    @Test
    void aJobWhoseRowWasMarkedFailedStopsWithoutAResult() throws Exception {
        List<String> logged = java.util.Collections.synchronizedList(new ArrayList<>());
        java.util.logging.Logger jul = java.util.logging.Logger.getLogger(
                dev.pertinence.evaluation.service.EvaluationService.class.getName());
        java.util.logging.Handler handler = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord record) {
                logged.add(record.getMessage() + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        jul.addHandler(handler);
        String id;
        try {
            SqlConnection locker = lockPurchases();
            try {
                id = given().contentType(ContentType.JSON).body(Map.of("mode", "basket_completion", "from", "2021-03-01T00:00:00Z",
                        "until", "2021-03-02T00:00:00Z")).post("/v1/evaluations").then().statusCode(202)
                        .extract().jsonPath().getString("id");
                awaitStatus(id, "running");
                // swept by another replica, which may have started one of its own
                pool.preparedQuery("UPDATE evaluation SET status = 'failed', finished_at = now(), error = 'swept by a test' WHERE id = $1")
                        .execute(Tuple.of(UUID.fromString(id))).await().atMost(Duration.ofSeconds(10));
                Thread.sleep(3_000); // a heartbeat tick finds the row gone
            } finally {
                release(locker);
            }
            // the next job runs on the same worker thread, once the first has ended
            awaitDone(given().contentType(ContentType.JSON).body(Map.of("mode", "basket_completion",
                    "from", "2021-03-01T00:00:00Z", "until", "2021-03-02T00:00:00Z")).post("/v1/evaluations")
                    .then().statusCode(202).extract().jsonPath().getString("id"));
        } finally {
            jul.removeHandler(handler);
        }
        given().get("/v1/evaluations/" + id).then().statusCode(200).body("status", equalTo("failed"))
                .body("error", equalTo("swept by a test")).body("result", org.hamcrest.Matchers.nullValue());
        List<String> about = logged.stream().filter(line -> line.contains(id)).toList();
        assertTrue(about.stream().anyMatch(line -> line.contains("stopped")), "it says it stopped: " + about);
        assertTrue(about.stream().noneMatch(line -> line.contains(" done")), "it does not claim it is done: " + about);
    }

    /** Holds an exclusive lock on the purchase table (every read of it waits) until released. */
    private SqlConnection lockPurchases() {
        SqlConnection connection = pool.getConnection().await().atMost(Duration.ofSeconds(10));
        connection.query("BEGIN").execute().await().atMost(Duration.ofSeconds(10));
        connection.query("LOCK TABLE purchase IN ACCESS EXCLUSIVE MODE").execute().await().atMost(Duration.ofSeconds(30));
        return connection;
    }

    private static void release(SqlConnection connection) {
        try {
            connection.query("ROLLBACK").execute().await().atMost(Duration.ofSeconds(10));
        } finally {
            connection.close().await().atMost(Duration.ofSeconds(10));
        }
    }

    private OffsetDateTime heartbeat(String id) {
        return pool.preparedQuery("SELECT heartbeat_at FROM evaluation WHERE id = $1").execute(Tuple.of(UUID.fromString(id)))
                .await().atMost(Duration.ofSeconds(10)).iterator().next().getOffsetDateTime(0);
    }

    private static void awaitStatus(String id, String status) {
        Await.until("evaluation " + id + " " + status, Duration.ofSeconds(30),
                () -> status.equals(given().get("/v1/evaluations/" + id).then().statusCode(200).extract().path("status")));
    }

    private static List<String> decisionsCounted() {
        return given().get("/q/metrics").asString().lines().filter(line -> line.startsWith("pertinence_decisions_total")).toList();
    }

    private static void refused(Map<String, Object> body, String field) {
        given().contentType(ContentType.JSON).body(body).post("/v1/evaluations").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400)).body("field", equalTo(field));
    }

    private static Map<String, Object> line(String order, String customer, String sku, String at) {
        Map<String, Object> line = new HashMap<>(Map.of("sku", sku, "purchasedAt", at, "quantity", 1));
        if (order != null) {
            line.put("orderId", order);
        }
        if (customer != null) {
            line.put("customerId", customer);
        }
        return line;
    }

    private static JsonPath awaitDone(String id) {
        JsonPath[] found = new JsonPath[1];
        Await.until("evaluation " + id, Duration.ofSeconds(180), () -> {
            found[0] = given().get("/v1/evaluations/" + id).then().statusCode(200).extract().jsonPath();
            return !List.of("queued", "running").contains(found[0].getString("status"));
        });
        assertEquals("done", found[0].getString("status"), found[0].prettify());
        return found[0];
    }
}
