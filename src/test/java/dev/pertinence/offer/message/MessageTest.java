package dev.pertinence.offer.message;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.consent.Consenting;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Offer messages as templates with neutral fallbacks, on real PostgreSQL and Redis. Placement msg-slot, customers msg-*. */
@QuarkusTest
class MessageTest {

    private static final String TEMPLATE = "{customer.greeting}, as a {customer.tier} member with {customer.points} "
            + "you get 10 % off at {customer.homeStore}.";

    @BeforeEach
    void offer() {
        offer("msg-offer", TEMPLATE, null).then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)))
                .body("message", equalTo(TEMPLATE)).body("messageReliability", equalTo("declared"));
        offer("msg-verified", "Hello {customer.firstName}!", "verified")
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
    }

    @Test
    void theMessageIsRenderedForThePerson() {
        customer("msg-jeanne", Map.of("firstName", "Jeanne", "lastName", "Rousseau", "gender", "female", "loyaltyTier", "gold",
                "loyaltyPoints", 1200, "homeStore", "Lyon Part-Dieu"));
        assertEquals("Dear Ms Rousseau, as a gold member with 1,200 points you get 10 % off at Lyon Part-Dieu.",
                message("msg-jeanne", "msg-offer"));
        assertEquals("Hello valued customer!", message("msg-jeanne", "msg-verified"), "her first name is only declared");
    }

    @Test
    void aPersonWithEveryFieldMissingGetsTheNeutralFallbacks() {
        customer("msg-nobody", Map.of());
        String rendered = message("msg-nobody", "msg-offer");
        assertEquals("Dear customer, as a valued member with your points you get 10 % off at your nearest store.", rendered);
        assertFalse(rendered.contains("null") || rendered.contains("  "), rendered);
        assertEquals("Hello valued customer!", message("msg-nobody", "msg-verified"));
    }

    @Test
    void aVerifiedNameIsUsedAndAnUnreliableGenderGivesNoTitle() {
        Map<String, Object> profile = new HashMap<>(Map.of("firstName", "Paul", "lastName", "Martin", "gender", "male"));
        profile.put("provenance", Map.of("firstName", Map.of("source", "id-card", "reliability", "verified"),
                "gender", Map.of("source", "model", "reliability", "inferred")));
        customer("msg-paul", profile);
        assertEquals("Hello Paul!", message("msg-paul", "msg-verified"));
        assertEquals("Dear Paul Martin, as a valued member with your points you get 10 % off at your nearest store.",
                message("msg-paul", "msg-offer"));
    }

    @Test

    @InvalidRequests
    void aMessageThatCannotBeRenderedIsRefusedWhenTheOfferIsSaved() {
        offer("msg-bad", "Hello {customer.firstName", null).then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("message")).body("detail", containsString("not a valid template"));
        offer("msg-bad", "Hello {customer.nickname}", null).then().statusCode(400)
                .body("field", equalTo("message")).body("detail", containsString("customer.greeting"));
        offer("msg-bad", "Hi {customer.firstName}", "sometimes").then().statusCode(400).body("field", equalTo("messageReliability"));
    }

    @Test
    void aMessageThatWouldLoopReadConfigurationOrCallBeansIsRefusedAtOnce() {
        long started = System.nanoTime();
        offer("msg-loop", "{#for a in 1000}{#for b in 1000}{#for c in 1000}{customer.fullName}{/for}{/for}{/for}", null)
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("message")).body("detail", containsString("{#for} at line 1 is not allowed"));
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "refused, not rendered");
        offer("msg-loop", "{config:quarkus.datasource.password}", null).then().statusCode(400)
                .body("detail", containsString("no namespace (config:)"));
        offer("msg-loop", "{inject:offerService}", null).then().statusCode(400).body("field", equalTo("message"));
        given().get("/v1/offers/msg-loop").then().statusCode(404);
        offer("msg-if", "{#if customer.tier == 'gold'}Gold, {customer.points}{#else}Hello {customer.firstName ?: 'friend'}{/if}!", null)
                .then().statusCode(201);
        customer("msg-gold", Map.of("firstName", "Jeanne", "loyaltyTier", "gold", "loyaltyPoints", 1200));
        assertEquals("Gold, 1,200 points!", message("msg-gold", "msg-if"));
    }

    private static io.restassured.response.Response offer(String id, String message, String reliability) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Offer " + id, "message", message, "category", "cat-" + id,
                "channels", List.of("web"), "placements", List.of("msg-slot"), "businessValue", 5));
        if (reliability != null) {
            body.put("messageReliability", reliability);
        }
        return given().contentType(ContentType.JSON).body(body).put("/v1/offers/" + id);
    }

    private static void customer(String id, Map<String, Object> profile) {
        given().contentType(ContentType.JSON).body(profile).put("/v1/customers/" + id)
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        Consenting.grant(id);
    }

    private static String message(String customer, String offer) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", customer, "channel", "web", "placement", "msg-slot",
                        "limit", 10, "allowSameCategory", true))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath()
                .getString("offers.find { it.offerId == '" + offer + "' }.message");
    }
}
