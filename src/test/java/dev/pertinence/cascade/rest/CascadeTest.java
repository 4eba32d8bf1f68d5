package dev.pertinence.cascade.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import dev.pertinence.consent.Consenting;
import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Cascades on real PostgreSQL and Redis (the sweep runs every second in tests). Placement cc-slot, customers cc-*. */
@QuarkusTest
class CascadeTest {

    @BeforeEach
    void offers() {
        given().contentType(ContentType.JSON).body(Map.of("title", "Come back", "message", "We miss you", "category", "cc-cat",
                        "channels", List.of("email", "sms", "call_centre"), "placements", List.of("cc-slot"), "businessValue", 5))
                .put("/v1/offers/cc-offer").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
    }

    @Test
    void anUnansweredStepGivesWayToTheNextAndAnAnswerEndsTheCascade() {
        person("cc-1", "email", "sms", "phone");
        JsonPath started = start("cc-1", List.of(step("email", "PT1S", "impression"), step("sms", "PT1H", null),
                step("call_centre", "PT1H", null)));
        assertEquals("running", started.getString("status"));
        assertEquals(List.of("sent", "waiting", "waiting"), started.getList("steps.status"));
        String id = started.getString("id");

        JsonPath moved = Await.until("the email step expires and the SMS is sent", Duration.ofSeconds(15), () -> {
            JsonPath state = get(id);
            return state.getList("steps.status").equals(List.of("expired", "sent", "waiting")) ? state : null;
        });
        String sms = moved.getString("steps[1].decisionId");
        given().contentType(ContentType.JSON).body(Map.of("eventId", "cc-ev-1", "offerId", "cc-offer", "type", "click"))
                .post("/v1/decisions/" + sms + "/outcomes").then().statusCode(201);
        JsonPath answered = Await.until("the click answers the cascade", Duration.ofSeconds(10), () -> {
            JsonPath state = get(id);
            return state.getString("status").equals("answered") ? state : null;
        });
        assertEquals(List.of("expired", "answered", "waiting"), answered.getList("steps.status"), "no call after an answer");
    }

    @Test
    void aStepBlockedByACapOrWithoutConsentIsSkippedWithTheReason() {
        person("cc-2", "email", "sms");
        // mailed this week already: the email cap (1 per 7 days) is used up
        given().contentType(ContentType.JSON).body(Map.of("customerId", "cc-2", "channel", "email", "placement", "cc-slot"))
                .post("/v1/decisions").then().statusCode(200).body("offers.size()", equalTo(1));
        JsonPath started = start("cc-2", List.of(step("email", "PT48H", "impression"), step("call_centre", "PT72H", null),
                step("sms", "PT72H", null)));
        assertEquals(List.of("skipped", "skipped", "sent"), started.getList("steps.status"), started.prettify());
        assertTrue(started.getString("steps[0].reason").contains("Contact cap reached: at most 1 per 7 days on email"),
                started.getString("steps[0].reason"));
        assertTrue(started.getString("steps[1].reason").contains("No consent to offers on phone recorded"),
                started.getString("steps[1].reason"));

        person("cc-3");
        JsonPath nothing = start("cc-3", List.of(step("email", "PT1H", null), step("sms", "PT1H", null)));
        assertEquals("exhausted", nothing.getString("status"));
        assertEquals(List.of("skipped", "skipped"), nothing.getList("steps.status"));
    }

    @Test

    @InvalidRequests
    void badCascadesAreProblems() {
        person("cc-4", "email");
        given().contentType(ContentType.JSON).body(Map.of("customerId", "cc-4", "placement", "cc-slot", "steps", List.of()))
                .post("/v1/cascades").then().statusCode(400).contentType("application/problem+json").body("field", equalTo("steps"));
        given().contentType(ContentType.JSON).body(Map.of("customerId", "cc-4", "placement", "cc-slot",
                        "steps", List.of(step("fax", "PT1H", null)))).post("/v1/cascades").then().statusCode(400)
                .body("field", containsString("channel"));
        given().contentType(ContentType.JSON).body(Map.of("customerId", "cc-4", "placement", "cc-slot",
                        "steps", List.of(step("email", "P90D", null)))).post("/v1/cascades").then().statusCode(400)
                .body("field", equalTo("steps[0].wait"));
        given().contentType(ContentType.JSON).body(Map.of("customerId", "cc-4", "placement", "cc-slot",
                        "steps", List.of(step("email", "PT1H", "forever")))).post("/v1/cascades").then().statusCode(400)
                .body("field", equalTo("steps[0].until"));
        given().contentType(ContentType.JSON).body(Map.of("customerId", "cc-nobody", "placement", "cc-slot",
                        "steps", List.of(step("email", "PT1H", null)))).post("/v1/cascades").then().statusCode(404)
                .body("field", equalTo("customerId"));
        given().get("/v1/cascades/not-a-uuid").then().statusCode(400).body("field", equalTo("id"));
        given().get("/v1/cascades/1-1-1-1-1").then().statusCode(400).body("field", equalTo("id")); // not canonical
        given().get("/v1/cascades/00000000-0000-0000-0000-000000000000").then().statusCode(404);
    }

    private static void person(String id, String... channels) {
        Customers.customer(id);
        Consenting.grant(id, channels);
    }

    private static Map<String, Object> step(String channel, String wait, String until) {
        return until == null ? Map.of("channel", channel, "wait", wait) : Map.of("channel", channel, "wait", wait, "until", until);
    }

    private static JsonPath start(String customer, List<Map<String, Object>> steps) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", customer, "placement", "cc-slot", "steps", steps))
                .post("/v1/cascades").then().statusCode(201).extract().jsonPath();
    }

    private static JsonPath get(String id) {
        return given().get("/v1/cascades/" + id).then().statusCode(200).extract().jsonPath();
    }
}
