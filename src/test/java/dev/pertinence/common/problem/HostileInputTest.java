package dev.pertinence.common.problem;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/** What bench/hostile.sh found answered 500 once: values PostgreSQL refuses are the client's problem. */
@QuarkusTest
@InvalidRequests
class HostileInputTest {

    @Test
    void aNulCharacterInAPathOrABodyIsABadRequestNotAServerFault() {
        given().urlEncodingEnabled(false).get("/v1/offers/%00").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("id")).body("detail", equalTo("id: must not contain the NUL character (\\u0000)"));
        given().contentType(ContentType.JSON).body("{\"firstName\": \"Jea\\u0000nne\"}").put("/v1/customers/hi-nul")
                .then().statusCode(400).contentType("application/problem+json").body("status", equalTo(400))
                .body("field", equalTo("firstName"));
    }

    @Test
    void aNulCharacterInACsvImportIsRefusedBeforeAnySql() {
        given().contentType("text/csv").body("order_id,customer_id,sku,quantity,price,timestamp\nhi-o1,hi-c\u0000,hi-s,1,1.00,2026-01-01\n")
                .post("/v1/purchases/import").then().statusCode(400).contentType("application/problem+json")
                .body("title", equalTo("Invalid CSV")).body("field", equalTo("line 2.line"))
                .body("detail", startsWith("line 2, line: field 2 must not contain the NUL character (\\u0000)"));
    }
}
