package dev.pertinence.offer.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pertinence.common.openapi.InvalidRequests;
import dev.pertinence.offer.rule.RuleCache;
import dev.pertinence.offer.rule.RuleCompiler;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** POST /v1/rules/validations: a rule checked as saving an offer checks it, the error at its line and column. */
@QuarkusTest
class RuleValidationTest {

    @Inject
    RuleCompiler rules;

    /** The console checks a rule as it is typed: each text checked must not stay in the compiler's cache of saved rules. */
    @Test
    void aRuleCheckedIsNotKeptInTheRuleCache() {
        String typed = "'rv-" + UUID.randomUUID() + "' in customer.segments";
        given().contentType(ContentType.JSON).body(Map.of("rule", typed)).post("/v1/rules/validations").then().statusCode(200)
                .body("valid", equalTo(true));
        assertFalse(RuleCache.holds(rules, typed));
    }

    @Test
    void aRuleThatWouldBeAcceptedSaysSoWithItsCost() {
        given().contentType(ContentType.JSON).body(Map.of("rule", "has(customer.age) && customer.age >= 18"))
                .post("/v1/rules/validations").then().statusCode(200).body("valid", equalTo(true)).body("cost", greaterThan(0f));
        given().contentType(ContentType.JSON).body(Map.of("rule", " ")).post("/v1/rules/validations").then().statusCode(200)
                .body("valid", equalTo(true)).body("cost", equalTo(0f));
    }

    @Test
    void anErrorIsAProblemNamingTheRuleWithItsLineAndColumn() {
        given().contentType(ContentType.JSON).body(Map.of("rule", "has(customer.age) &&\n  customer.segment == 'gold'"))
                .post("/v1/rules/validations").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid rule")).body("field", equalTo("rule"))
                .body("line", equalTo(2)).body("column", equalTo(11))
                .body("detail", containsString("undefined field 'segment'"));
        given().contentType(ContentType.JSON).body(Map.of("rule", "customer.age >= '18'"))
                .post("/v1/rules/validations").then().statusCode(400).body("line", equalTo(1)).body("column", equalTo(14));
        given().contentType(ContentType.JSON).body(Map.of("rule", "customer.segment in ["))
                .post("/v1/rules/validations").then().statusCode(400).body("field", equalTo("rule")).body("line", equalTo(1));
    }

    @Test
    void aRuleTooCostlyAsAWholeHasNoPosition() {
        String nested = "history.purchases.exists(a, history.purchases.exists(b, history.purchases.exists(c, a.sku == c.sku)))";
        given().contentType(ContentType.JSON).body(Map.of("rule", nested)).post("/v1/rules/validations").then().statusCode(400)
                .body("field", equalTo("rule")).body("detail", containsString("pertinence.rules.max-cost"))
                .body("line", nullValue()).body("column", nullValue());
    }

    @Test
    void savingAnOfferWithTheSameErrorGivesTheSamePosition() {
        given().contentType(ContentType.JSON).body(Map.of("id", "rv-offer-1", "title", "T", "message", "M", "channels", List.of("web"),
                        "businessValue", 1, "rule", "has(customer.age) &&\n  customer.segment == 'gold'"))
                .post("/v1/offers").then().statusCode(400).body("field", equalTo("rule")).body("line", equalTo(2)).body("column", equalTo(11));
        given().get("/v1/offers/rv-offer-1").then().statusCode(404);
    }

    @Test
    @InvalidRequests
    void aRequestThatIsNotARuleIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/rules/validations").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("rule"));
        given().contentType(ContentType.JSON).body(Map.of("rule", "true", "offerId", "x")).post("/v1/rules/validations").then()
                .statusCode(400).body("field", equalTo("offerId"));
        given().contentType(ContentType.JSON).body(Map.of("rule", 3)).post("/v1/rules/validations").then().statusCode(400)
                .body("field", equalTo("rule"));
        given().contentType(ContentType.JSON).body(Map.of("rule", "true || ".repeat(500) + "true")).post("/v1/rules/validations")
                .then().statusCode(400).body("field", equalTo("rule"));
        given().contentType(ContentType.JSON).body("{\"rule\": ").post("/v1/rules/validations").then().statusCode(400);
    }
}
