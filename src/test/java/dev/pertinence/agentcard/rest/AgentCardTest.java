package dev.pertinence.agentcard.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.consent.Consenting;
import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The call-centre card on real PostgreSQL and Redis. Customers ac-card-*, offers ac-*. */
@QuarkusTest
class AgentCardTest {

    @Test
    void oneCallGivesTheEssentialsAndOffersWithTalkingPoints() {
        for (String id : List.of("ac-o1", "ac-o2", "ac-o3", "ac-o4")) {
            given().contentType(ContentType.JSON).body(Map.of("title", "Offer " + id, "message", "Say: " + id, "category",
                            "cat-" + id, "channels", List.of("call_centre"), "placements", List.of("agent-card"), "businessValue",
                            1000 + id.charAt(4)))
                    .put("/v1/offers/" + id).then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        }
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Jeanne", "lastName", "Rousseau", "segments",
                        List.of("ac-gold", "ac-parents"), "loyaltyTier", "gold", "loyaltyPoints", 1200, "homeStore", "st-lyon"))
                .put("/v1/customers/ac-card-1").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        Consenting.grant("ac-card-1", "phone");
        Customers.link("ac-card-1", "phone", "06 11 22 33 44").then().statusCode(201);
        for (int day = 1; day <= 6; day++) {
            given().contentType(ContentType.JSON).body(Map.of("customerId", "ac-card-1", "sku", "ac-sku-" + day,
                    "purchasedAt", Instant.now().minus(day, ChronoUnit.DAYS).toString())).post("/v1/purchases").then().statusCode(201);
        }
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        lifeEvent("ac-card-1", "child_birthday", today.plusDays(10).minusYears(5));
        lifeEvent("ac-card-1", "wedding", today.plusDays(100).minusYears(8));

        JsonPath card = given().get("/v1/customers/phone:+33611223344/agent-card").then().statusCode(200)
                .body("customerId", equalTo("ac-card-1"))
                .body("name", equalTo("Jeanne Rousseau"))
                .body("segment", equalTo("ac-gold"))
                .body("loyalty.tier", equalTo("gold")).body("loyalty.points", equalTo(1200))
                .body("homeStore", equalTo("st-lyon"))
                .body("lastPurchases.sku", contains("ac-sku-1", "ac-sku-2", "ac-sku-3", "ac-sku-4", "ac-sku-5"))
                .body("upcomingLifeEvents.label", contains("Child's birthday in 10 days"))
                .body("consents.profiling", equalTo(true)).body("consents.offers.phone", equalTo(true))
                .body("decisionId", notNullValue())
                .extract().jsonPath();
        List<String> offers = card.getList("offers.offerId");
        assertEquals(3, offers.size(), card.prettify());
        assertEquals(List.of("ac-o4", "ac-o3", "ac-o2"), offers, "best first");
        assertEquals("Say: ac-o4", card.getString("offers[0].talkingPoints[0]"));
        assertFalse(card.getList("offers[0].talkingPoints").toString().contains("Business value"));

        // the agent reports the answer with the card's decision id
        given().contentType(ContentType.JSON).body(Map.of("eventId", "ac-ev-1", "offerId", "ac-o4", "type", "accept"))
                .post("/v1/decisions/" + card.getString("decisionId") + "/outcomes").then().statusCode(201);
        given().get("/v1/customers/ac-card-1/agent-card?offers=2").then().statusCode(200).body("offers.size()", equalTo(2));
    }

    @Test
    void withoutPhoneConsentTheCardSaysWhyThereIsNothingToOffer() {
        Customers.customer("ac-card-2");
        Consenting.grant("ac-card-2");
        JsonPath card = given().get("/v1/customers/ac-card-2/agent-card").then().statusCode(200)
                .body("name", org.hamcrest.Matchers.nullValue())
                .body("lastPurchases.size()", equalTo(0)).body("upcomingLifeEvents.size()", equalTo(0))
                .body("consents.offers.phone", equalTo(false))
                .extract().jsonPath();
        assertTrue(card.getList("offers").isEmpty());
        assertTrue(card.getList("notes").contains("No consent to offers on phone recorded: nothing proposed"), card.prettify());
    }

    @Test

    @InvalidRequests
    void badCardRequestsAreProblems() {
        given().get("/v1/customers/ac-nobody/agent-card").then().statusCode(404).contentType("application/problem+json")
                .body("field", equalTo("id"));
        Customers.customer("ac-card-3");
        given().get("/v1/customers/ac-card-3/agent-card?offers=7").then().statusCode(400).contentType("application/problem+json");
        given().get("/v1/customers/phone:12/agent-card").then().statusCode(400).body("field", equalTo("id"));
        given().get("/v1/customers/ac-card-3/agent-card").then().statusCode(200).body("customerId", equalTo("ac-card-3"));
    }

    private static void lifeEvent(String customer, String type, LocalDate date) {
        given().contentType(ContentType.JSON).body(Map.of("type", type, "date", date.toString()))
                .post("/v1/customers/" + customer + "/life-events").then().statusCode(201);
    }
}
