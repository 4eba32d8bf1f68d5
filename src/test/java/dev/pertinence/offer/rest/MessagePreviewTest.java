package dev.pertinence.offer.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.pertinence.common.openapi.InvalidRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** POST /v1/messages/previews: a message for a described person beside its neutral fallbacks, checked as a save checks it. */
@QuarkusTest
class MessagePreviewTest {

    private static final String MESSAGE = "{customer.greeting}, {customer.points} wait for you at {store.name}";

    @Test
    void theDescribedPersonAndSomeoneUnknown() {
        given().contentType(ContentType.JSON).body(Map.of("message", MESSAGE, "person", Map.of("firstName", "Jeanne", "lastName",
                        "Rousseau", "gender", "female", "loyaltyTier", "gold", "loyaltyPoints", 1200), "storeName", "Lyon Part-Dieu"))
                .post("/v1/messages/previews").then().statusCode(200)
                .body("forPerson", equalTo("Dear Ms Rousseau, 1,200 points wait for you at Lyon Part-Dieu"))
                .body("neutral", equalTo("Dear customer, your points wait for you at Lyon Part-Dieu"));
    }

    @Test
    void whatIsLeftOutShowsItsFallback() {
        given().contentType(ContentType.JSON).body(Map.of("message", MESSAGE, "person", Map.of("firstName", "Jeanne")))
                .post("/v1/messages/previews").then().statusCode(200)
                .body("forPerson", equalTo("Dear Jeanne, your points wait for you at our store"))
                .body("neutral", equalTo("Dear customer, your points wait for you at our store"));
        given().contentType(ContentType.JSON).body(Map.of("message", "Plain words")).post("/v1/messages/previews").then().statusCode(200)
                .body("forPerson", equalTo("Plain words")).body("neutral", equalTo("Plain words"));
    }

    @Test
    void aMessageASaveWouldRefuseIsRefusedNamingIt() {
        given().contentType(ContentType.JSON).body(Map.of("message", "{#for x in customer}{x}{/for}")).post("/v1/messages/previews")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("message"));
        given().contentType(ContentType.JSON).body(Map.of("message", "Hello {customer.shoeSize}")).post("/v1/messages/previews")
                .then().statusCode(400).body("field", equalTo("message")).body("detail", containsString("message:"));
    }

    @Test
    @InvalidRequests
    void aRequestThatIsNotAPreviewIsRefused() {
        given().contentType(ContentType.JSON).body(Map.of()).post("/v1/messages/previews").then().statusCode(400)
                .body("field", equalTo("message"));
        given().contentType(ContentType.JSON).body(Map.of("message", "")).post("/v1/messages/previews").then().statusCode(400)
                .body("field", equalTo("message"));
        given().contentType(ContentType.JSON).body(Map.of("message", "Hi", "customerId", "c-42")).post("/v1/messages/previews")
                .then().statusCode(400).body("field", equalTo("customerId"));
        given().contentType(ContentType.JSON).body(Map.of("message", "Hi", "person", Map.of("loyaltyPoints", -1)))
                .post("/v1/messages/previews").then().statusCode(400).body("field", equalTo("person.loyaltyPoints"));
        given().contentType(ContentType.JSON).body(Map.of("message", "x".repeat(2001))).post("/v1/messages/previews").then()
                .statusCode(400).body("field", equalTo("message"));
    }
}
