package dev.pertinence.outcome.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.TimeOrderedId;
import dev.pertinence.consent.Consenting;
import dev.pertinence.outcome.service.OutcomeSweep;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.quarkus.test.junit.QuarkusTest;
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
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The feedback loop end to end on real PostgreSQL and Redis: channels store and email, placement
 * fb-slot, which no other test uses; each test has its own customers and segment.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FeedbackLoopTest {

    private static final String[] OFFERS = {"fb-a", "fb-b", "fb-c", "fb-d"};

    @Inject
    Pool pool;

    @Inject
    Redis redis;

    @Inject
    OutcomeSweep sweep;

    private boolean seeded;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        double[] values = {10, 8, 6, 4};
        for (int i = 0; i < OFFERS.length; i++) {
            given().contentType(ContentType.JSON).body("""
                    {"title": "Offer %s", "message": "Take %s", "category": "cat-%s", "channels": ["store", "email"],
                     "placements": ["fb-slot"], "businessValue": %s}""".formatted(OFFERS[i], OFFERS[i], OFFERS[i], values[i]))
                    .put("/v1/offers/" + OFFERS[i]).then().statusCode(anyOf(200, 201));
        }
        given().contentType(ContentType.JSON).body("""
                {"title": "Sweep", "message": "m", "category": "cat-sweep", "channels": ["store"], "placements": ["fb-slot"],
                 "businessValue": 0.5}""").put("/v1/offers/fb-sweep").then().statusCode(anyOf(200, 201));
    }

    @Test
    void anAcceptedOutcomeRaisesThatOffersPropensityInTheNextDecision() {
        customer("fb-learn-1", "fb-seg-learn");
        customer("fb-learn-2", "fb-seg-learn");
        JsonPath before = decide("fb-learn-1", "store", 4);
        assertEquals(List.of("fb-a", "fb-b", "fb-c", "fb-d"), before.getList("offers.offerId"));
        assertEquals(1.0, before.getDouble("offers[2].factors.learnedLift"), 1e-9);
        double propensityBefore = before.getDouble("offers[2].factors.propensity");

        String decision = before.getString("decisionId");
        outcome(decision, "fb-learn-1-shown", "fb-c", "impression").then().statusCode(201);
        outcome(decision, "fb-learn-1-yes", "fb-c", "accept").then().statusCode(201);

        JsonPath after = decide("fb-learn-2", "store", 4); // same segment, another person
        assertEquals(List.of("fb-c", "fb-a", "fb-b", "fb-d"), after.getList("offers.offerId"));
        double lift = (1 + 1.0) / (1 + 1 + 19) / 0.05;
        assertEquals(lift, after.getDouble("offers[0].factors.learnedLift"), 1e-6); // JSON paths read floats
        assertEquals(propensityBefore * lift, after.getDouble("offers[0].factors.propensity"), 1e-6);
        assertTrue(after.getList("offers[0].reasons").contains("Accepted in 1 of 1 impressions in segment fb-seg-learn: learned lift 1.9"),
                after.getList("offers[0].reasons").toString());
    }

    @Test
    void aRefusedOfferDisappearsForTheSuppressionPeriod() {
        customer("fb-refuser", "fb-seg-refuse");
        JsonPath first = decide("fb-refuser", "store", 1);
        assertEquals("fb-a", first.getString("offers[0].offerId"));
        outcome(first.getString("decisionId"), "fb-refuser-no", "fb-a", "refuse").then().statusCode(201);

        JsonPath next = given().contentType(ContentType.JSON)
                .body("{\"customerId\": \"fb-refuser\", \"channel\": \"store\", \"placement\": \"fb-slot\", \"limit\": 4, \"explain\": true}")
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
        assertTrue(!next.getList("offers.offerId").contains("fb-a"), next.getList("offers.offerId").toString());
        Map<String, Object> dropped = next.getMap("explanation.dropped.find { it.offerId == 'fb-a' }");
        assertEquals("SUPPRESSED", dropped.get("reason"));
        assertTrue(((String) dropped.get("detail")).startsWith("refused once: suppressed until "
                + Instant.now().plus(30, ChronoUnit.DAYS).toString().substring(0, 10)), (String) dropped.get("detail"));
    }

    @Test
    void capsHoldUnderFiftyConcurrentDecisionsForOnePerson() {
        customer("fb-busy", "fb-seg-busy");
        List<JsonPath> store = concurrently(50, "{\"customerId\": \"fb-busy\", \"channel\": \"store\", \"placement\": \"fb-slot\", \"limit\": 4}");
        Map<String, Integer> shown = new HashMap<>();
        int contacts = 0;
        int exposures = 0;
        for (JsonPath decision : store) {
            List<String> offers = decision.getList("offers.offerId");
            offers.forEach(offer -> shown.merge(offer, 1, Integer::sum));
            contacts += offers.isEmpty() ? 0 : 1;
            exposures += offers.size();
        }
        // at most 3 exposures of an offer per 7 days, however the 50 decisions interleave; the best offer reaches it
        shown.forEach((offer, times) -> assertTrue(times <= 3, "exposures of " + offer + " in " + shown));
        assertEquals(3, shown.get("fb-a"), shown.toString());
        assertTrue(contacts <= 30, "daily cap: " + contacts);
        // one reservation per offer proposed, and the version member the reservations check
        assertEquals(exposures + 1, redisCount(Command.ZCARD, "pertinence:{c:fb-busy}:contacts"));

        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        java.util.regex.Matcher recounted = java.util.regex.Pattern
                .compile("pertinence_contact_reservations_total\\{path=\"recounted\",?} ([0-9.E]+)").matcher(metrics);
        assertTrue(recounted.find() && Double.parseDouble(recounted.group(1)) > 0, "racing decisions counted again");

        customer("fb-mailed", "fb-seg-busy");
        List<JsonPath> email = concurrently(50, "{\"customerId\": \"fb-mailed\", \"channel\": \"email\", \"placement\": \"fb-slot\"}");
        long withOffers = email.stream().filter(decision -> !decision.getList("offers").isEmpty()).count();
        assertEquals(1, withOffers, "one email a week, however many decisions race for it");
        // each loser says why: it either read the winner's reservation or lost the reservation race
        email.stream().filter(decision -> decision.getList("offers").isEmpty()).forEach(decision -> {
            List<String> notes = decision.getList("notes");
            assertTrue(notes.contains("Contact cap reached: at most 1 per 7 days on email")
                    || notes.stream().anyMatch(note -> note.endsWith("withdrawn: a concurrent decision reached a contact cap first")),
                    notes.toString());
        });
        // and once the race is over, the cap itself is the reason
        assertTrue(decide("fb-mailed", "email", 3).getList("notes").contains("Contact cap reached: at most 1 per 7 days on email"));
    }

    @Test

    @InvalidRequests
    void anOffersOwnFrequencyCapHolds() {
        given().contentType(ContentType.JSON).body("""
                {"title": "Once a fortnight", "message": "m", "channels": ["store"], "placements": ["fb-freq"],
                 "businessValue": 50, "frequencyCap": {"count": 1, "period": "P14D"}}""")
                .put("/v1/offers/fb-rare").then().statusCode(anyOf(200, 201))
                .body("frequencyCap.count", equalTo(1)).body("frequencyCap.period", equalTo("P14D"));
        customer("fb-freq-1", "fb-seg-freq");
        JsonPath first = given().contentType(ContentType.JSON)
                .body("{\"customerId\": \"fb-freq-1\", \"channel\": \"store\", \"placement\": \"fb-freq\"}")
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
        assertEquals("fb-rare", first.getString("offers[0].offerId"));
        JsonPath second = given().contentType(ContentType.JSON)
                .body("{\"customerId\": \"fb-freq-1\", \"channel\": \"store\", \"placement\": \"fb-freq\", \"explain\": true}")
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
        assertTrue(!second.getList("offers.offerId").contains("fb-rare"), second.getList("offers.offerId").toString());
        assertEquals("shown 1 times to this person: at most 1 per 14 days",
                second.getString("explanation.dropped.find { it.offerId == 'fb-rare' }.detail"));

        for (String bad : List.of("{\"count\": 0, \"period\": \"P7D\"}", "{\"count\": 1, \"period\": \"P60D\"}",
                "{\"count\": 1, \"period\": \"PT5M\"}", "{\"count\": 1}", "{\"count\": 1, \"period\": \"soon\"}")) {
            given().contentType(ContentType.JSON).body("""
                    {"title": "t", "message": "m", "channels": ["store"], "businessValue": 1, "frequencyCap": %s}""".formatted(bad))
                    .put("/v1/offers/fb-bad-cap").then().statusCode(400).contentType("application/problem+json")
                    .body("field", org.hamcrest.Matchers.startsWith("frequencyCap"));
        }
    }

    @Test
    void anOutcomeRetriedThreeTimesCountsOnce() {
        customer("fb-retry", "fb-seg-retry");
        String decision = decide("fb-retry", "store", 2).getString("decisionId");
        // straight after the decision: it may still be queued for its batched insert
        outcome(decision, "fb-retry-event", "fb-b", "impression").then().statusCode(201).body("status", equalTo("recorded"));
        outcome(decision, "fb-retry-event", "fb-b", "impression").then().statusCode(200).body("status", equalTo("duplicate"));
        given().contentType(ContentType.JSON).body("{\"outcomes\": [" + item(decision, "fb-retry-event", "fb-b", "impression") + "]}")
                .post("/v1/outcomes").then().statusCode(200).body("recorded", equalTo(0)).body("duplicates", equalTo(1));

        assertEquals(1, count("SELECT count(*) FROM outcome WHERE event_id = 'fb-retry-event'"));
        assertEquals(1, count("SELECT count(*) FROM exposure WHERE customer_id = 'fb-retry'"));
        assertEquals("1", redisString(Command.HGET, "pertinence:{o:fb-b}:responses", "fb-seg-retry|store|impression"));
        JsonPath performance = given().get("/v1/offers/fb-b/performance").then().statusCode(200).extract().jsonPath();
        assertEquals(1, performance.getInt("bySegment.find { it.segment == 'fb-seg-retry' }.figures.impressions"));
    }

    @Test

    @InvalidRequests
    void exposureHistoryListsExactlyWhatWasShownNewestFirst() {
        customer("fb-seen", "fb-seg-seen");
        JsonPath decision = decide("fb-seen", "store", 3);
        String id = decision.getString("decisionId");
        Instant t1 = Instant.now().minusSeconds(20).truncatedTo(ChronoUnit.MILLIS);
        Instant t2 = t1.plusSeconds(10);
        outcomeAt(id, "fb-seen-1", "fb-a", "impression", t1).then().statusCode(201);
        outcomeAt(id, "fb-seen-2", "fb-c", "impression", t2).then().statusCode(201);
        outcomeAt(id, "fb-seen-3", "fb-a", "click", t2.plusSeconds(1)).then().statusCode(201);

        JsonPath history = given().get("/v1/customers/fb-seen/exposures").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("fb-c", "fb-a"), history.getList("exposures.offerId"), "fb-b was proposed, never shown");
        assertEquals(List.of(t2.toString(), t1.toString()), history.getList("exposures.shownAt"));
        assertEquals("click", history.getString("exposures[1].response"));
        assertEquals("store", history.getString("exposures[0].channel"));
        assertEquals("Offer fb-c", history.getString("exposures[0].title"));
        assertEquals(id, history.getString("exposures[0].decisionId"));

        JsonPath page1 = given().queryParam("limit", 1).get("/v1/customers/fb-seen/exposures").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("fb-c"), page1.getList("exposures.offerId"));
        JsonPath page2 = given().queryParam("limit", 1).queryParam("cursor", page1.getString("next"))
                .get("/v1/customers/fb-seen/exposures").then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("fb-a"), page2.getList("exposures.offerId"));
        given().queryParam("limit", 1).queryParam("cursor", page2.getString("next")).get("/v1/customers/fb-seen/exposures")
                .then().statusCode(200).body("exposures.size()", equalTo(0)).body("next", equalTo(null));

        // fb-c was seen without an answer: its novelty drops in the next decision, the clicked fb-a keeps its own
        JsonPath next = decide("fb-seen", "store", 4);
        Map<String, Object> c = next.getMap("offers.find { it.offerId == 'fb-c' }");
        assertTrue((Float) ((Map<?, ?>) c.get("factors")).get("novelty") < 1f, c.toString());
        assertTrue(((List<?>) c.get("reasons")).contains("Shown 1 time lately without a response: novelty 0.50"), c.toString());
        assertEquals(1.0, next.getDouble("offers.find { it.offerId == 'fb-a' }.factors.novelty"), 1e-9);

        given().get("/v1/customers/fb-nobody/exposures").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("cursor", "garbage!").get("/v1/customers/fb-seen/exposures").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("cursor"));
        given().queryParam("limit", 0).get("/v1/customers/fb-seen/exposures").then().statusCode(400)
                .contentType("application/problem+json");
    }

    @Test

    @InvalidRequests
    void badOutcomesAreProblemsAndNothingIsHalfWritten() {
        customer("fb-bad", "fb-seg-bad");
        String decision = decide("fb-bad", "store", 2).getString("decisionId"); // fb-a, fb-b

        problem(outcome(UUID.randomUUID().toString(), "fb-bad-1", "fb-a", "impression"), 404, "decisionId");
        problem(outcome(TimeOrderedId.at(Instant.now()).toString(), "fb-bad-1", "fb-a", "impression"), 404, "decisionId");
        problem(outcome("not-a-uuid", "fb-bad-1", "fb-a", "impression"), 400, "decisionId");
        problem(outcome(decision, "fb-bad-1", "fb-d", "impression"), 422, "offerId");
        problem(outcome(decision, "fb-bad-1", "fb-a", "like"), 400, "type");
        problem(post(decision, "{\"offerId\": \"fb-a\", \"type\": \"impression\"}"), 400, "eventId");
        problem(post(decision, "{\"eventId\": \"has space\", \"offerId\": \"fb-a\", \"type\": \"impression\"}"), 400, "eventId");
        problem(post(decision, "{\"eventId\": \"e\", \"offerId\": \"fb-a\", \"type\": \"impression\", \"tpye\": 1}"), 400, "tpye");
        problem(post(decision, "{\"eventId\": \"e\", \"offerId\": \"fb-a\", \"type\": \"convert\"}"), 400, "value");
        problem(post(decision, "{\"eventId\": \"e\", \"offerId\": \"fb-a\", \"type\": \"impression\", \"value\": 3}"), 400, "value");
        problem(post(decision, "{\"eventId\": \"e\", \"offerId\": \"fb-a\", \"type\": \"convert\", \"value\": -1}"), 400, "value");
        problem(post(decision, "{\"eventId\": \"e\", \"offerId\": \"fb-a\", \"type\": \"convert\", \"value\": 1.005}"), 400, "value");
        problem(post(decision, "{\"eventId\": \"e\", \"offerId\": \"fb-a\", \"type\": \"convert\", \"value\": \"ten\"}"), 400, "value");
        problem(post(decision, "{\"eventId\": \"e\", \"offerId\": \"fb-a\", \"type\": \"click\", \"channel\": \"fax\"}"), 400, "channel");
        problem(outcomeAt(decision, "e", "fb-a", "click", Instant.now().plus(1, ChronoUnit.DAYS)), 422, "occurredAt");
        problem(outcomeAt(decision, "e", "fb-a", "click", Instant.now().minus(1, ChronoUnit.DAYS)), 422, "occurredAt");
        problem(post(decision, "{\"eventId\": \"e\", \"offerId\": \"fb-a\", \"type\": \"click\", \"occurredAt\": \"yesterday\"}"), 400, "occurredAt");

        outcome(decision, "fb-bad-reused", "fb-a", "impression").then().statusCode(201);
        problem(outcome(decision, "fb-bad-reused", "fb-a", "accept"), 409, "eventId");
        problem(outcome(decision, "fb-bad-reused", "fb-b", "impression"), 409, "eventId");

        // a batch is all or nothing: the good first outcome is not stored when the second is refused
        problem(batch("[" + item(decision, "fb-bad-batch-1", "fb-a", "click") + ", " + item(decision, "fb-bad-batch-2", "fb-d", "click") + "]"),
                422, "outcomes[1].offerId");
        problem(batch("[" + item(decision, "fb-bad-batch-1", "fb-a", "click") + ", " + item(decision, "fb-bad-reused", "fb-b", "click") + "]"),
                409, "outcomes[1].eventId");
        problem(batch("[" + item(decision, "fb-bad-batch-1", "fb-a", "click") + ", " + item(decision, "fb-bad-batch-1", "fb-b", "click") + "]"),
                409, "outcomes[1].eventId");
        problem(batch("[" + item(decision, "fb-bad-batch-1", "fb-a", "click") + ", "
                + item(UUID.randomUUID().toString(), "fb-bad-batch-2", "fb-a", "click") + "]"), 404, "outcomes[1].decisionId");
        problem(batch("[{\"decisionId\": \"x\", \"eventId\": \"e\", \"offerId\": \"fb-a\", \"type\": \"click\"}]"), 400, "outcomes[0].decisionId");
        problem(batch("[]"), 400, "outcomes");
        assertEquals(0, count("SELECT count(*) FROM outcome WHERE event_id LIKE 'fb-bad-batch-%'"));
        assertEquals(1, count("SELECT count(*) FROM outcome WHERE decision_id = '" + decision + "'"));

        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i < 1001; i++) {
            tooMany.append(i == 0 ? "" : ",").append(item(decision, "fb-many-" + i, "fb-a", "click"));
        }
        problem(batch(tooMany.append(']').toString()), 400, "outcomes");
    }

    @Test
    void performanceAddsUpPerChannelAndSegment() {
        Instant from = Instant.now().minusSeconds(1);
        customer("fb-perf-1", "fb-seg-perf-x");
        customer("fb-perf-2", "fb-seg-perf-y");
        customer("fb-perf-3", "fb-seg-perf-y");
        String d1 = decide("fb-perf-1", "store", 4).getString("decisionId");
        String d2 = decide("fb-perf-2", "store", 4).getString("decisionId");
        String d3 = decide("fb-perf-3", "email", 4).getString("decisionId");
        String outcomes = String.join(",",
                item(d1, "fb-perf-i1", "fb-d", "impression"), item(d1, "fb-perf-c1", "fb-d", "click"),
                item(d1, "fb-perf-v1", "fb-d", "convert").replace("}", ", \"value\": 10.50}"),
                item(d2, "fb-perf-i2", "fb-d", "impression"), item(d2, "fb-perf-r2", "fb-d", "refuse"),
                item(d3, "fb-perf-i3", "fb-d", "impression"), item(d3, "fb-perf-a3", "fb-d", "accept"),
                item(d3, "fb-perf-v3", "fb-d", "convert").replace("}", ", \"value\": 4.5}"));
        batch("[" + outcomes + "]").then().statusCode(200).body("recorded", equalTo(8));

        JsonPath figures = given().queryParam("from", from.toString()).queryParam("to", Instant.now().plusSeconds(1).toString())
                .get("/v1/offers/fb-d/performance").then().statusCode(200).extract().jsonPath();
        assertEquals(3, figures.getInt("total.impressions"));
        assertEquals(1, figures.getInt("total.clicks"));
        assertEquals(1, figures.getInt("total.accepts"));
        assertEquals(1, figures.getInt("total.refusals"));
        assertEquals(2, figures.getInt("total.conversions"));
        assertEquals(15.0, figures.getDouble("total.conversionValue"), 1e-9);
        assertEquals(2.0 / 3, figures.getDouble("total.conversionRate"), 1e-6);
        assertEquals(5.0, figures.getDouble("total.valuePerImpression"), 1e-9);
        assertEquals(2, figures.getInt("byChannel.find { it.channel == 'store' }.figures.impressions"));
        assertEquals(4.5, figures.getDouble("byChannel.find { it.channel == 'email' }.figures.conversionValue"), 1e-9);
        assertEquals(1, figures.getInt("bySegment.find { it.segment == 'fb-seg-perf-x' }.figures.impressions"));
        assertEquals(2, figures.getInt("bySegment.find { it.segment == 'fb-seg-perf-y' }.figures.impressions"));
        int perSegment = figures.getList("bySegment.figures.impressions", Integer.class).stream().mapToInt(Integer::intValue).sum();
        assertEquals(3, perSegment, "segments add up to the total");
        assertEquals(1, figures.getInt("byChannelAndSegment.find { it.channel == 'email' && it.segment == 'fb-seg-perf-y' }.figures.accepts"));

        given().get("/v1/offers/fb-nothing/performance").then().statusCode(404).contentType("application/problem+json");
        given().queryParam("from", "last week").get("/v1/offers/fb-d/performance").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("from"));
        given().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z")
                .get("/v1/offers/fb-d/performance").then().statusCode(400).body("field", equalTo("from"));
    }

    @Test
    void theSweepCountsWhatRedisMissed() {
        customer("fb-swept", "fb-seg-sweep");
        String decision = decide("fb-swept", "store", 5).getString("decisionId");
        outcome(decision, "fb-sweep-event", "fb-sweep", "impression").then().statusCode(201);
        assertEquals(1, count("SELECT count(*) FROM outcome WHERE event_id = 'fb-sweep-event' AND applied"));

        // as if Redis had lost the update (an outage, a crash between the commit and the counters)
        redisString(Command.DEL, "pertinence:{o:fb-sweep}:responses");
        redisString(Command.DEL, "pertinence:{o:fb-sweep}:event:fb-sweep-event");
        pool.query("UPDATE outcome SET applied = false, received_at = now() - interval '1 hour' WHERE event_id = 'fb-sweep-event'")
                .execute().await().indefinitely();

        assertTrue(sweep.sweep().await().indefinitely() >= 1);
        assertEquals("1", redisString(Command.HGET, "pertinence:{o:fb-sweep}:responses", "fb-seg-sweep|store|impression"));
        assertEquals(1, count("SELECT count(*) FROM outcome WHERE event_id = 'fb-sweep-event' AND applied"));
        sweep.sweep().await().indefinitely(); // again: nothing counted twice
        assertEquals("1", redisString(Command.HGET, "pertinence:{o:fb-sweep}:responses", "fb-seg-sweep|store|impression"));
    }

    // --- helpers

    private static org.hamcrest.Matcher<Integer> anyOf(int a, int b) {
        return org.hamcrest.Matchers.anyOf(equalTo(a), equalTo(b));
    }

    private static void customer(String id, String segment) {
        given().contentType(ContentType.JSON).body("{\"firstName\": \"Test\", \"segments\": [\"" + segment + "\"]}")
                .put("/v1/customers/" + id).then().statusCode(anyOf(200, 201));
        Consenting.grant(id, "push", "email"); // channels store and email
    }

    private static JsonPath decide(String customer, String channel, int limit) {
        return given().contentType(ContentType.JSON)
                .body("{\"customerId\": \"%s\", \"channel\": \"%s\", \"placement\": \"fb-slot\", \"limit\": %d}"
                        .formatted(customer, channel, limit))
                .post("/v1/decisions").then().statusCode(200).body("decisionId", notNullValue()).extract().jsonPath();
    }

    private static String item(String decision, String event, String offer, String type) {
        return "{\"decisionId\": \"%s\", \"eventId\": \"%s\", \"offerId\": \"%s\", \"type\": \"%s\"}".formatted(decision, event, offer, type);
    }

    private static Response outcome(String decision, String event, String offer, String type) {
        return post(decision, "{\"eventId\": \"%s\", \"offerId\": \"%s\", \"type\": \"%s\"}".formatted(event, offer, type));
    }

    private static Response outcomeAt(String decision, String event, String offer, String type, Instant at) {
        return post(decision, "{\"eventId\": \"%s\", \"offerId\": \"%s\", \"type\": \"%s\", \"occurredAt\": \"%s\"}"
                .formatted(event, offer, type, at));
    }

    private static Response post(String decision, String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/decisions/" + decision + "/outcomes");
    }

    private static Response batch(String outcomes) {
        return given().contentType(ContentType.JSON).body("{\"outcomes\": " + outcomes + "}").post("/v1/outcomes");
    }

    private static void problem(Response response, int status, String field) {
        response.then().statusCode(status).contentType("application/problem+json")
                .body("status", equalTo(status)).body("field", equalTo(field)).body("detail", notNullValue());
    }

    private long count(String sql) {
        return pool.query(sql).execute().await().indefinitely().iterator().next().getLong(0);
    }

    private long redisCount(Command command, String key) {
        return redis.send(Request.cmd(command).arg(key)).await().indefinitely().toLong();
    }

    private String redisString(Command command, String... args) {
        Request request = Request.cmd(command);
        for (String arg : args) {
            request.arg(arg);
        }
        var reply = redis.send(request).await().indefinitely();
        return reply == null ? null : reply.toString();
    }

    /** The same decision request n times at once, released together. */
    private static List<JsonPath> concurrently(int n, String body) {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/v1/decisions");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + dev.pertinence.common.Tokens.ALL_ROLES)
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()));
        }
        List<JsonPath> decisions = new ArrayList<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.join();
            assertEquals(200, response.statusCode(), response.body());
            decisions.add(new JsonPath(response.body()));
        }
        return decisions;
    }
}
