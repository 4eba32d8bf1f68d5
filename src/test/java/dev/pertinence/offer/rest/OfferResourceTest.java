package dev.pertinence.offer.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.decision.CandidateOffer;
import dev.pertinence.offer.catalog.OfferCatalog;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OfferResourceTest {

    @Inject
    OfferCatalog catalog;

    static String offer(String id, String rule) {
        return """
                {"id": "%s", "title": "10 %% off photo prints", "message": "Your photos, printed",
                 "category": "photo-services", "targetSkus": ["sku-prints"], "targetCategories": ["photo"],
                 "channels": ["web", "app"], "placements": ["home"], "businessValue": 12.5, "lever": 1.2%s}""".formatted(id,
                rule == null ? "" : ", \"rule\": \"" + rule.replace("\"", "\\\"") + "\""); // no rule: absent, as the contract has it
    }

    @Test
    void createReadUpdatePauseAndResumeReachTheCatalogue() {
        given().contentType(ContentType.JSON).body(offer("of-crud-1", "'photo' in history.categories"))
                .when().post("/v1/offers")
                .then().statusCode(201)
                .header("Location", containsString("/v1/offers/of-crud-1"))
                .body("status", equalTo("active")).body("channels", hasItem("web"));
        assertTrue(inCatalogue("web", "home", "of-crud-1"));
        assertTrue(inCatalogue("app", "home", "of-crud-1"));
        assertTrue(!inCatalogue("web", "checkout", "of-crud-1"));

        given().contentType(ContentType.JSON).body(offer("of-crud-1", null))
                .when().post("/v1/offers").then().statusCode(409).contentType("application/problem+json");

        given().contentType(ContentType.JSON).body(offer("of-crud-1", null).replace("\"placements\": [\"home\"]", "\"placements\": []"))
                .when().put("/v1/offers/of-crud-1").then().statusCode(200).body("version", equalTo(1));
        assertTrue(inCatalogue("web", "checkout", "of-crud-1"), "no placement means every placement");

        given().post("/v1/offers/of-crud-1/pause").then().statusCode(200).body("status", equalTo("paused"));
        assertTrue(!inCatalogue("web", "checkout", "of-crud-1"));
        given().get("/v1/offers?status=paused&channel=app").then().statusCode(200).body("items.id", hasItem("of-crud-1"));
        given().get("/v1/offers?status=active").then().statusCode(200).body("items.id", not(hasItem("of-crud-1")));
        given().post("/v1/offers/of-crud-1/resume").then().statusCode(200).body("status", equalTo("active"));
        assertTrue(inCatalogue("web", "checkout", "of-crud-1"));
        given().get("/v1/offers/of-crud-1").then().statusCode(200).body("rule", equalTo(null));
    }

    @Test
    void aRuleThatDoesNotCompileIsRefusedWithItsPosition() {
        given().contentType(ContentType.JSON).body(offer("of-bad-rule", "customer.segments in ["))
                .when().post("/v1/offers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("rule"))
                .body("title", equalTo("Invalid rule"))
                .body("detail", containsString("line 1, column"));
        given().get("/v1/offers/of-bad-rule").then().statusCode(404);
    }

    @Test
    void bulkUpsertIsAllOrNothing() {
        String bulk = "[" + offer("of-bulk-1", null) + "," + offer("of-bulk-2", "context.hour >= 17") + "]";
        given().contentType(ContentType.JSON).body(bulk).when().put("/v1/offers")
                .then().statusCode(200).body("created", equalTo(2)).body("updated", equalTo(0));
        given().contentType(ContentType.JSON).body(bulk).when().put("/v1/offers")
                .then().statusCode(200).body("created", equalTo(0)).body("updated", equalTo(2));
        assertTrue(inCatalogue("web", "home", "of-bulk-2"));

        String broken = "[" + offer("of-bulk-3", null) + "," + offer("of-bulk-4", "context.hour >") + "]";
        given().contentType(ContentType.JSON).body(broken).when().put("/v1/offers")
                .then().statusCode(400).body("field", equalTo("[1].rule"));
        given().get("/v1/offers/of-bulk-3").then().statusCode(404);
        String twice = "[" + offer("of-bulk-5", null) + "," + offer("of-bulk-5", null) + "]";
        given().contentType(ContentType.JSON).body(twice).when().put("/v1/offers")
                .then().statusCode(400).body("field", equalTo("[1].id"));
    }

    @Test

    @InvalidRequests
    void invalidOffersAreProblemsNamingTheField() {
        given().contentType(ContentType.JSON).body(offer("of-inv-1", null).replace("\"channels\": [\"web\", \"app\"]", "\"channels\": []"))
                .when().post("/v1/offers").then().statusCode(400).body("field", equalTo("channels"));
        given().contentType(ContentType.JSON).body(offer("of-inv-2", null).replace("\"channels\": [\"web\", \"app\"]", "\"channels\": [\"tv\"]"))
                .when().post("/v1/offers").then().statusCode(400).body("field", equalTo("channels[0]"));
        given().contentType(ContentType.JSON).body(offer("of-inv-3", null).replace("12.5", "-1"))
                .when().post("/v1/offers").then().statusCode(400).body("field", equalTo("businessValue"));
        given().contentType(ContentType.JSON)
                .body(offer("of-inv-4", null).replace("\"businessValue\"", "\"validFrom\": \"2026-12-01T00:00:00Z\", \"validUntil\": \"2026-11-01T00:00:00Z\", \"businessValue\""))
                .when().post("/v1/offers").then().statusCode(400).body("field", equalTo("validUntil"));
        given().contentType(ContentType.JSON).body(offer("of-inv-5", null).replace("\"title\": \"10 % off photo prints\", ", ""))
                .when().post("/v1/offers").then().statusCode(400).body("field", equalTo("title"));
        given().contentType(ContentType.JSON).body(offer("other-id", null))
                .when().put("/v1/offers/of-inv-6").then().statusCode(400).body("field", equalTo("id"));
        given().get("/v1/offers?channel=tv").then().statusCode(400).body("field", equalTo("channel"));
        given().get("/v1/offers?size=0").then().statusCode(400).body("field", equalTo("size"));
        given().post("/v1/offers/nope/pause").then().statusCode(404).contentType("application/problem+json");
    }

    private boolean inCatalogue(String channel, String placement, String id) {
        return catalog.candidates(channel, placement).stream().map(CandidateOffer::id).anyMatch(id::equals);
    }

    @Test
    void theCatalogueCompilesEveryStoredRule() {
        given().contentType(ContentType.JSON).body(offer("of-rule-1", "customer.known && 'gold' in customer.segments"))
                .when().post("/v1/offers").then().statusCode(201);
        CandidateOffer loaded = catalog.candidates("web", "home").stream().filter(o -> o.id().equals("of-rule-1")).findFirst().orElseThrow();
        assertEquals(12.5, loaded.value());
        assertEquals(1.2, loaded.lever());
    }
}
