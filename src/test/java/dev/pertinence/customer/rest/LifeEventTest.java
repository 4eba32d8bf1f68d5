package dev.pertinence.customer.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.consent.Consenting;
import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offers for a moment in a person's life, on real PostgreSQL and Redis. Customers le-*, placement le-slot. */
@QuarkusTest
class LifeEventTest {

    private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);

    @BeforeEach
    void offers() {
        given().contentType(ContentType.JSON).body(Map.of("title", "Party box", "message", "Everything for the party",
                        "category", "le-party", "channels", List.of("web"), "placements", List.of("le-slot"), "businessValue", 5,
                        "lifeEvent", Map.of("type", "child_birthday", "daysBefore", 21, "daysAfter", 3)))
                .put("/v1/offers/le-party").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)))
                .body("lifeEvent.type", equalTo("child_birthday")).body("lifeEvent.daysBefore", equalTo(21));
        given().contentType(ContentType.JSON).body(Map.of("title", "Anything", "message", "m", "category", "le-other",
                        "channels", List.of("web"), "placements", List.of("le-slot"), "businessValue", 1))
                .put("/v1/offers/le-any").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
    }

    @Test
    void anOfferForAChildsBirthdayComesWithItAndSaysSo() {
        person("le-parent");
        event("le-parent", "child_birthday", TODAY.plusDays(12).minusYears(6)).then().statusCode(201)
                .body("type", equalTo("child_birthday")).body("recurring", equalTo(true)).body("source", equalTo("crm"));
        JsonPath decision = decide("le-parent", false);
        assertEquals("le-party", decision.getString("offers[0].offerId"), decision.prettify());
        assertEquals("Child's birthday in 12 days", decision.getString("offers[0].reasons[0]"));
        assertEquals(1.5, decision.getDouble("offers[0].factors.contextWeight"), 1e-9);

        person("le-childless");
        JsonPath none = decide("le-childless", true);
        assertFalse(none.getList("offers.offerId").contains("le-party"), none.prettify());
        assertTrue(none.getList("explanation.dropped.findAll { it.offerId == 'le-party' }.reason").contains("NOT_THEIR_MOMENT"),
                none.prettify());

        person("le-later");
        event("le-later", "child_birthday", TODAY.plusDays(30).minusYears(2)).then().statusCode(201);
        assertFalse(decide("le-later", false).getList("offers.offerId").contains("le-party"), "30 days ahead: not yet");

        person("le-after");
        event("le-after", "child_birthday", TODAY.minusDays(2).minusYears(3)).then().statusCode(201);
        assertEquals("Child's birthday 2 days ago", decide("le-after", false).getString("offers[0].reasons[0]"));
    }

    @Test
    void withoutProfilingConsentLifeEventsAreNotUsed() {
        Customers.customer("le-private");
        event("le-private", "child_birthday", TODAY.plusDays(5).minusYears(4)).then().statusCode(201);
        assertFalse(decide("le-private", false).getList("offers.offerId").contains("le-party"));
    }

    @Test

    @InvalidRequests
    void eventsAreListedRemovedAndBadOnesAreProblems() {
        person("le-list");
        long id = event("le-list", "moving_house", TODAY.plusDays(40)).then().statusCode(201)
                .body("recurring", equalTo(false)).extract().jsonPath().getLong("id");
        given().get("/v1/customers/le-list/life-events").then().statusCode(200)
                .body("[0].type", equalTo("moving_house")).body("[0].id", equalTo((int) id));
        given().delete("/v1/customers/le-list/life-events/" + id).then().statusCode(204);
        given().delete("/v1/customers/le-list/life-events/" + id).then().statusCode(404).body("field", equalTo("eventId"));

        given().contentType(ContentType.JSON).body(Map.of("type", "divorce", "date", "2020-01-01"))
                .post("/v1/customers/le-list/life-events").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("type"));
        given().contentType(ContentType.JSON).body(Map.of("type", "birthday"))
                .post("/v1/customers/le-list/life-events").then().statusCode(400).body("field", equalTo("date"));
        given().contentType(ContentType.JSON).body(Map.of("type", "birthday", "date", "1850-01-01"))
                .post("/v1/customers/le-list/life-events").then().statusCode(400).body("field", equalTo("date"));
        given().contentType(ContentType.JSON).body(Map.of("type", "birthday", "date", "2020-13-45"))
                .post("/v1/customers/le-list/life-events").then().statusCode(400).body("field", equalTo("date"));
        event("le-nobody", "birthday", TODAY).then().statusCode(404).body("field", equalTo("id"));
        given().contentType(ContentType.JSON).body(Map.of("title", "t", "message", "m", "channels", List.of("web"),
                        "businessValue", 1, "lifeEvent", Map.of("type", "birthday", "daysBefore", 400, "daysAfter", 0)))
                .put("/v1/offers/le-bad").then().statusCode(400).body("field", containsString("lifeEvent.daysBefore"));
    }

    private static void person(String id) {
        Customers.customer(id);
        Consenting.grant(id);
    }

    private static io.restassured.response.Response event(String customer, String type, LocalDate date) {
        return given().contentType(ContentType.JSON).body(Map.of("type", type, "date", date.toString(), "source", "crm"))
                .post("/v1/customers/" + customer + "/life-events");
    }

    private static JsonPath decide(String customer, boolean explain) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("customerId", customer, "channel", "web", "placement", "le-slot", "explain", explain))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
    }
}
