package dev.pertinence;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README's step-by-step, request by request, as a reader sends them with curl (the model build and the grocery file
 * aside): each body below is checked to be the README's own (whitespace aside) before it is sent, and the answers
 * are those the README describes: the dry run, the store visit naming its store, the decision looked up
 * afterwards, the budget being spent. The README's offers are paused at the end, so that they do not compete in
 * other tests' decisions.
 */
@QuarkusTest
class ReadmeStepsTest {

    private static final List<String> README_OFFERS = List.of("roots-box", "yogurt-2for1", "beer-pack", "store-coffee", "soup-week");

    private static void pauseTheReadmeOffers() {
        for (String offer : README_OFFERS) {
            given().post("/v1/offers/" + offer + "/pause").then()
                    .statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(404))); // 404: the test stopped before it
        }
    }

    @Test
    void theWalkThroughWorksAsWritten() throws IOException {
        try {
            walkThrough();
        } finally {
            pauseTheReadmeOffers();
        }
    }

    private static void walkThrough() throws IOException {
        String readme = normalised(Files.readString(Path.of("README.md")));

        // 3. offers
        post(readme, "/v1/offers", """
                {"id": "roots-box",
                  "title": "Root vegetable box, -20 %", "message": "Seasonal roots for your soups", "category": "vegetables",
                  "targetSkus": ["root-vegetables"], "channels": ["web", "app", "call_centre"], "businessValue": 8,
                  "rule": "!(\\"root-vegetables\\" in history.skus)"}""", 201);
        post(readme, "/v1/offers", """
                {"id": "yogurt-2for1",
                  "title": "Yogurt 2 for 1", "message": "Two packs for the price of one", "category": "dairy",
                  "targetSkus": ["yogurt"], "channels": ["web", "app"], "businessValue": 5}""", 201);
        post(readme, "/v1/offers", """
                {"id": "beer-pack",
                  "title": "Craft beer pack", "message": "Six local beers", "category": "drinks", "targetSkus": ["bottled-beer"],
                  "channels": ["web"], "businessValue": 9, "rule": "has(customer.age) && customer.age >= 18"}""", 201);

        // 4. the customer, her consents, her loyalty card, yesterday's purchase
        put(readme, "/v1/customers/c-42", """
                {"firstName": "Jeanne", "lastName": "Rousseau", "birthDate": "1985-04-12", "segments": ["gold"]}""");
        put(readme, "/v1/customers/c-42/consents", """
                {"consents": [{"purpose": "profiling", "granted": true, "source": "loyalty-signup"},
                                    {"purpose": "offers", "channel": "email", "granted": true, "source": "loyalty-signup"}]}""");
        post(readme, "/v1/customers/c-42/identifiers", """
                {"type": "loyalty", "value": "4971 2233", "source": "store"}""", 201);
        String yesterday = Instant.now().minus(1, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        assertTrue(readme.contains("{\\\"orderId\\\": \\\"o-1001\\\", \\\"customerId\\\": \\\"c-42\\\", \\\"sku\\\": \\\"herbs\\\","),
                "the purchase of step 4");
        given().contentType(ContentType.JSON).body("{\"orderId\": \"o-1001\", \"customerId\": \"c-42\", \"sku\": \"herbs\", "
                + "\"purchasedAt\": \"" + yesterday + "\"}").post("/v1/purchases").then().statusCode(201);

        // 6. a decision, then the same as a dry run: the same offers, nothing recorded
        JsonPath decided = post(readme, "/v1/decisions", """
                {"customerId": "c-42", "channel": "web", "placement": "home", "explain": true}""", 200);
        JsonPath dry = post(readme, "/v1/decisions", """
                {"customerId": "c-42", "channel": "web", "placement": "home", "explain": true, "dryRun": true}""", 200);
        assertEquals(true, dry.getBoolean("dryRun"), dry.prettify());
        assertEquals(decided.getList("offers.offerId"), dry.getList("offers.offerId"), "the offers of step 6");
        given().get("/v1/decisions/" + dry.getString("decisionId")).then().statusCode(404);

        // the agent card by her loyalty card: no consent to offers by phone, so no offers and a note saying why
        assertTrue(readme.contains("'localhost:8080/v1/customers/loyalty:49712233/agent-card'"));
        JsonPath card = given().get("/v1/customers/loyalty:49712233/agent-card").then().statusCode(200).extract().jsonPath();
        assertEquals("c-42", card.getString("customerId"), card.prettify());
        assertEquals(List.of(), card.getList("offers"));
        assertTrue(!card.getList("notes").isEmpty(), card.prettify());

        // the store: without consent to push offers the visit names the store and has none; with it, the store's name
        // is in the message, with a coupon
        put(readme, "/v1/stores/st-lyon", """
                {"name": "Lyon Part-Dieu", "latitude": 45.7605, "longitude": 4.8594, "radiusMeters": 150}""");
        String visit = """
                {"customerId": "c-42", "latitude": 45.7607, "longitude": 4.8597}""";
        JsonPath refused = post(readme, "/v1/store-visits", visit, 200);
        assertEquals("Lyon Part-Dieu", refused.getString("store.name"), refused.prettify());
        assertEquals(List.of(), refused.getList("offers"));
        put(readme, "/v1/customers/c-42/consents", """
                {"consents": [{"purpose": "offers", "channel": "push", "granted": true, "source": "app"}]}""");
        post(readme, "/v1/offers", """
                {"id": "store-coffee",
                  "title": "A coffee on us", "message": "Welcome to {store.name}, {customer.firstName}: a coffee on us",
                  "category": "drinks", "channels": ["store"], "businessValue": 4}""", 201);
        JsonPath inStore = post(readme, "/v1/store-visits", visit, 200);
        assertEquals("Welcome to Lyon Part-Dieu, Jeanne: a coffee on us",
                inStore.getString("offers.find { it.offerId == 'store-coffee' }.message"), inStore.prettify());
        assertNotNull(inStore.getString("offers.find { it.offerId == 'store-coffee' }.couponCode"));

        // 7. a decision, and what she did with it
        JsonPath d = post(readme, "/v1/decisions", """
                {"customerId": "c-42", "channel": "web", "placement": "home"}""", 200);
        String decisionId = d.getString("decisionId");
        assertTrue(d.getList("offers.offerId").contains("roots-box"), d.prettify());
        post(readme, "/v1/decisions/" + decisionId + "/outcomes", """
                {"eventId": "e-1", "offerId": "roots-box", "type": "impression"}""", 201);
        post(readme, "/v1/decisions/" + decisionId + "/outcomes", """
                {"eventId": "e-2", "offerId": "roots-box", "type": "accept"}""", 201);

        // 9. afterwards: the decision as it was answered, and her decisions by her loyalty card
        assertTrue(readme.contains("curl -s -H \"$AUTH\" localhost:8080/v1/decisions/$D"));
        given().get("/v1/decisions/" + decisionId).then().statusCode(200).body("customerId", equalTo("c-42"))
                .body("kept", equalTo("answer")).body("channel", equalTo("web")).body("placement", equalTo("home"))
                .body("offers.find { it.offerId == 'roots-box' }.message", equalTo("Seasonal roots for your soups"));
        assertTrue(readme.contains("'localhost:8080/v1/customers/loyalty:49712233/decisions?limit=5'"));
        List<String> hers = given().get("/v1/customers/loyalty:49712233/decisions?limit=5").then().statusCode(200).extract()
                .jsonPath().getList("decisions.decisionId");
        assertEquals(decisionId, hers.get(0), "newest first: " + hers);

        // 9b. a budget being spent
        post(readme, "/v1/offers", """
                {"id": "soup-week",
                  "title": "Soup week", "message": "Everything for a soup", "category": "vegetables", "channels": ["email"],
                  "businessValue": 6, "budget": {"count": 1000, "of": "impressions", "period": "P7D", "pacing": "even"}}""", 201);
        JsonPath before = given().get("/v1/offers/soup-week/performance").then().statusCode(200).extract().jsonPath()
                .setRootPath("budget");
        assertEquals(List.of(1000, "impressions", 0, 0, 1000, 5), List.of(before.getInt("count"), before.getString("of"),
                before.getInt("spent"), before.getInt("reserved"), before.getInt("left"), before.getInt("pacedAllowanceNow")));
        JsonPath newsletter = post(readme, "/v1/decisions", """
                {"customerId": "c-42", "channel": "email", "placement": "newsletter"}""", 200);
        assertEquals(List.of("soup-week"), newsletter.getList("offers.offerId"), newsletter.prettify());
        post(readme, "/v1/decisions/" + newsletter.getString("decisionId") + "/outcomes", """
                {"eventId": "e-3", "offerId": "soup-week", "type": "impression"}""", 201);
        JsonPath after = given().get("/v1/offers/soup-week/performance").then().statusCode(200).extract().jsonPath()
                .setRootPath("budget");
        assertEquals(List.of(1, 0, 999), List.of(after.getInt("spent"), after.getInt("reserved"), after.getInt("left")));
    }

    /** POSTs a body the README holds (checked first), expecting {@code status}; the answer. */
    private static JsonPath post(String readme, String path, String body, int status) {
        assertTrue(readme.contains(normalised(body)), "README's step sends this body to " + path + ": " + body);
        return given().contentType(ContentType.JSON).body(body).post(path).then().statusCode(status).extract().jsonPath();
    }

    private static void put(String readme, String path, String body) {
        assertTrue(readme.contains(normalised(body)), "README's step sends this body to " + path + ": " + body);
        given().contentType(ContentType.JSON).body(body).put(path).then()
                .statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
    }

    /** Whitespace runs as one space: the README breaks long bodies over lines. */
    private static String normalised(String text) {
        return text.replaceAll("\\s+", " ");
    }
}
