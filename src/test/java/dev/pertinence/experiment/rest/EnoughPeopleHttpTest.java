package dev.pertinence.experiment.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import dev.pertinence.common.openapi.InvalidRequests;
import dev.pertinence.experiment.Proportions;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * "Not enough people yet" through the API: a few dozen people, every personalised one accepting
 * and no control one, give an interval far from zero, and still no significance; a declared
 * minimum detectable effect and power are kept and set the people needed. Placements xe-* are this test's own.
 */
@QuarkusTest
class EnoughPeopleHttpTest {

    private static final List<Map<String, Object>> ARMS = List.of(Map.of("name", "control", "share", 50, "strategy", "control"),
            Map.of("name", "personalised", "share", 50, "strategy", "personalised"));

    @Test
    void aFewDozenPeopleWithABigDifferenceAreNotEnoughPeopleYet() {
        String run = Long.toString(System.nanoTime(), 36);
        String placement = "xe-" + run;
        given().contentType(ContentType.JSON).body(Map.of("title", "Offer", "message", "Try it", "targetSkus", List.of("xe-sku"),
                "channels", List.of("web"), "placements", List.of(placement), "businessValue", 10)).put("/v1/offers/xe-" + run)
                .then().statusCode(201);
        JsonPath created = create(Map.of("name", "Few people", "channels", List.of("web"), "placements", List.of(placement),
                "arms", ARMS));
        String id = created.getString("id");
        assertNull(created.get("minimumDetectableEffect"));
        assertNull(created.get("power"));
        int people = 40;
        for (int person = 0; person < people; person++) {
            JsonPath decision = given().contentType(ContentType.JSON).body(Map.of("visitorId", "xe-" + run + "-" + person,
                    "channel", "web", "placement", placement)).post("/v1/decisions").then().statusCode(200).extract().jsonPath();
            if (decision.getString("experiment.arm").equals("personalised")) {
                String decisionId = decision.getString("decisionId");
                given().contentType(ContentType.JSON).body(Map.of("outcomes", List.of(
                                Map.of("decisionId", decisionId, "eventId", "xe-" + run + person + "-i", "offerId", "xe-" + run, "type", "impression"),
                                Map.of("decisionId", decisionId, "eventId", "xe-" + run + person + "-a", "offerId", "xe-" + run, "type", "accept"))))
                        .post("/v1/outcomes").then().statusCode(200);
            }
        }
        Await.until("every decision recorded", Duration.ofSeconds(10), () -> given().get("/v1/experiments/" + id + "/results").then()
                .extract().jsonPath().getList("overall.people", Long.class).stream().mapToLong(Long::longValue).sum() == people);
        JsonPath results = given().get("/v1/experiments/" + id + "/results").then().statusCode(200).extract().jsonPath();
        long control = results.getLong("overall[0].people");
        long personalised = results.getLong("overall[1].people");
        assertTrue(control > 0 && personalised > 0, results.prettify());
        assertEquals(personalised, results.getLong("overall[1].acceptance.people"), results.prettify());
        assertEquals(0, results.getLong("overall[0].acceptance.people"), results.prettify());
        assertTrue(results.getDouble("overall[1].acceptanceUplift.low") > 0, "the interval alone would say so: " + results.prettify());
        assertFalse(results.getBoolean("overall[1].acceptanceUplift.significant"), results.prettify());
        assertFalse(results.getBoolean("overall[1].acceptanceUplift.enoughPeople"), results.prettify());
        assertFalse(results.getBoolean("enoughPeople"));
        assertEquals(100, results.getLong("requiredPeoplePerArm"));
        assertEquals("floor", results.getString("requiredBy"));
        assertEquals("Not enough people yet: the smallest arm has " + Math.min(control, personalised)
                + " of the 100 people needed per arm, so no uplift is significant", results.getString("verdict"));

        String svg = given().get("/v1/experiments/" + id + "/results/chart?metric=acceptance").then().statusCode(200)
                .contentType("image/svg+xml").extract().asString();
        assertTrue(svg.contains("Not enough people yet"), svg);
        assertTrue(svg.contains("pts, not enough people yet"), svg);
        assertTrue(svg.contains("Sample ratio"), svg);
    }

    @Test
    void aDeclaredEffectAndPowerAreKeptAndSetThePeopleNeeded() {
        String placement = "xe-mde-" + Long.toString(System.nanoTime(), 36);
        String id = create(Map.of("name", "Declared", "channels", List.of("web"), "placements", List.of(placement), "arms", ARMS,
                "minimumDetectableEffect", 0.05, "power", 0.9)).getString("id");
        given().get("/v1/experiments/" + id).then().statusCode(200)
                .body("minimumDetectableEffect", equalTo(0.05f)).body("power", equalTo(0.9f));
        // nobody yet: the most demanding baseline rate, 0.475 against 0.525
        given().get("/v1/experiments/" + id + "/results").then().statusCode(200)
                .body("requiredPeoplePerArm", equalTo((int) Proportions.peoplePerArm(0.475, 0.05, 0.9)))
                .body("requiredPeoplePerArm", equalTo(2100))
                .body("requiredBy", equalTo("minimumDetectableEffect"))
                .body("enoughPeople", equalTo(false)).body("verdict", containsString("Not enough people yet"));
        given().post("/v1/experiments/" + id + "/stop").then().statusCode(200);

        String other = create(Map.of("name", "Default power", "channels", List.of("web"), "placements", List.of(placement + "-b"),
                "arms", ARMS, "minimumDetectableEffect", 0.1)).getString("id");
        given().get("/v1/experiments/" + other).then().statusCode(200).body("power", equalTo(0.8f));
        given().get("/v1/experiments/" + other + "/results").then().statusCode(200)
                .body("requiredPeoplePerArm", equalTo((int) Proportions.peoplePerArm(0.45, 0.1, 0.8)));
        given().post("/v1/experiments/" + other + "/stop").then().statusCode(200);
    }

    @Test
    @InvalidRequests
    void anEffectOrPowerOutOfRangeIsRefusedNamingTheField() {
        String placement = "xe-bad-" + Long.toString(System.nanoTime(), 36);
        refused(placement, Map.of("minimumDetectableEffect", 0), "minimumDetectableEffect");
        refused(placement, Map.of("minimumDetectableEffect", 0.7), "minimumDetectableEffect");
        refused(placement, Map.of("minimumDetectableEffect", "5 %"), "minimumDetectableEffect");
        refused(placement, Map.of("minimumDetectableEffect", 0.05, "power", 1.2), "power");
        refused(placement, Map.of("minimumDetectableEffect", 0.05, "power", 0.3), "power");
        given().get("/v1/experiments").then().statusCode(200).body("find { it.placements.contains('" + placement + "') }", nullValue());
    }

    @Test
    void powerWithoutAnEffectIsRefused() {
        String placement = "xe-power-" + Long.toString(System.nanoTime(), 36);
        refused(placement, Map.of("power", 0.9), "power");
    }

    private static void refused(String placement, Map<String, Object> extra, String field) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Bad", "channels", List.of("web"), "placements", List.of(placement),
                "arms", ARMS));
        body.putAll(extra);
        given().contentType(ContentType.JSON).body(body).post("/v1/experiments").then().statusCode(400)
                .contentType("application/problem+json").body("status", equalTo(400)).body("field", equalTo(field))
                .body("detail", notNullValue());
    }

    private static JsonPath create(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/experiments").then().statusCode(201).extract().jsonPath();
    }
}
