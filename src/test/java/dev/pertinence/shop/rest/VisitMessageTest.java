package dev.pertinence.shop.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.consent.Consenting;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Entering the same store again within the visit window greets the customer as the first time did: the message
 * is kept with the coupon (it once came back rendered for nobody, "Hello valued customer"). Store st-vm, offer vm-*.
 */
@QuarkusTest
class VisitMessageTest {

    private static final double LAT = 47.2184; // Nantes: no other test puts a store here
    private static final double LON = -1.5536;

    @Test
    void aRepeatedVisitShowsTheSamePersonalMessage() {
        given().contentType(ContentType.JSON).body(Map.of("name", "Nantes Commerce", "latitude", LAT, "longitude", LON,
                "radiusMeters", 100)).put("/v1/stores/st-vm").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        given().contentType(ContentType.JSON).body(Map.of("title", "Coffee", "message", "Hello {customer.firstName}, a coffee on us",
                        "category", "vm-cat", "channels", List.of("store"), "placements", List.of("store-entry"), "businessValue", 40,
                        "rule", "context.storeId == 'st-vm'"))
                .put("/v1/offers/vm-coffee").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Ana", "lastName", "Lopes"))
                .put("/v1/customers/vm-ana").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        Consenting.grant("vm-ana", "push");

        JsonPath first = visit();
        int coffee = first.getList("offers.offerId").indexOf("vm-coffee");
        assertTrue(coffee >= 0, first.prettify());
        assertEquals("Hello Ana, a coffee on us", first.getString("offers[" + coffee + "].message"));

        JsonPath again = visit();
        assertTrue(again.getString("notes[0]").startsWith("Same visit as "), again.prettify());
        assertEquals(first.getString("decisionId"), again.getString("decisionId"));
        assertEquals(first.getList("offers.message"), again.getList("offers.message"), "the same greeting, not 'valued customer'");
        assertEquals(first.getList("offers.couponCode"), again.getList("offers.couponCode"));
    }

    private static JsonPath visit() {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", "vm-ana", "latitude", LAT, "longitude", LON))
                .post("/v1/store-visits").then().statusCode(200).extract().jsonPath();
    }
}
