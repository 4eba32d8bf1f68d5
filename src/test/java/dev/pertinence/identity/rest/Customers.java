package dev.pertinence.identity.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.Map;

/** Test set-up through the API: customers, their identifiers, their purchases. */
public final class Customers {

    private Customers() {
    }

    /** A customer whose one segment is their id. */
    public static void customer(String id) {
        given().contentType(ContentType.JSON).body("{\"segments\": [\"" + id + "\"]}").put("/v1/customers/" + id)
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
    }

    public static Response link(String customer, String type, String value) {
        return given().contentType(ContentType.JSON).body(Map.of("type", type, "value", value, "source", "crm"))
                .post("/v1/customers/" + customer + "/identifiers");
    }

    public static Response purchase(String customer, String sku) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", customer, "sku", sku,
                "purchasedAt", "2026-01-04T10:00:00Z")).post("/v1/purchases");
    }
}
