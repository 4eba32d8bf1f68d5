package dev.pertinence.common.params;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/**
 * Found by 39,114 requests generated from openapi.yaml: a page number that overflowed (500, or
 * page 0 again), and malformed numbers answered with a bare 404 naming nothing.
 */
@QuarkusTest
@InvalidRequests // every test here sends what the contract refuses, on purpose
class ParameterCheckTest {

    @Test
    void aPageBeyondTheBoundIsRefusedNotWrappedAround() {
        refused(given().get("/v1/offers?page=2147483646&size=50"), "page", "page x size must be at most 100000");
        refused(given().get("/v1/offers?page=42949673&size=100"), "page", "page x size must be at most 100000");
        refused(given().get("/v1/offers?page=2001&size=50"), "page", "(2001 x 50)");
        given().get("/v1/offers?page=2000&size=50").then().statusCode(200).body("items.size()", equalTo(0)); // at the bound
        given().get("/v1/offers?page=0&size=500").then().statusCode(200);
        refused(given().get("/v1/offers?page=-1"), "page", "page");
        refused(given().get("/v1/offers?size=501"), "size", "size");
        refused(given().get("/v1/offers?size=0"), "size", "size");
    }

    @Test
    void aMalformedNumberIsABadRequestNamingTheParameter() {
        Customers.customer("pc-anna");
        refused(given().get("/v1/offers?size=abc"), "size", "size: must be an integer");
        refused(given().get("/v1/offers?page=1.5"), "page", "page: must be an integer");
        refused(given().get("/v1/offers?page=99999999999"), "page", "page: must be an integer from -2147483648 to 2147483647");
        refused(given().get("/v1/offers?page="), "page", "page: must be an integer");
        refused(given().get("/v1/customers/pc-anna/exposures?limit=abc"), "limit", "limit: must be an integer");
        refused(given().get("/v1/customers/pc-anna/agent-card?offers=abc"), "offers", "offers: must be an integer");
        refused(given().delete("/v1/customers/pc-anna/life-events/abc"), "eventId", "eventId: must be an integer");
        refused(given().delete("/v1/customers/pc-anna/life-events/99999999999999999999"), "eventId", "eventId: must be an integer");
        // well-formed still passes through to the resource
        given().queryParam("page", "+1").queryParam("size", "10").get("/v1/offers").then().statusCode(200);
        given().delete("/v1/customers/pc-anna/life-events/12345").then().statusCode(404);
    }

    @Test
    void aBooleanOtherThanTrueOrFalseIsRefusedNotReadAsFalse() {
        Customers.customer("pc-bob");
        for (String bad : new String[] {"yes", "1", "TRUE", "", "on"}) {
            refused(given().queryParam("dryRun", bad).get("/v1/customers/pc-bob/agent-card"), "dryRun",
                    "dryRun: must be true or false");
        }
        given().queryParam("dryRun", "false").get("/v1/customers/pc-bob/agent-card").then().statusCode(200);
        given().queryParam("dryRun", "true").get("/v1/customers/pc-bob/agent-card").then().statusCode(200)
                .body("dryRun", equalTo(true));
    }

    @Test
    void aNulCharacterInAPathOrQueryParameterIsNamedBeforeAnySql() {
        refused(given().urlEncodingEnabled(false).get("/v1/offers/%00"), "id", "id: must not contain the NUL character");
        refused(given().urlEncodingEnabled(false).get("/v1/customers/a%00b"), "id", "id: must not contain the NUL character");
        refused(given().urlEncodingEnabled(false).get("/v1/offers?channel=web%00"), "channel",
                "channel: must not contain the NUL character");
    }

    private static void refused(Response response, String field, String detail) {
        response.then().statusCode(400).contentType("application/problem+json")
                .body("status", equalTo(400)).body("field", equalTo(field)).body("detail", containsString(detail));
    }
}
