package dev.pertinence.decide.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import dev.pertinence.common.TimeOrderedId;
import dev.pertinence.common.Tokens;
import dev.pertinence.common.openapi.InvalidRequests;
import dev.pertinence.common.security.Roles;
import dev.pertinence.consent.Consenting;
import dev.pertinence.decide.service.DecisionRetention;
import dev.pertinence.decide.store.DecisionHistory;
import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The decision audit end to end on real PostgreSQL and Redis: a decision read back exactly as it was
 * answered, also while still queued in the recorder; a person's decisions paged newest first by an
 * identifier; the errors; the roles; the retention purge. Customers da-*, offers da-*, placements da-*.
 */
@QuarkusTest
class DecisionAuditTest {

    @Inject
    Pool pool;

    @Inject
    DecisionRetention retention;

    @Inject
    DecisionHistory history;

    @Test
    void aDecisionReadsBackExactlyAsItWasAnsweredEvenWhileStillQueued() {
        offer("da-offer-hello", "da-slot", "Hello {customer.firstName}, a tripod for your camera", "da-cat-tripod", 8);
        offer("da-offer-bag", "da-slot", "A bag for every lens", "da-cat-bag", 5);
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Annabel", "segments", List.of("da-gold")))
                .put("/v1/customers/da-ann").then().statusCode(either(equalTo(200)).or(equalTo(201)));
        Consenting.grant("da-ann");
        Customers.link("da-ann", "loyalty", "DA 0001").then().statusCode(201);
        String experiment = given().contentType(ContentType.JSON).body(Map.of("name", "Audit", "channels", List.of("web"),
                        "placements", List.of("da-slot"), "arms", List.of(
                                Map.of("name", "one", "share", 50, "strategy", "personalised"),
                                Map.of("name", "two", "share", 50, "strategy", "personalised"))))
                .post("/v1/experiments").then().statusCode(201).extract().jsonPath().getString("id");
        Map<String, Object> context = Map.of("time", "2026-11-27T18:45:00+01:00", "cart", List.of("da-sku-camera", "da-sku-card"),
                "currentProduct", "da-sku-lens", "location", Map.of("lat", 48.8566, "lon", 2.3522), "storeId", "da-store-7",
                "device", "da-phone");

        // until one is seen still queued when read (the recorder writes every 200 ms): read at once, it is written first
        int readWhileQueued = 0;
        String last = null;
        for (int attempt = 0; attempt < 20 && readWhileQueued == 0; attempt++) {
            JsonPath answered = given().contentType(ContentType.JSON).body(Map.of("customerId", "loyalty:DA0001", "channel", "web",
                            "placement", "da-slot", "context", context, "explain", true))
                    .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
            String id = answered.getString("decisionId");
            last = id;
            boolean queued = rows("SELECT count(*) FROM decision WHERE id = $1::uuid", id) == 0;
            JsonPath past = given().get("/v1/decisions/" + id).then().statusCode(200).extract().jsonPath();
            readWhileQueued += queued ? 1 : 0;

            assertEquals(id, past.getString("decisionId"));
            assertEquals("da-ann", past.getString("customerId"), "the customer as resolved from the loyalty card");
            assertEquals("da-gold", past.getString("segment"));
            for (String field : List.of("channel", "placement", "modelVersion", "decidedAt", "notes", "degraded", "experiment")) {
                assertEquals((Object) answered.get(field), past.get(field), field);
            }
            assertEquals(experiment, past.getString("experiment.experimentId"));
            assertTrue(List.of("one", "two").contains(past.getString("experiment.arm")), past.prettify());
            List<Map<String, Object>> offers = answered.getList("offers");
            assertFalse(offers.isEmpty(), answered.prettify());
            assertEquals(offers, asAnswered(past), "every offer exactly as answered: rank, title, message, score, factors, reasons");
            Map<String, Object> hello = past.getMap("offers.find { it.offerId == 'da-offer-hello' }");
            assertEquals("Hello Annabel, a tripod for your camera", hello.get("message"), "the message as shown, naming her");
            assertFalse(((List<?>) hello.get("reasons")).isEmpty(), hello.toString());
            assertEquals(8.0, ((Number) ((Map<?, ?>) hello.get("factors")).get("value")).doubleValue(), 1e-9);
            assertEquals(OffsetDateTime.parse("2026-11-27T18:45:00+01:00").toInstant(),
                    OffsetDateTime.parse(past.getString("context.time")).toInstant(), "the caller's time");
            assertEquals(List.of("da-sku-camera", "da-sku-card"), past.getList("context.cart"));
            assertEquals("da-sku-lens", past.getString("context.currentProduct"));
            assertEquals(48.8566, past.getDouble("context.location.lat"), 1e-9);
            assertEquals(2.3522, past.getDouble("context.location.lon"), 1e-9);
            assertEquals("da-store-7", past.getString("context.storeId"));
            assertEquals("da-phone", past.getString("context.device"));
            assertEquals("answer", past.getString("kept"));
            assertNull(past.get("explanation"), "what was left out is not kept");
        }
        assertTrue(readWhileQueued > 0, "at least one decision was read while it waited in the recorder's queue");
        // what the audit costs in the row (docs/benchmarks.md): the answer's stored size beside the offers column's
        var size = pool.preparedQuery("SELECT pg_column_size(answer) AS answer, pg_column_size(offers) AS offers, "
                + "jsonb_array_length(offers) AS n, octet_length(answer::text) AS text FROM decision WHERE id = $1::uuid")
                .execute(Tuple.of(last)).await().indefinitely().iterator().next();
        System.out.printf("decision audit: %d offers, answer %d bytes stored (%d as text), offers column %d bytes%n",
                size.getInteger("n"), size.getInteger("answer"), size.getInteger("text"), size.getInteger("offers"));
        assertTrue(size.getInteger("answer") < 600 * size.getInteger("n") + 400, "compact: " + size.toJson());

        // anonymous, without context: no customer, the decision's own time as context time
        JsonPath anonymous = given().contentType(ContentType.JSON).body(Map.of("channel", "web", "placement", "da-slot"))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
        JsonPath past = given().get("/v1/decisions/" + anonymous.getString("decisionId")).then().statusCode(200).extract().jsonPath();
        assertNull(past.get("customerId"));
        assertEquals("anonymous", past.getString("segment"));
        Duration apart = Duration.between(Instant.parse(anonymous.getString("decidedAt")),
                OffsetDateTime.parse(past.getString("context.time")).toInstant()).abs();
        assertTrue(apart.compareTo(Duration.ofSeconds(5)) < 0, "no time sent: the moment it was decided, " + apart);
        assertNull(past.get("context.cart"));
        assertEquals((Object) anonymous.get("offers"), asAnswered(past));
        assertEquals((Object) anonymous.get("notes"), past.get("notes"));
    }

    @Test
    @InvalidRequests
    void unknownIsNotFoundAndMalformedIsABadRequest() {
        given().get("/v1/decisions/" + UUID.randomUUID()).then().statusCode(404).contentType("application/problem+json")
                .body("status", equalTo(404)).body("field", equalTo("decisionId"));
        // an id made a moment ago that no replica recorded: waited for (decision-wait), then unknown
        long started = System.nanoTime();
        given().get("/v1/decisions/" + TimeOrderedId.at(Instant.now())).then().statusCode(404)
                .contentType("application/problem+json").body("field", equalTo("decisionId"));
        assertTrue(System.nanoTime() - started >= Duration.ofMillis(1_500).toNanos(), "waited for other replicas' flush");
        for (String bad : List.of("not-a-uuid", "1-1-1-1-1", "0000000000000000000000000000000000000")) {
            given().get("/v1/decisions/" + bad).then().statusCode(400).contentType("application/problem+json")
                    .body("status", equalTo(400)).body("field", equalTo("decisionId")).body("title", equalTo("Invalid request"));
        }
        given().get("/v1/customers/da-nobody/decisions").then().statusCode(404).contentType("application/problem+json")
                .body("field", equalTo("id"));
        given().queryParam("cursor", "garbage!").get("/v1/customers/da-ann/decisions").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("cursor"));
        for (int limit : List.of(0, 101)) {
            given().queryParam("limit", limit).get("/v1/customers/da-ann/decisions").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("limit"));
        }
    }

    @Test
    void aPersonsDecisionsArePagedNewestFirstByAnyIdentifier() {
        offer("da-offer-page", "da-page", "Paged", "da-cat-page", 3);
        Customers.customer("da-paul");
        Customers.link("da-paul", "email", "da.paul@example.com").then().statusCode(201);
        Consenting.grant("da-paul");
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            made.add(given().contentType(ContentType.JSON).body(Map.of("customerId", "da-paul", "channel", "web", "placement", "da-page"))
                    .post("/v1/decisions").then().statusCode(200).extract().jsonPath().getString("decisionId"));
        }
        List<String> newestFirst = new ArrayList<>(made);
        java.util.Collections.reverse(newestFirst);

        // at once: the queued ones are written first
        JsonPath all = given().get("/v1/customers/email:da.paul@example.com/decisions").then().statusCode(200).extract().jsonPath();
        assertEquals("da-paul", all.getString("customerId"));
        assertEquals(newestFirst, all.getList("decisions.decisionId"));
        assertNull(all.get("next"));
        // the oldest: the offer's per-person cap held it back from the later ones
        assertEquals(List.of("da-offer-page"), all.getList("decisions[4].offers.offerId"));
        assertEquals("Paged", all.getString("decisions[4].offers[0].message"));

        List<String> paged = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            JsonPath page = request.get("/v1/customers/email:da.paul@example.com/decisions").then().statusCode(200).extract().jsonPath();
            paged.addAll(page.getList("decisions.decisionId"));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null && pages < 10);
        assertEquals(newestFirst, paged, "pages of 2, newest first, nothing twice or missed");
        assertEquals(3, pages, "2 + 2 + 1");
    }

    @Test
    void theRolesAreThoseOfExposures() {
        offer("da-offer-roles", "da-roles", "Roles", "da-cat-roles", 3);
        Customers.customer("da-rita");
        String id = given().contentType(ContentType.JSON).body(Map.of("customerId", "da-rita", "channel", "web", "placement", "da-roles"))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath().getString("decisionId");
        for (String role : List.of(Roles.DECISION_CLIENT, Roles.PRIVACY_OFFICER)) {
            given().header("Authorization", "Bearer " + Tokens.of(role)).get("/v1/decisions/" + id).then().statusCode(200);
            given().header("Authorization", "Bearer " + Tokens.of(role)).get("/v1/customers/da-rita/decisions").then().statusCode(200)
                    .body("decisions[0].decisionId", equalTo(id));
        }
        for (String role : List.of(Roles.MARKETER, Roles.DATA_INGEST)) {
            given().header("Authorization", "Bearer " + Tokens.of(role)).get("/v1/decisions/" + id).then().statusCode(403)
                    .contentType("application/problem+json");
            given().header("Authorization", "Bearer " + Tokens.of(role)).get("/v1/customers/da-rita/decisions").then().statusCode(403)
                    .contentType("application/problem+json");
        }
    }

    @Test
    void theRetentionPurgeDeletesOldAnswersOnlyAndKeepsWhatAttributesOutcomes() {
        offer("da-offer-old", "da-old", "Old", "da-cat-old", 4);
        Customers.customer("da-olga");
        String gone = decide("da-olga", "da-old");
        String attributed = decide("da-olga", "da-old");
        String recent = decide("da-olga", "da-old");
        given().contentType(ContentType.JSON).body(Map.of("eventId", "da-ev-old-1", "offerId", "da-offer-old", "type", "impression"))
                .post("/v1/decisions/" + attributed + "/outcomes").then().statusCode(201);
        given().contentType(ContentType.JSON).body(Map.of("eventId", "da-ev-old-2", "offerId", "da-offer-old", "type", "accept"))
                .post("/v1/decisions/" + attributed + "/outcomes").then().statusCode(201);
        Await.until("the decisions recorded", Duration.ofSeconds(10),
                () -> rows("SELECT count(*) FROM decision WHERE id IN ($1::uuid, '" + attributed + "', '" + recent + "')", gone) == 3);
        pool.preparedQuery("UPDATE decision SET decided_at = decided_at - interval '100 days' WHERE id IN ($1::uuid, $2::uuid)")
                .execute(Tuple.of(gone, attributed)).await().indefinitely();
        String performance = given().get("/v1/offers/da-offer-old/performance").then().statusCode(200).extract().asString();
        String exposures = given().get("/v1/customers/da-olga/exposures").then().statusCode(200).extract().asString();
        JsonPath before = given().get("/v1/decisions/" + attributed).then().statusCode(200).extract().jsonPath();

        Instant cutoff = Instant.now().minus(90, ChronoUnit.DAYS);
        assertEquals(1, history.purge(cutoff, 1).await().indefinitely().total(), "a batch touches at most its size");
        retention.purge(cutoff, 100).await().indefinitely();
        assertEquals(0, history.purge(cutoff, 100).await().indefinitely().total(), "nothing past the retention is left");

        given().get("/v1/decisions/" + gone).then().statusCode(404).contentType("application/problem+json");
        JsonPath kept = given().get("/v1/decisions/" + attributed).then().statusCode(200).extract().jsonPath();
        assertEquals("attribution", kept.getString("kept"));
        assertEquals("da-olga", kept.getString("customerId"));
        for (String field : List.of("channel", "placement", "segment", "decidedAt", "offers.offerId", "offers.rank", "offers.score")) {
            assertEquals((Object) before.get(field), kept.get(field), field);
        }
        for (String field : List.of("context", "notes", "degraded", "offers[0].title", "offers[0].message", "offers[0].reasons",
                "offers[0].factors")) {
            assertNull(kept.get(field), field + " deleted with the answer");
        }
        given().get("/v1/decisions/" + recent).then().statusCode(200).body("kept", equalTo("answer"))
                .body("offers[0].message", equalTo("Old"));
        assertEquals(performance, given().get("/v1/offers/da-offer-old/performance").then().statusCode(200).extract().asString(),
                "offer performance is unchanged");
        assertEquals(exposures, given().get("/v1/customers/da-olga/exposures").then().statusCode(200).extract().asString(),
                "exposures are unchanged");
        given().get("/v1/customers/da-olga/decisions").then().statusCode(200)
                .body("decisions.decisionId", equalTo(List.of(recent, attributed)));
        // an outcome for the kept one is still attributed (a duplicate of the stored one)
        given().contentType(ContentType.JSON).body(Map.of("eventId", "da-ev-old-3", "offerId", "da-offer-old", "type", "accept"))
                .post("/v1/decisions/" + attributed + "/outcomes").then().statusCode(200).body("status", equalTo("duplicate"));
    }

    private static String decide(String customer, String placement) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", customer, "channel", "web", "placement", placement))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath().getString("decisionId");
    }

    private static void offer(String id, String placement, String message, String category, int value) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Title of " + id, "message", message, "category", category,
                "channels", List.of("web"), "placements", List.of(placement), "businessValue", value));
        given().contentType(ContentType.JSON).body(body).put("/v1/offers/" + id).then()
                .statusCode(either(equalTo(200)).or(equalTo(201)));
    }

    private long rows(String sql, String id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }

    /**
     * The audit's offers without what only the audit says: the propensity each was shown with (1 here: no strategy of
     * these tests explores).
     */
    private static List<Map<String, Object>> asAnswered(JsonPath past) {
        List<Map<String, Object>> offers = new java.util.ArrayList<>();
        for (Map<String, Object> offer : past.<Map<String, Object>>getList("offers")) {
            Map<String, Object> answered = new java.util.LinkedHashMap<>(offer);
            assertEquals(1.0f, answered.remove("propensity"), "a strategy that does not explore shows with probability 1");
            offers.add(answered);
        }
        return offers;
    }
}
