package dev.pertinence.customer.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class CustomerResourceTest {

    @Test
    void createsThenReplacesAProfileWithProvenance() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"firstName": "Jeanne", "lastName": "Rousseau", "gender": "female", "birthDate": "1985-04-12",
                         "segments": ["gold", "young-parents"], "loyaltyTier": "gold", "loyaltyPoints": 1200,
                         "provenance": {"firstName": {"source": "loyalty-card", "reliability": "verified"}}}""")
                .when().put("/v1/customers/cust-jr-1")
                .then().statusCode(201)
                .body("id", equalTo("cust-jr-1"))
                .body("segments", contains("gold", "young-parents"))
                .body("provenance.firstName.reliability", equalTo("verified"))
                .body("provenance.lastName.source", equalTo("api"))
                .body("provenance.lastName.reliability", equalTo("declared"))
                .body("provenance.region", nullValue());

        given().contentType(ContentType.JSON)
                .body("{\"firstName\": \"Jeanne\"}")
                .when().put("/v1/customers/cust-jr-1")
                .then().statusCode(200)
                .body("lastName", nullValue());

        given().when().get("/v1/customers/cust-jr-1")
                .then().statusCode(200)
                .body("firstName", equalTo("Jeanne"))
                .body("createdAt", notNullValue());
    }

    @Test
    void unknownCustomerIsAProblem() {
        given().when().get("/v1/customers/nobody-here")
                .then().statusCode(404)
                .contentType("application/problem+json")
                .body("status", equalTo(404))
                .body("title", equalTo("Not found"));
    }

    @Test

    @InvalidRequests
    void badInputsAreProblemsNamingTheField() {
        given().contentType(ContentType.JSON).body("{\"gender\": \"robot\"}")
                .when().put("/v1/customers/c-bad")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("gender"));
        given().contentType(ContentType.JSON).body("{\"loyaltyPoints\": -3}")
                .when().put("/v1/customers/c-bad")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("loyaltyPoints"));
        given().contentType(ContentType.JSON).body("{\"birthDate\": \"not-a-date\"}")
                .when().put("/v1/customers/c-bad")
                .then().statusCode(400).body("field", equalTo("birthDate"));
        given().contentType(ContentType.JSON).body("{\"firstName\": ")
                .when().put("/v1/customers/c-bad")
                .then().statusCode(400).body("title", equalTo("Malformed JSON"));
        given().contentType(ContentType.JSON).body("{\"fistName\": \"x\"}")
                .when().put("/v1/customers/c-bad")
                .then().statusCode(400).body("field", equalTo("fistName"));
        given().contentType(ContentType.JSON).body("{\"provenance\": {\"shoeSize\": {\"source\": \"x\", \"reliability\": \"verified\"}}}")
                .when().put("/v1/customers/c-bad")
                .then().statusCode(400).body("field", equalTo("provenance.shoeSize"));
        given().contentType(ContentType.JSON).body("{}")
                .when().put("/v1/customers/bad id with spaces")
                .then().statusCode(400).body("field", equalTo("id"));
    }
}
