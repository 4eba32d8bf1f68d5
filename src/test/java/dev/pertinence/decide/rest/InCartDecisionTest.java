package dev.pertinence.decide.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.openapi.InvalidRequests;
import dev.pertinence.consent.Consenting;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Not what the person already has, through the API: an offer whose every target is in the cart is
 * not proposed unless it opted in (proposeWhenInCart), one may leave out people who bought its
 * targets lately (excludeBoughtWithin), and explain says why. Placement ic-shelf is this test's own.
 */
@QuarkusTest
class InCartDecisionTest {

    private static final String PLACEMENT = "ic-shelf";

    @Test
    void anOfferForWhatIsAlreadyInTheCartIsNotProposedUnlessItOptedIn() {
        product("ic-yogurt", "Yogurt", "ic-dairy");
        offer("ic-yogurt-again", "ic-dairy-deals", List.of("ic-yogurt"), List.of(), 50, Map.of());
        offer("ic-yogurt-discount", "ic-discounts", List.of("ic-yogurt"), List.of(), 20, Map.of("proposeWhenInCart", true));
        offer("ic-cream", "ic-creams", List.of("ic-cream"), List.of("ic-dairy"), 10, Map.of());
        given().get("/v1/offers/ic-yogurt-discount").then().statusCode(200).body("proposeWhenInCart", equalTo(true));
        given().get("/v1/offers/ic-yogurt-again").then().statusCode(200).body("proposeWhenInCart", equalTo(false))
                .body("excludeBoughtWithin", nullValue());

        JsonPath decision = decide(Map.of("channel", "web", "placement", PLACEMENT, "explain", true,
                "context", Map.of("cart", List.of("ic-yogurt"))));
        List<String> proposed = decision.getList("offers.offerId");
        assertTrue(!proposed.contains("ic-yogurt-again"), decision.prettify());
        assertEquals(List.of("ic-yogurt-discount", "ic-cream"), proposed, decision.prettify());
        assertTrue(decision.getList("offers[0].reasons").contains("Yogurt is in this session"), decision.prettify());
        assertEquals(1.3, decision.getDouble("offers[1].factors.contextWeight"), 1e-9, "the cart's category still boosts");
        assertEquals(List.of("IN_CART"), decision.getList("explanation.dropped.findAll { it.offerId == 'ic-yogurt-again' }.reason"));
        assertEquals(List.of("every product it promotes is already in the cart"),
                decision.getList("explanation.dropped.findAll { it.offerId == 'ic-yogurt-again' }.detail"));

        JsonPath elsewhere = decide(Map.of("channel", "web", "placement", PLACEMENT, "context", Map.of("cart", List.of("ic-other"))));
        assertEquals("ic-yogurt-again", elsewhere.getString("offers[0].offerId"), "with the yogurt not in the cart it is first again");
    }

    @Test
    void anOfferMayLeaveOutPeopleWhoBoughtItsTargetLately() {
        String who = "ic-buyer-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("segments", List.of("ic"))).put("/v1/customers/" + who).then().statusCode(201);
        Consenting.grant(who, "in_app");
        String twoDaysAgo = Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        given().contentType(ContentType.JSON).body(Map.of("orderId", who + "-o1", "customerId", who, "sku", "ic-granola",
                "purchasedAt", twoDaysAgo)).post("/v1/purchases").then().statusCode(201);
        offer("ic-granola-month", "ic-granola-1", List.of("ic-granola"), List.of(), 30, Map.of("excludeBoughtWithin", "P30D"));
        offer("ic-granola-day", "ic-granola-2", List.of("ic-granola"), List.of(), 20, Map.of("excludeBoughtWithin", "P1D"));
        given().get("/v1/offers/ic-granola-month").then().statusCode(200).body("excludeBoughtWithin", equalTo("P30D"));

        JsonPath decision = decide(Map.of("customerId", who, "channel", "web", "placement", PLACEMENT + "-bought", "explain", true));
        List<String> proposed = decision.getList("offers.offerId");
        assertTrue(proposed.contains("ic-granola-day"), "bought 2 days ago, before its 1-day period: " + decision.prettify());
        assertTrue(!proposed.contains("ic-granola-month"), decision.prettify());
        assertEquals(List.of("BOUGHT_RECENTLY"), decision.getList("explanation.dropped.findAll { it.offerId == 'ic-granola-month' }.reason"));
        assertEquals(List.of("every product it promotes was bought within the last 30 days"),
                decision.getList("explanation.dropped.findAll { it.offerId == 'ic-granola-month' }.detail"));

        JsonPath anonymous = decide(Map.of("channel", "web", "placement", PLACEMENT + "-bought"));
        assertEquals("ic-granola-month", anonymous.getString("offers[0].offerId"), "a visitor bought nothing");
    }

    @Test
    void aPeriodOutOfBoundsIsRefusedNamingTheField() {
        refused(Map.of("excludeBoughtWithin", "PT1H"), "excludeBoughtWithin", "must be from 1 day (P1D) to the history window (P365D)");
        refused(Map.of("excludeBoughtWithin", "P400D"), "excludeBoughtWithin", "must be from 1 day");
        refused(Map.of("excludeBoughtWithin", "-P3D"), "excludeBoughtWithin", "must be from 1 day");
        given().get("/v1/offers/ic-bad").then().statusCode(404);
    }

    @Test
    @InvalidRequests
    void aMalformedPeriodOrFlagIsRefusedNamingTheField() {
        refused(Map.of("excludeBoughtWithin", "P1M"), "excludeBoughtWithin", "ISO-8601");
        refused(Map.of("excludeBoughtWithin", "thirty days"), "excludeBoughtWithin", "ISO-8601");
        refused(Map.of("excludeBoughtWithin", 30), "excludeBoughtWithin", "ISO-8601");
        refused(Map.of("proposeWhenInCart", "yes"), "proposeWhenInCart", "true or false");
        given().contentType(ContentType.JSON).body(List.of(offerBody("ic-bulk-1", List.of("ic-yogurt"), 1, Map.of()),
                        offerBody("ic-bulk-2", List.of("ic-yogurt"), 1, Map.of("excludeBoughtWithin", "PT2H"))))
                .put("/v1/offers").then().statusCode(400).body("field", equalTo("[1].excludeBoughtWithin"));
        given().get("/v1/offers/ic-bulk-1").then().statusCode(404);
    }

    private static void refused(Map<String, Object> extra, String field, String detail) {
        given().contentType(ContentType.JSON).body(offerBody("ic-bad", List.of("ic-yogurt"), 1, extra)).post("/v1/offers")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("field", equalTo(field)).body("detail", containsString(detail)).body("title", not(equalTo(null)));
    }

    private static JsonPath decide(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/decisions").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> offerBody(String id, List<String> skus, double value, Map<String, Object> extra) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("id", id, "title", "Offer " + id, "message", "Try it",
                "targetSkus", skus, "channels", List.of("web"), "placements", List.of(id.startsWith("ic-granola") ? PLACEMENT + "-bought" : PLACEMENT),
                "businessValue", value));
        body.putAll(extra);
        return body;
    }

    private static void offer(String id, String category, List<String> skus, List<String> categories, double value,
                              Map<String, Object> extra) {
        Map<String, Object> body = offerBody(id, skus, value, extra);
        body.put("category", category);
        body.put("targetCategories", categories);
        given().contentType(ContentType.JSON).body(body).put("/v1/offers/" + id).then().statusCode(201);
    }

    private static void product(String sku, String name, String category) {
        given().contentType(ContentType.JSON).body(Map.of("name", name, "category", category)).put("/v1/products/" + sku)
                .then().statusCode(org.hamcrest.Matchers.anyOf(equalTo(200), equalTo(201)));
    }
}
