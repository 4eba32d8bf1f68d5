package dev.pertinence.decide.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import dev.pertinence.common.metrics.Metric;
import dev.pertinence.common.openapi.InvalidRequests;
import dev.pertinence.consent.Consenting;
import dev.pertinence.contact.store.ContactKeys;
import dev.pertinence.decide.store.DecisionRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Dry runs ({@code dryRun}) through the API on real PostgreSQL and Redis: decisions, agent cards,
 * store visits and page layouts rank as real ones but reserve, record, learn and count nothing.
 * Channel app with placement dr-slot, agent cards, and store st-dr-1; offers dr-*, customers dr-*
 * in segment dr-seg (the offers' rules admit no one else, so other tests never see them).
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DryRunTest {

    private static final Duration LONG = Duration.ofSeconds(10);
    private static final String FOR_US = "'dr-seg' in customer.segments";
    private static final double LAT = 44.8378;
    private static final double LON = -0.5792;

    @Inject
    Pool pool;

    @Inject
    Redis redis;

    @Inject
    DecisionRecorder recorder;

    private boolean seeded;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        // dr-once may be proposed once a fortnight: a real decision holds it, a dry run must not
        offer("dr-once", Map.of("channels", List.of("app", "call_centre"), "placements", List.of("dr-slot", "agent-card"),
                "businessValue", 100_000, "frequencyCap", Map.of("count", 1, "period", "P14D")));
        offer("dr-often", Map.of("channels", List.of("app", "call_centre", "email"), "placements", List.of("dr-slot", "agent-card"),
                "businessValue", 50_000)); // both above any other test's agent-card offer
        offer("dr-in-store", Map.of("channels", List.of("store"), "placements", List.of("store-entry"), "businessValue", 40,
                "rule", FOR_US + " && context.storeId == 'st-dr-1'"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Bordeaux Centre", "latitude", LAT, "longitude", LON,
                "radiusMeters", 100)).put("/v1/stores/st-dr-1").then().statusCode(either(200, 201));
    }

    @Test
    void aDryDecisionRanksAsARealOneAndLeavesNoTrace() {
        person("dr-decide", "in_app");
        String series = "{arm=\"none\",channel=\"app\",placement=\"dr-slot\"}";
        double decisions = Metric.value("pertinence_decisions_total" + series);
        double served = Metric.value("pertinence_decision_offers_served_total" + series);
        double timed = Metric.value("pertinence_decision_latency_seconds_count{channel=\"app\"}");

        JsonPath dry = decide("dr-decide", ", \"dryRun\": true, \"explain\": true");
        JsonPath again = decide("dr-decide", ", \"dryRun\": true");
        assertEquals(List.of("dr-once", "dr-often"), dry.getList("offers.offerId"), dry.prettify());
        assertEquals(dry.getList("offers.offerId"), again.getList("offers.offerId"), "the capped offer is not held by a dry run");
        assertTrue(dry.getBoolean("dryRun"));
        assertTrue(dry.getInt("explanation.candidates") >= 2, "explain and dryRun together: the reasons too");
        assertEquals(4, UUID.fromString(dry.getString("decisionId")).version(), "not a time-ordered decision id");
        assertFalse(dry.getString("decisionId").equals(again.getString("decisionId")));

        // nothing reserved in Redis, nothing recorded in PostgreSQL, nothing counted
        assertEquals(0, contactEntries("dr-decide"), "contact state untouched");
        assertEquals(0, decisionRows("dr-decide"));
        assertEquals(decisions, Metric.value("pertinence_decisions_total" + series), "not counted as served");
        assertEquals(served, Metric.value("pertinence_decision_offers_served_total" + series));
        assertEquals(timed, Metric.value("pertinence_decision_latency_seconds_count{channel=\"app\"}"), "no latency sample");

        // the real decision that follows is unaffected, and is what the dry run said
        JsonPath real = given().contentType(ContentType.JSON)
                .body("{\"customerId\": \"dr-decide\", \"channel\": \"app\", \"placement\": \"dr-slot\"}")
                .post("/v1/decisions").then().statusCode(200).body("dryRun", nullValue()).extract().jsonPath();
        assertEquals(dry.getList("offers.offerId"), real.getList("offers.offerId"));
        assertEquals(dry.getList("offers.score"), real.getList("offers.score"), "ranked exactly as the dry run");
        assertEquals(7, UUID.fromString(real.getString("decisionId")).version());
        assertTrue(contactEntries("dr-decide") > 0, "the real decision reserved");
        // recorded behind the answer (the write-behind buffer): wait for it, as an auditor would
        Await.until("the real decision recorded", Duration.ofSeconds(10), () -> decisionRows("dr-decide") == 1);
        assertEquals(decisions + 1, Metric.value("pertinence_decisions_total" + series));
        assertEquals(timed + 1, Metric.value("pertinence_decision_latency_seconds_count{channel=\"app\"}"));

        // a dry run now reads the caps as a real decision does: dr-once is held by the real one
        JsonPath after = decide("dr-decide", ", \"dryRun\": true, \"explain\": true");
        assertEquals(List.of("dr-often"), after.getList("offers.offerId"), after.prettify());
        assertEquals("CAPPED", after.getString("explanation.dropped.find { it.offerId == 'dr-once' }.reason"));
        assertEquals(1, decisionRows("dr-decide"));
    }

    @Test
    void aDryRunHoldsBackACappedChannelWhoseCapsCannotBeReadAsARealDecisionDoes() {
        person("dr-unreadable", "email");
        // Redis really fails: the contact key holds a string, so reading the contact state gets WRONGTYPE
        redis.send(Request.cmd(Command.SET).arg(ContactKeys.contacts("dr-unreadable")).arg("not a sorted set")).await().atMost(LONG);
        double degraded = Metric.value("pertinence_decision_degraded_total{cause=\"redis\"}");
        String email = "{\"customerId\": \"dr-unreadable\", \"channel\": \"email\", \"placement\": \"dr-slot\"%s}";

        JsonPath dry = given().contentType(ContentType.JSON).body(email.formatted(", \"dryRun\": true")).post("/v1/decisions")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of(), dry.getList("offers"), "email is capped: nothing without its caps, dry or not");
        assertTrue(dry.getList("notes").contains("Nothing proposed on email: its contact cap could not be checked"), dry.prettify());
        assertTrue(dry.getList("degraded").contains("redis"), dry.prettify());
        assertEquals(degraded, Metric.value("pertinence_decision_degraded_total{cause=\"redis\"}"), "a dry run counts nothing");

        JsonPath real = given().contentType(ContentType.JSON).body(email.formatted("")).post("/v1/decisions")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(dry.getList("offers"), real.getList("offers"));
        assertEquals(dry.getList("notes"), real.getList("notes"));
        assertEquals(dry.getList("degraded"), real.getList("degraded"));
        assertEquals(degraded + 1, Metric.value("pertinence_decision_degraded_total{cause=\"redis\"}"));
    }

    @Test
    void anOutcomeForADryRunGetsTheUnknownDecisionAnswerAtOnce() {
        person("dr-outcome", "in_app");
        String dryId = decide("dr-outcome", ", \"dryRun\": true").getString("decisionId");
        String unknown = UUID.randomUUID().toString();

        long started = System.nanoTime();
        JsonPath forDry = outcome(dryId, "dr-outcome-1").then().statusCode(404).contentType("application/problem+json")
                .body("field", equalTo("decisionId")).extract().jsonPath();
        long millis = (System.nanoTime() - started) / 1_000_000;
        JsonPath forUnknown = outcome(unknown, "dr-outcome-2").then().statusCode(404).extract().jsonPath();
        assertEquals(forUnknown.getString("title"), forDry.getString("title"));
        assertEquals(forUnknown.getString("detail").replace(unknown, dryId), forDry.getString("detail"));
        assertTrue(millis < 1_500, "not waited for as a decision on its way to PostgreSQL: " + millis + " ms");

        given().contentType(ContentType.JSON).body(Map.of("outcomes", List.of(Map.of("decisionId", dryId, "eventId", "dr-outcome-3",
                        "offerId", "dr-often", "type", "click"))))
                .post("/v1/outcomes").then().statusCode(404).body("field", equalTo("outcomes[0].decisionId"));
        assertEquals(0, pool.preparedQuery("SELECT count(*) FROM outcome WHERE event_id LIKE 'dr-outcome-%'").execute()
                .await().atMost(LONG).iterator().next().getLong(0));
    }

    @Test
    void aDryAgentCardTwiceThenARealOne() {
        person("dr-card", "phone");
        JsonPath first = card("dr-card", "true");
        JsonPath second = card("dr-card", "true");
        assertTrue(first.getBoolean("dryRun"));
        assertEquals(List.of("dr-once", "dr-often"), first.getList("offers.offerId").subList(0, 2), first.prettify());
        assertEquals(first.getList("offers.offerId"), second.getList("offers.offerId"));
        assertEquals(4, UUID.fromString(first.getString("decisionId")).version());
        assertEquals(0, contactEntries("dr-card"));
        assertEquals(0, decisionRows("dr-card"));

        JsonPath real = card("dr-card", "false");
        assertNull(real.get("dryRun"));
        assertEquals(first.getList("offers.offerId"), real.getList("offers.offerId"), "the dry runs held nothing back");
        assertEquals(first.getList("offers.talkingPoints"), real.getList("offers.talkingPoints"));
        assertEquals(1, decisionRows("dr-card"));
        assertTrue(contactEntries("dr-card") > 0);
        // without the parameter: a real card, as before, here a refresh of the real one (same decision, nothing reserved again)
        long held = contactEntries("dr-card");
        JsonPath plain = given().get("/v1/customers/dr-card/agent-card").then().statusCode(200).extract().jsonPath();
        assertEquals(real.getString("decisionId"), plain.getString("decisionId"), plain.prettify());
        assertEquals(held, contactEntries("dr-card"));
        assertEquals(1, decisionRows("dr-card"), "a refresh records nothing");
    }

    @Test
    void aDryStoreVisitIssuesNoCouponAndALaterRealVisitIsAFirstOne() {
        person("dr-shopper", "push");
        JsonPath dry = visit("dr-shopper", true);
        assertTrue(dry.getBoolean("dryRun"));
        assertEquals("st-dr-1", dry.getString("store.id"));
        assertTrue(dry.getList("offers.offerId").contains("dr-in-store"), dry.prettify());
        assertTrue(dry.getList("offers.couponCode").stream().allMatch(code -> code == null), "no codes in a dry run");
        assertEquals(4, UUID.fromString(dry.getString("decisionId")).version());
        visit("dr-shopper", true);
        assertEquals(0, coupons("dr-shopper"), "no coupon issued");
        assertEquals(0, decisionRows("dr-shopper"));
        assertEquals(0, contactEntries("dr-shopper"));

        JsonPath real = visit("dr-shopper", false);
        assertNull(real.get("dryRun"));
        assertEquals(dry.getList("offers.offerId"), real.getList("offers.offerId"));
        assertFalse(real.getList("notes", String.class).stream().anyMatch(note -> note.startsWith("Same visit")),
                "not a repeat: " + real.prettify());
        List<String> codes = real.getList("offers.couponCode");
        assertTrue(codes.stream().allMatch(code -> code != null && code.matches("[2-9A-HJKMNP-Z]{10}")), codes.toString());
        assertEquals(codes.size(), coupons("dr-shopper"));

        // a dry run during the visit changes nothing in it, and says a real visit would give its coupons back
        JsonPath during = visit("dr-shopper", true);
        assertTrue(during.getString("notes[0]").startsWith("Dry run during the visit of "), during.prettify());
        assertTrue(during.getList("offers.couponCode").stream().allMatch(code -> code == null));
        assertEquals(codes.size(), coupons("dr-shopper"));
        JsonPath back = visit("dr-shopper", false);
        assertEquals(codes, back.getList("offers.couponCode"));
        assertEquals(real.getString("decisionId"), back.getString("decisionId"));
    }

    @Test
    void aPageLayoutEchoesDryRun() {
        String body = "{\"cart\": [\"dr-sku\"], \"sections\": [{\"id\": \"a\", \"category\": \"dr-a\"}, "
                + "{\"id\": \"b\", \"category\": \"dr-b\"}]%s}";
        JsonPath dry = given().contentType(ContentType.JSON).body(body.formatted(", \"dryRun\": true")).post("/v1/page-layouts")
                .then().statusCode(200).body("dryRun", equalTo(true)).extract().jsonPath();
        JsonPath real = given().contentType(ContentType.JSON).body(body.formatted("")).post("/v1/page-layouts")
                .then().statusCode(200).body("dryRun", nullValue()).extract().jsonPath();
        assertEquals(real.getList("sections.id"), dry.getList("sections.id"));
    }

    @Test
    @InvalidRequests
    void aDryRunThatIsNotABooleanIsA400NamingIt() {
        for (String bad : List.of("\"yes\"", "1", "\"true\"")) {
            problem(given().contentType(ContentType.JSON).body("{\"channel\": \"app\", \"placement\": \"dr-slot\", \"dryRun\": "
                    + bad + "}").post("/v1/decisions"), bad);
        }
        problem(given().contentType(ContentType.JSON).body("{\"customerId\": \"dr-nobody\", \"latitude\": 1, \"longitude\": 1, "
                + "\"dryRun\": \"yes\"}").post("/v1/store-visits"), "store visit");
        problem(given().contentType(ContentType.JSON).body("{\"sections\": [{\"id\": \"a\", \"category\": \"x\"}], "
                + "\"dryRun\": \"yes\"}").post("/v1/page-layouts"), "page layout");
        person("dr-card-bad", "phone");
        for (String bad : List.of("yes", "1", "TRUE", "")) {
            problem(given().queryParam("dryRun", bad).get("/v1/customers/dr-card-bad/agent-card"), "?dryRun=" + bad);
        }
        assertEquals(0, decisionRows("dr-card-bad"), "a refused dry run is not taken for a real one");
    }

    // --- helpers

    private static void problem(Response response, String what) {
        response.then().statusCode(400).contentType("application/problem+json").body("field", equalTo("dryRun"))
                .body("status", equalTo(400));
    }

    private static org.hamcrest.Matcher<Integer> either(int a, int b) {
        return org.hamcrest.Matchers.either(equalTo(a)).or(equalTo(b));
    }

    private static void offer(String id, Map<String, Object> fields) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("title", "Offer " + id, "message", "Say " + id,
                "category", "cat-" + id, "rule", FOR_US));
        body.putAll(fields);
        given().contentType(ContentType.JSON).body(body).put("/v1/offers/" + id).then().statusCode(either(200, 201));
    }

    private static void person(String id, String consentChannel) {
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Dry", "segments", List.of("dr-seg")))
                .put("/v1/customers/" + id).then().statusCode(either(200, 201));
        Consenting.grant(id, consentChannel);
    }

    private static JsonPath decide(String customer, String more) {
        return given().contentType(ContentType.JSON)
                .body("{\"customerId\": \"" + customer + "\", \"channel\": \"app\", \"placement\": \"dr-slot\"" + more + "}")
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
    }

    private static JsonPath card(String customer, String dryRun) {
        return given().queryParam("dryRun", dryRun).get("/v1/customers/" + customer + "/agent-card").then().statusCode(200)
                .extract().jsonPath();
    }

    private static JsonPath visit(String customer, boolean dryRun) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", customer, "latitude", LAT + 0.0001,
                "longitude", LON, "dryRun", dryRun)).post("/v1/store-visits").then().statusCode(200).extract().jsonPath();
    }

    private static Response outcome(String decision, String event) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("eventId", event, "offerId", "dr-often", "type", "impression"))
                .post("/v1/decisions/" + decision + "/outcomes");
    }

    private long contactEntries(String customer) {
        return redis.send(Request.cmd(Command.ZCARD).arg(ContactKeys.contacts(customer))).await().atMost(LONG).toLong();
    }

    /** The decisions recorded for this customer, once the write-behind buffer is flushed. */
    private long decisionRows(String customer) {
        recorder.flushNow().await().atMost(LONG);
        return count("SELECT count(*) FROM decision WHERE customer_id = $1", customer);
    }

    private long coupons(String customer) {
        return count("SELECT count(*) FROM coupon WHERE customer_id = $1", customer);
    }

    private long count(String sql, String customer) {
        return pool.preparedQuery(sql).execute(Tuple.of(customer)).await().atMost(LONG).iterator().next().getLong(0);
    }
}
