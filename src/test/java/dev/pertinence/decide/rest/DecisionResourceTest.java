package dev.pertinence.decide.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import dev.pertinence.copurchase.ModelBuilds;
import dev.pertinence.consent.Consenting;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** Decisions end to end on channel call_centre, placement dt-card, which no other test uses. */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DecisionResourceTest {

    @Inject
    Pool pool;

    private boolean seeded;

    /** Once per class; in @BeforeEach because RestAssured learns the test port only then. */
    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        product("dt-camera", "Digital camera", "dt-photo");
        product("dt-prints", "Photo prints", "dt-photo-services");
        product("dt-sd", "SD card", "dt-storage");
        product("dt-socks", "Socks", "dt-clothing");
        product("dt-lens", "Zoom lens", "dt-photo");
        // camera is bought with prints in 4 baskets, with an SD card in 3, and by Jeanne: 8 baskets; socks alone
        StringBuilder lines = new StringBuilder("order_id,customer_id,sku,quantity,price,timestamp\n");
        String day = Instant.now().minus(40, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        for (int i = 0; i < 4; i++) {
            lines.append("dt-o").append(i).append(",,dt-camera,1,300,").append(day).append('\n');
            lines.append("dt-o").append(i).append(",,dt-prints,1,5,").append(day).append('\n');
        }
        for (int i = 4; i < 7; i++) {
            lines.append("dt-o").append(i).append(",,dt-camera,1,300,").append(day).append('\n');
            lines.append("dt-o").append(i).append(",,dt-sd,1,20,").append(day).append('\n');
        }
        for (int i = 7; i < 30; i++) {
            lines.append("dt-o").append(i).append(",,dt-socks,1,3,").append(day).append('\n');
        }
        lines.append("dt-jr-order,dt-jeanne,dt-camera,1,300,").append(Instant.now().minus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS)).append('\n');
        given().contentType("text/csv").body(lines.toString()).post("/v1/purchases/import").then().statusCode(200);
        given().contentType(ContentType.JSON).body("{\"firstName\": \"Jeanne\", \"segments\": [\"gold\"]}")
                .put("/v1/customers/dt-jeanne").then().statusCode(200);
        Consenting.grant("dt-jeanne", "phone"); // the call centre reaches her by phone

        offer("dt-offer-prints", "dt-photo-services", "[\"dt-prints\"]", "[]", 10, null);
        offer("dt-offer-sd", "dt-storage", "[\"dt-sd\"]", "[]", 10, null);
        offer("dt-offer-socks", "dt-clothing", "[\"dt-socks\"]", "[]", 10, null);
        offer("dt-offer-camera", "dt-photo", "[\"dt-camera\"]", "[]", 30, "!('dt-camera' in history.skus)");
        offer("dt-offer-gold", "dt-loyalty", "[]", "[]", 2, "'gold' in customer.segments");
        ModelBuilds.buildAndWait();
    }

    @Test
    void aCustomerGetsTheComplementOfTheirRecentPurchaseFirstWithReasons() {
        JsonPath decision = decide("{\"customerId\": \"dt-jeanne\", \"channel\": \"call_centre\", \"placement\": \"dt-card\"}")
                .then().statusCode(200)
                .body("decisionId", notNullValue())
                .body("customerId", equalTo("dt-jeanne"))
                .body("modelVersion", notNullValue())
                .body("offers.size()", equalTo(3))
                .body("offers.offerId", not(hasItem("dt-offer-camera"))) // she owns one: the rule excludes it
                .extract().jsonPath();
        assertEquals("dt-offer-prints", decision.getString("offers[0].offerId"));
        assertEquals(1, decision.getInt("offers[0].rank"));
        assertTrue(decision.getString("offers[0].reasons[0]").startsWith("Bought Digital camera 2 days ago: 50 % of baskets with it also hold dt-prints"),
                decision.getString("offers[0].reasons[0]"));
        assertEquals("dt-offer-sd", decision.getString("offers[1].offerId"));
        double score = decision.getDouble("offers[0].score");
        double factors = decision.getDouble("offers[0].factors.propensity") * decision.getDouble("offers[0].factors.value")
                * decision.getDouble("offers[0].factors.lever") * decision.getDouble("offers[0].factors.contextWeight");
        assertEquals(factors, score, 1e-6);

        UUID id = UUID.fromString(decision.getString("decisionId"));
        Await.until("decision recorded", Duration.ofSeconds(10), () -> pool.preparedQuery("SELECT count(*) FROM decision WHERE id = $1")
                .execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0) == 1);
        String offers = pool.preparedQuery("SELECT offers::text FROM decision WHERE id = $1").execute(Tuple.of(id))
                .await().indefinitely().iterator().next().getString(0);
        assertTrue(offers.contains("dt-offer-prints"));
    }

    @Test
    void anAnonymousCartIsDecidedFromTheCart() {
        // prints: affinity 4/8 = 0.5 from the cart; the camera offer is left out: the camera is already in the cart
        // (proposeWhenInCart and the drop's reason: InCartDecisionTest)
        decide("{\"channel\": \"call_centre\", \"placement\": \"dt-card\", \"context\": {\"cart\": [\"dt-camera\"]}}")
                .then().statusCode(200)
                .body("customerId", nullValue())
                .body("offers[0].offerId", equalTo("dt-offer-prints"))
                .body("offers[0].reasons[0]", containsString("Digital camera is in the cart: 50 %"))
                .body("offers.offerId", not(hasItem("dt-offer-camera")));
    }

    @Test
    void anUnknownCustomerIsAnAnonymousDecisionNotAnError() {
        decide("{\"customerId\": \"dt-nobody\", \"channel\": \"call_centre\", \"placement\": \"dt-card\"}")
                .then().statusCode(200)
                .body("customerId", nullValue())
                .body("notes", hasItem("Unknown customer: decided as for an anonymous visitor"))
                .body("offers.offerId", not(hasItem("dt-offer-gold")));
    }

    @Test
    void explainSaysWhyTheOthersDroppedOut() {
        JsonPath decision = decide("{\"customerId\": \"dt-jeanne\", \"channel\": \"call_centre\", \"placement\": \"dt-card\", \"limit\": 1, \"explain\": true}")
                .then().statusCode(200)
                .body("explanation.candidates", equalTo(5))
                .body("explanation.droppedTotal", equalTo(4))
                .extract().jsonPath();
        List<String> reasons = decision.getList("explanation.dropped.reason");
        assertTrue(reasons.contains("RULE_NOT_MET"), reasons.toString());
        assertTrue(reasons.contains("BELOW_LIMIT"), reasons.toString());
        decide("{\"channel\": \"call_centre\", \"placement\": \"dt-card\"}").then().statusCode(200)
                .body("explanation", nullValue());
    }

    @Test
    void aChannelWithoutOffersAnswersAnEmptyList() {
        decide("{\"channel\": \"sms\", \"placement\": \"dt-nothing-here\"}").then().statusCode(200).body("offers.size()", equalTo(0));
    }

    @Test

    @InvalidRequests
    void badRequestsAreProblemsNamingTheField() {
        problem("{\"channel\": \"tv\", \"placement\": \"p\"}", "channel");
        problem("{\"placement\": \"p\"}", "channel");
        problem("{\"channel\": \"web\"}", "placement");
        problem("{\"channel\": \"web\", \"placement\": \"p\", \"limit\": 0}", "limit");
        problem("{\"channel\": \"web\", \"placement\": \"p\", \"limit\": 11}", "limit");
        problem("{\"channel\": \"web\", \"placement\": \"p\", \"limit\": \"three\"}", "limit");
        problem("{\"channel\": \"web\", \"placement\": \"p\", \"context\": {\"cart\": [\"ok\", \"bad sku\"]}}", "context.cart[1]");
        problem("{\"channel\": \"web\", \"placement\": \"p\", \"context\": {\"location\": {\"lat\": 91, \"lon\": 0}}}", "context.location.lat");
        problem("{\"channel\": \"web\", \"placement\": \"p\", \"context\": {\"time\": \"noon\"}}", "context.time");
        problem("{\"channel\": \"web\", \"placement\": \"p\", \"explian\": true}", "explian");
        given().contentType(ContentType.JSON).body("{\"channel\": ").post("/v1/decisions")
                .then().statusCode(400).contentType("application/problem+json").body("title", equalTo("Malformed JSON"));
        given().contentType(ContentType.JSON).post("/v1/decisions")
                .then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.TEXT).body("hello").post("/v1/decisions")
                .then().statusCode(415).contentType("application/problem+json");
    }

    @Test
    void latencyIsMeasuredWithSloBuckets() {
        decide("{\"channel\": \"call_centre\", \"placement\": \"dt-card\"}").then().statusCode(200);
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("pertinence_decision_latency_seconds_bucket{channel=\"call_centre\",le=\"0.005\"}"), "SLO bucket");
        assertTrue(metrics.contains("pertinence_catalog_offers"));
        // decisions by channel, placement (as offers name it, else "*": callers cannot grow the series) and arm
        assertTrue(metrics.matches("(?s).*pertinence_decisions_total\\{arm=\"none\",channel=\"call_centre\",placement=\"[^\"]+\"} .*"),
                "decisions counted by channel, placement and arm");
        assertTrue(metrics.contains("pertinence_candidates_prepared_total "), "candidate-set preparations (cache reloads)");
        assertTrue(!metrics.contains("dt-jeanne"), "no customer id in metrics");
    }

    private static io.restassured.response.Response decide(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/decisions");
    }

    private static void problem(String body, String field) {
        decide(body).then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("field", equalTo(field)).body("detail", notNullValue());
    }

    private static void product(String sku, String name, String category) {
        given().contentType(ContentType.JSON).body("{\"name\": \"" + name + "\", \"category\": \"" + category + "\"}")
                .put("/v1/products/" + sku).then().statusCode(everyItemOf(200, 201));
    }

    private static org.hamcrest.Matcher<Integer> everyItemOf(int a, int b) {
        return org.hamcrest.Matchers.anyOf(equalTo(a), equalTo(b));
    }

    private static void offer(String id, String category, String skus, String categories, double value, String rule) {
        given().contentType(ContentType.JSON).body("""
                {"title": "%s", "message": "Offer %s", "category": "%s", "targetSkus": %s, "targetCategories": %s,
                 "channels": ["call_centre"], "placements": ["dt-card"], "businessValue": %s%s}"""
                .formatted(id, id, category, skus, categories, value, rule == null ? "" : ", \"rule\": \"" + rule + "\""))
                .put("/v1/offers/" + id).then().statusCode(everyItemOf(200, 201));
    }

}
