package dev.pertinence.contact.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pertinence.consent.Consenting;
import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Channel appetence from real outcomes. Placement ap-slot, customers ap-*. */
@QuarkusTest
class AppetenceTest {

    @Test

    @InvalidRequests
    void theChannelAPersonAnswersOnIsTheBestOneTheyConsentedTo() {
        given().contentType(ContentType.JSON).body(Map.of("title", "Hello", "message", "m", "category", "ap-cat",
                        "channels", List.of("email", "sms"), "placements", List.of("ap-slot"), "businessValue", 5))
                .put("/v1/offers/ap-offer").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        Customers.customer("ap-1");
        Consenting.grant("ap-1", "email", "sms");
        answer("ap-1", "email", "ap-ev-1", "impression");
        answer("ap-1", "sms", "ap-ev-2", "click");

        JsonPath appetence = given().get("/v1/customers/ap-1/channel-appetence").then().statusCode(200).extract().jsonPath();
        assertEquals("sms", appetence.getString("channels[0].channel"), appetence.prettify());
        assertEquals(1, appetence.getInt("channels[0].responded"));
        assertEquals(2.0 / 3, appetence.getDouble("channels[0].rate"), 1e-6);
        assertEquals(1.0 / 3, appetence.getDouble("channels.find { it.channel == 'email' }.rate"), 1e-6);
        assertEquals(0.5, appetence.getDouble("channels.find { it.channel == 'call_centre' }.rate"), 1e-6, "never tried: the prior");
        assertEquals("sms", appetence.getString("best"));
        // an outbound decision asks for the best channel itself
        given().contentType(ContentType.JSON).body(Map.of("customerId", "ap-1", "channel", "email", "placement", "ap-slot",
                        "bestChannelAmong", List.of("email", "sms"))).post("/v1/decisions").then().statusCode(200)
                .body("channel", equalTo("sms")) // and the SMS cap still holds: this week's SMS was sent above
                .body("notes", org.hamcrest.Matchers.hasItem("Contact cap reached: at most 1 per 7 days on sms"));

        given().contentType(ContentType.JSON).body(Map.of("consents", List.of(Map.of("purpose", "offers", "channel", "sms",
                "granted", false)))).put("/v1/customers/ap-1/consents").then().statusCode(200);
        assertEquals("email", given().get("/v1/customers/ap-1/channel-appetence").then().extract().jsonPath().getString("best"),
                "sms withdrawn: the best channel left");
        given().contentType(ContentType.JSON).body(Map.of("customerId", "ap-1", "channel", "sms", "placement", "ap-slot",
                        "bestChannelAmong", List.of("sms", "call_centre"))).post("/v1/decisions").then().statusCode(200)
                .body("channel", equalTo("sms")).body("offers.size()", equalTo(0)); // none consented among them: the channel asked
        given().contentType(ContentType.JSON).body(Map.of("customerId", "ap-1", "channel", "email", "placement", "ap-slot",
                        "bestChannelAmong", List.of("fax"))).post("/v1/decisions").then().statusCode(400)
                .body("field", org.hamcrest.Matchers.containsString("bestChannelAmong"));
        given().get("/v1/customers/ap-nobody/channel-appetence").then().statusCode(404).body("field", equalTo("id"));
    }

    private static void answer(String customer, String channel, String event, String type) {
        String decision = given().contentType(ContentType.JSON)
                .body(Map.of("customerId", customer, "channel", channel, "placement", "ap-slot"))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath().getString("decisionId");
        given().contentType(ContentType.JSON).body(Map.of("eventId", event, "offerId", "ap-offer", "type", type))
                .post("/v1/decisions/" + decision + "/outcomes").then().statusCode(201);
    }
}
