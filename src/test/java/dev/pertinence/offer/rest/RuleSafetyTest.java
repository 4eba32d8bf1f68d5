package dev.pertinence.offer.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.offer.catalog.OfferCatalog;
import dev.pertinence.offer.rule.RuleCompilerTest;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** A marketer's rule can neither stall decisions nor silently never match (issue: safe in its operators' hands). */
@QuarkusTest
class RuleSafetyTest {

    @Inject
    Pool pool;
    @Inject
    OfferCatalog catalog;

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "customer.segment == 'gold' | undefined field 'segment' | column 9",
            "customer.age >= '18' | no matching overload for '_>=_' applied to '(int, string)' | column 14",
            "customer.age | expected type 'bool' but found 'int' | column 9",
    })
    void aRuleThatWouldNeverMatchAnyoneIsRefusedWithWhereAndWhy(String rule, String problem, String where) {
        given().contentType(ContentType.JSON).body(OfferResourceTest.offer("rs-typed", rule))
                .when().post("/v1/offers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("rule"))
                .body("detail", containsString(problem))
                .body("detail", containsString("line 1, " + where));
        given().get("/v1/offers/rs-typed").then().statusCode(404);
    }

    @Test
    void aRuleWhoseWorstCaseIsTooCostlyIsRefusedSayingTheLimit() {
        given().contentType(ContentType.JSON).body(OfferResourceTest.offer("rs-costly", RuleCompilerTest.nested(7)))
                .when().post("/v1/offers")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("rule"))
                .body("detail", containsString("over the limit of 20,000 (pertinence.rules.max-cost)"));
        String bulk = "[" + OfferResourceTest.offer("rs-costly-1", null) + "," + OfferResourceTest.offer("rs-costly-2",
                "history.purchases.exists(p, history.purchases.exists(q, context.cart.exists(c, c == p.sku && c == q.sku)))") + "]";
        given().contentType(ContentType.JSON).body(bulk).when().put("/v1/offers")
                .then().statusCode(400).body("field", equalTo("[1].rule"));
        String misspelt = "[" + OfferResourceTest.offer("rs-typo-1", null) + "," + OfferResourceTest.offer("rs-typo-2",
                "true &&\\n customer.segment in [") + "]";
        given().contentType(ContentType.JSON).body(misspelt).when().put("/v1/offers")
                .then().statusCode(400).body("field", equalTo("[1].rule")).body("line", equalTo(2)).body("column", org.hamcrest.Matchers.greaterThan(1));
    }

    @Test
    void aStoredRuleThatNoLongerPassesLeavesItsOfferIneligibleWithTheReasonAndIsCounted() {
        // written before the bound existed: the seven nested loops that took a decision 7.9 s
        pool.preparedQuery("""
                INSERT INTO offer (id, title, message, channels, placements, business_value, rule)
                VALUES ('rs-stored', 'Stored long ago', 'm', '{web}', '{rs-home}', 1000, $1)""")
                .execute(Tuple.of(RuleCompilerTest.nested(7))).await().indefinitely();
        catalog.changed().await().indefinitely();
        double before = refusedCount();
        long started = System.nanoTime();
        JsonPath decision = given().contentType(ContentType.JSON)
                .body("{\"channel\": \"web\", \"placement\": \"rs-home\", \"explain\": true}")
                .when().post("/v1/decisions").then().statusCode(200).extract().jsonPath();
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "the decision is not stalled");
        List<Map<String, Object>> dropped = decision.getList("explanation.dropped");
        Map<String, Object> stored = dropped.stream().filter(d -> "rs-stored".equals(d.get("offerId"))).findFirst().orElseThrow();
        assertEquals("RULE_ERROR", stored.get("reason"));
        assertTrue(((String) stored.get("detail")).contains("its stored rule is refused"), stored.toString());
        assertTrue(refusedCount() > before, "counted in pertinence_rule_errors_total{cause=refused}");
    }

    @Test
    void anUnknownTargetSkuIsWrittenWithAWarning() {
        given().contentType(ContentType.JSON).body("{\"name\": \"Yogurt\", \"category\": \"dairy\", \"price\": 0.6}")
                .when().put("/v1/products/rs-yogurt").then().statusCode(201);
        String typo = OfferResourceTest.offer("rs-warn", null).replace("\"sku-prints\"", "\"rs-yogurt\", \"rs-yoghurt\"");
        given().contentType(ContentType.JSON).body(typo).when().post("/v1/offers")
                .then().statusCode(201)
                .body("warnings.size()", equalTo(1))
                .body("warnings[0].field", equalTo("targetSkus[1]"))
                .body("warnings[0].detail", containsString("'rs-yoghurt' is neither a known product nor bought"));
        given().contentType(ContentType.JSON).body(typo.replace(", \"rs-yoghurt\"", "")).when().put("/v1/offers/rs-warn")
                .then().statusCode(200).body("warnings", nullValue());
        given().get("/v1/offers/rs-warn").then().statusCode(200).body("warnings", nullValue());
        given().contentType(ContentType.JSON).body("[" + OfferResourceTest.offer("rs-warn-2", null) + "," + typo.replace("rs-warn", "rs-warn-3") + "]")
                .when().put("/v1/offers")
                .then().statusCode(200)
                .body("warnings.field", hasItem("[0].targetSkus[0]"))
                .body("warnings.field", hasItem("[1].targetSkus[1]"));
    }

    private static double refusedCount() {
        String metrics = given().get("/q/metrics").then().statusCode(200).extract().asString();
        return metrics.lines().filter(line -> line.startsWith("pertinence_rule_errors_total{cause=\"refused\"")).findFirst()
                .map(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1))).orElse(0.0);
    }
}
