package dev.pertinence.agentcard.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.openapi.InvalidRequests;
import dev.pertinence.consent.Consenting;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A screen that survives a refresh, on real PostgreSQL and Redis: the agent card and {@code reuseRecent}
 * decisions give the same decision back within the refresh window (4 s in the tests), reserving nothing again;
 * and the card's talking points are for a person on the phone. Customers cr-*, offers cr-*, placement cr-slot.
 */
@QuarkusTest
class CardRefreshTest {

    /** The tests' refresh window (application.properties, %test) and a little more. */
    private static final long PAST_THE_WINDOW_MS = 4_500;

    @Inject
    Redis redis;

    @BeforeEach
    void offers() {
        for (String id : List.of("cr-o1", "cr-o2", "cr-o3")) {
            offer(id, Map.of("title", "Offer " + id, "message", "Say: " + id, "category", "cat-" + id,
                    "channels", List.of("call_centre", "web"), "placements", List.of("agent-card", "cr-slot"),
                    "businessValue", 5000 + id.charAt(4), "rule", "'cr-card' in customer.segments")); // not on others' cards
        }
    }

    @Test
    void fourRefreshesOfOneCardGiveTheSameDecisionAndReserveItsOffersOnce() {
        person("cr-1");
        List<JsonPath> cards = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            cards.add(card("cr-1"));
        }
        JsonPath first = cards.get(0);
        assertEquals(List.of("cr-o3", "cr-o2", "cr-o1"), first.getList("offers.offerId"), first.prettify());
        for (JsonPath again : cards.subList(1, 4)) {
            assertEquals(first.getString("decisionId"), again.getString("decisionId"), again.prettify());
            assertEquals(first.getList("offers.offerId"), again.getList("offers.offerId"));
            assertEquals(first.getList("offers.talkingPoints"), again.getList("offers.talkingPoints"));
            assertTrue(again.getList("notes").toString().contains("nothing reserved again"), again.prettify());
        }
        Map<String, Integer> reserved = reservations("cr-1");
        assertEquals(Map.of(first.getString("decisionId"), 3), reserved, "one reservation per offer, not four");
    }

    @Test
    void pastTheWindowTheCardIsDecidedAfresh() throws InterruptedException {
        person("cr-2");
        String first = card("cr-2").getString("decisionId");
        assertEquals(first, card("cr-2").getString("decisionId"));
        Thread.sleep(PAST_THE_WINDOW_MS);
        JsonPath later = card("cr-2");
        assertNotEquals(first, later.getString("decisionId"), later.prettify());
        assertEquals(3, later.getList("offers").size(), "one reservation each so far: under the offers' caps");
        assertEquals(2, reservations("cr-2").size(), "two decisions reserved, each once");
    }

    @Test
    void anImpressionKeepsTheCardAndAnAnswerMovesItOn() {
        person("cr-3");
        String decision = card("cr-3").getString("decisionId");
        outcome(decision, "cr-ev-3a", "cr-o3", "impression");
        assertEquals(decision, card("cr-3").getString("decisionId"), "shown is not answered: the same screen");
        outcome(decision, "cr-ev-3b", "cr-o3", "accept");
        JsonPath after = card("cr-3");
        assertNotEquals(decision, after.getString("decisionId"), "the customer answered: the card moves on");
        assertEquals(after.getString("decisionId"), card("cr-3").getString("decisionId"), "and the new one is kept in turn");
    }

    @Test
    void consentWithdrawnWithinTheWindowIsNeverOverriddenByTheKeptCard() {
        person("cr-4");
        JsonPath before = card("cr-4");
        assertEquals(3, before.getList("offers").size());
        given().contentType(ContentType.JSON).body(Map.of("consents", List.of(Map.of("purpose", "offers", "channel", "phone",
                "granted", false, "source", "test")))).put("/v1/customers/cr-4/consents").then().statusCode(200);
        JsonPath after = card("cr-4");
        assertNotEquals(before.getString("decisionId"), after.getString("decisionId"));
        assertTrue(after.getList("offers").isEmpty(), after.prettify());
    }

    @Test
    void aDecisionIsReusedOnlyWhenTheCallerAsksAndTheRequestIsTheSame() {
        person("cr-5");
        Map<String, Object> request = new HashMap<>(Map.of("customerId", "cr-5", "channel", "web", "placement", "cr-slot",
                "reuseRecent", true, "context", Map.of("cart", List.of("cr-sku"))));
        String first = decide(request);
        assertEquals(first, decide(request), "the same request within the window: the same decision");
        Map<String, Object> otherCart = new HashMap<>(request);
        otherCart.put("context", Map.of("cart", List.of("cr-sku", "cr-other")));
        String third = decide(otherCart);
        assertNotEquals(first, third, "another cart: another decision");
        assertEquals(third, decide(otherCart));

        Map<String, Object> plain = new HashMap<>(request);
        plain.remove("reuseRecent");
        assertNotEquals(decide(plain), decide(plain), "a plain decision is always new");
        Map<String, Object> anonymous = new HashMap<>(request);
        anonymous.remove("customerId");
        assertNotEquals(decide(anonymous), decide(anonymous), "an anonymous visitor reserves nothing: decided afresh");
    }

    @Test
    @InvalidRequests
    void reuseRecentMustBeABoolean() {
        given().contentType(ContentType.JSON).body(Map.of("customerId", "cr-5", "channel", "web", "placement", "cr-slot",
                        "reuseRecent", "yes")).post("/v1/decisions")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("reuseRecent"));
    }

    @Test
    void erasureForgetsTheKeptAnswers() {
        person("cr-6");
        card("cr-6");
        assertEquals(1L, redis.send(Request.cmd(Command.EXISTS).arg("pertinence:{c:cr-6}:recent")).await().indefinitely().toLong());
        given().delete("/v1/customers/cr-6").then().statusCode(200);
        assertEquals(0L, redis.send(Request.cmd(Command.EXISTS).arg("pertinence:{c:cr-6}:recent")).await().indefinitely().toLong());
    }

    /** A purchase ends the kept answers: a refresh must not offer again what the person has just bought. */
    @Test
    void aPurchaseEndsTheKeptAnswers() {
        offer("cr-buy", Map.of("title", "Garden hose -20 %", "message", "Water the garden", "category", "cr-garden",
                "targetSkus", List.of("cr-hose"), "channels", List.of("call_centre", "web"),
                "placements", List.of("agent-card", "cr-slot"), "businessValue", 9000,
                "rule", "'cr-buyer' in customer.segments && !('cr-hose' in history.skus)"));
        for (String id : List.of("cr-8", "cr-8b")) {
            given().contentType(ContentType.JSON).body(Map.of("segments", List.of("cr-card", "cr-buyer"))).put("/v1/customers/" + id)
                    .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
            Consenting.grant(id, "phone");
        }
        JsonPath before = card("cr-8");
        assertTrue(before.getList("offers.offerId").contains("cr-buy"), before.prettify());
        assertEquals(before.getString("decisionId"), card("cr-8").getString("decisionId"), "kept for a refresh");

        given().contentType(ContentType.JSON).body(Map.of("orderId", "cr-order-8", "customerId", "cr-8", "sku", "cr-hose",
                "purchasedAt", java.time.Instant.now().minusSeconds(60).toString())).post("/v1/purchases").then().statusCode(201);
        JsonPath after = card("cr-8");
        assertNotEquals(before.getString("decisionId"), after.getString("decisionId"), "she bought it: the card moves on");
        assertFalse(after.getList("offers.offerId").contains("cr-buy"), after.prettify());

        // the same for a screen asking with reuseRecent, the purchase coming in a CSV import
        Map<String, Object> request = Map.of("customerId", "cr-8b", "channel", "web", "placement", "cr-slot", "reuseRecent", true);
        JsonPath screen = given().contentType(ContentType.JSON).body(request).post("/v1/decisions").then().statusCode(200)
                .extract().jsonPath();
        assertTrue(screen.getList("offers.offerId").contains("cr-buy"), screen.prettify());
        assertEquals(screen.getString("decisionId"), decide(new HashMap<>(request)));
        given().contentType("text/csv").body("order_id,customer_id,sku,quantity,price,timestamp\ncr-order-8b,cr-8b,cr-hose,1,19.90,"
                + java.time.Instant.now().minusSeconds(60) + "\n").post("/v1/purchases/import").then().statusCode(200);
        JsonPath refreshed = given().contentType(ContentType.JSON).body(request).post("/v1/decisions").then().statusCode(200)
                .extract().jsonPath();
        assertNotEquals(screen.getString("decisionId"), refreshed.getString("decisionId"));
        assertFalse(refreshed.getList("offers.offerId").contains("cr-buy"), refreshed.prettify());
    }

    /**
     * The catalogue drops an offer past its validUntil only at its next reload: a kept answer holding it must not be
     * given back once that moment has passed, however young the answer is.
     */
    @Test
    void aKeptAnswerIsNotGivenBackOnceOneOfItsOffersIsPastItsValidUntil() throws InterruptedException {
        long created = System.currentTimeMillis();
        java.time.Instant validUntil = java.time.Instant.ofEpochMilli(created).plusMillis(2_000);
        offer("cr-brief", Map.of("title", "Flash sale", "message", "Two seconds only", "category", "cr-flash",
                "channels", List.of("call_centre"), "placements", List.of("agent-card"), "businessValue", 9500,
                "validUntil", validUntil.toString(), "rule", "'cr-brief' in customer.segments"));
        given().contentType(ContentType.JSON).body(Map.of("segments", List.of("cr-card", "cr-brief"))).put("/v1/customers/cr-9")
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        Consenting.grant("cr-9", "phone");
        long decided = System.currentTimeMillis();
        JsonPath first = card("cr-9");
        assertTrue(first.getList("offers.offerId").contains("cr-brief"), first.prettify());
        assertEquals(first.getString("decisionId"), card("cr-9").getString("decisionId"), "kept while the offer is valid");

        Thread.sleep(Math.max(0, validUntil.toEpochMilli() + 200 - System.currentTimeMillis()));
        JsonPath after = card("cr-9");
        assertTrue(System.currentTimeMillis() - decided < PAST_THE_WINDOW_MS - 500,
                "still within the refresh window: the kept answer was young enough to be given back");
        assertNotEquals(first.getString("decisionId"), after.getString("decisionId"), "the offer ended: a new decision");
        assertFalse(after.getList("offers.offerId").contains("cr-brief"), after.prettify());
    }

    @Test
    void talkingPointsAreTheOffersOwnThenTheStrongestReasonInPlainWords() {
        offer("cr-moment", Map.of("title", "Party pack", "message", "Balloons and candles, -30 %", "category", "cr-party",
                "channels", List.of("call_centre"), "placements", List.of("agent-card"), "businessValue", 9000,
                "rule", "has(customer.firstName) && 'cr-card' in customer.segments",
                "lifeEvent", Map.of("type", "child_birthday", "daysBefore", 21, "daysAfter", 3),
                "talkingPoints", List.of("Ask how old the child turns", "Everything for 12 guests, delivered")));
        person("cr-7");
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Ana", "segments", List.of("cr-card")))
                .put("/v1/customers/cr-7").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        given().contentType(ContentType.JSON).body(Map.of("type", "child_birthday", "date", today.plusDays(10).minusYears(5).toString()))
                .post("/v1/customers/cr-7/life-events").then().statusCode(201);

        JsonPath card = card("cr-7");
        assertEquals("cr-moment", card.getString("offers[0].offerId"), card.prettify());
        assertEquals(List.of("Ask how old the child turns", "Everything for 12 guests, delivered", "Child's birthday in 10 days"),
                card.getList("offers[0].talkingPoints"));
        assertEquals("Balloons and candles, -30 %", card.getString("offers[0].message"));
        List<String> reasons = card.getList("offers[0].reasons");
        assertTrue(reasons.contains("Meets its eligibility rule") && reasons.stream().anyMatch(r -> r.startsWith("Business value")),
                "the technical reasons stay in reasons: " + reasons);
        for (Object points : card.getList("offers.talkingPoints")) {
            String said = points.toString().toLowerCase();
            assertFalse(said.contains("lift") || said.contains("eligibility rule") || said.contains("business value"), said);
        }
        // an offer without points of its own: its message, to say first
        assertEquals("Say: cr-o3", card.getString("offers[1].talkingPoints[0]"), card.prettify());

        given().get("/v1/offers/cr-moment").then().statusCode(200)
                .body("talkingPoints", equalTo(List.of("Ask how old the child turns", "Everything for 12 guests, delivered")));
    }

    @Test
    @InvalidRequests
    void talkingPointsAreFewShortAndNotBlank() {
        Map<String, Object> offer = new HashMap<>(Map.of("title", "T", "message", "m", "channels", List.of("call_centre"),
                "placements", List.of("cr-bounds-slot"), "businessValue", 1));
        offer.put("talkingPoints", List.of("1", "2", "3", "4", "5", "6"));
        refused(offer, "talkingPoints");
        offer.put("talkingPoints", List.of("fine", "x".repeat(161)));
        refused(offer, "talkingPoints[1]");
        offer.put("talkingPoints", List.of(" "));
        refused(offer, "talkingPoints[0]");
        offer.put("talkingPoints", "say this");
        refused(offer, "talkingPoints");
        offer.put("talkingPoints", List.of("x".repeat(160), "2", "3", "4", "5"));
        given().contentType(ContentType.JSON).body(offer).put("/v1/offers/cr-bounds")
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)))
                .body("talkingPoints.size()", equalTo(5));
    }

    private static void refused(Map<String, Object> offer, String field) {
        given().contentType(ContentType.JSON).body(offer).put("/v1/offers/cr-bad").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo(field));
    }

    /** Reservations held in the person's contact state, by decision. */
    private Map<String, Integer> reservations(String customer) {
        Response members = redis.send(Request.cmd(Command.ZRANGE).arg("pertinence:{c:" + customer + "}:contacts").arg(0).arg(-1))
                .await().indefinitely();
        Map<String, Integer> byDecision = new HashMap<>();
        members.forEach(member -> {
            String m = member.toString();
            if (m.endsWith("|r")) {
                byDecision.merge(m.substring(0, m.indexOf('|')), 1, Integer::sum);
            }
        });
        return byDecision;
    }

    private static void person(String id) {
        given().contentType(ContentType.JSON).body(Map.of("segments", List.of("cr-card"))).put("/v1/customers/" + id)
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        Consenting.grant(id, "phone");
    }

    private static void offer(String id, Map<String, Object> body) {
        given().contentType(ContentType.JSON).body(body).put("/v1/offers/" + id)
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
    }

    private static JsonPath card(String customer) {
        return given().get("/v1/customers/" + customer + "/agent-card").then().statusCode(200).extract().jsonPath();
    }

    private static String decide(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request).post("/v1/decisions").then().statusCode(200)
                .extract().path("decisionId");
    }

    private static void outcome(String decision, String eventId, String offerId, String type) {
        given().contentType(ContentType.JSON).body(Map.of("eventId", eventId, "offerId", offerId, "type", type))
                .post("/v1/decisions/" + decision + "/outcomes").then().statusCode(201);
    }
}
