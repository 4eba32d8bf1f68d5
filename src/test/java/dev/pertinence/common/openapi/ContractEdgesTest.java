package dev.pertinence.common.openapi;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.pertinence.common.Tokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The answers a generated client meets at the edges of the contract: refused tokens on every
 * operation, an Accept header it cannot satisfy, a request line or headers too long. Each answer
 * goes through ContractValidation, so its status and body must be the ones openapi.yaml states.
 */
@QuarkusTest
class ContractEdgesTest {

    @Test
    @InvalidRequests
    void everyOperationAnswersARefusedTokenWithTheProblemTheContractStates() throws Exception {
        JsonNode contract = new ObjectMapper(new YAMLFactory()).readTree(Path.of("openapi.yaml").toFile());
        List<String> wrong = new ArrayList<>();
        int operations = 0;
        for (var path = contract.get("paths").fields(); path.hasNext(); ) {
            var entry = path.next();
            // a value every path parameter accepts: a UUID is also a valid id
            String concrete = entry.getKey().replaceAll("\\{[^}]+}", "01234567-89ab-4cde-8f01-23456789abcd");
            for (var method = entry.getValue().fieldNames(); method.hasNext(); ) {
                String verb = method.next().toUpperCase();
                if (!List.of("GET", "PUT", "POST", "DELETE").contains(verb)) {
                    continue;
                }
                operations++;
                // the media type it consumes, else 415 comes first
                JsonNode body = entry.getValue().get(verb.toLowerCase()).path("requestBody").path("content");
                String type = body.isObject() && body.fieldNames().hasNext() ? body.fieldNames().next() : "application/json";
                Response unknown = given().header("Authorization", "Bearer not-a-token").contentType(type).body("{}").request(verb, concrete);
                Response roleless = given().header("Authorization", "Bearer " + Tokens.of()).contentType(type).body("{}").request(verb, concrete);
                if (unknown.statusCode() != 401 || !unknown.contentType().startsWith("application/problem+json")) {
                    wrong.add(verb + " " + concrete + " without a valid token: " + unknown.statusCode() + " " + unknown.contentType());
                }
                if (roleless.statusCode() != 403 || !roleless.contentType().startsWith("application/problem+json")) {
                    wrong.add(verb + " " + concrete + " without a role: " + roleless.statusCode() + " " + roleless.contentType());
                }
            }
        }
        assertEquals(65, operations, "operations in openapi.yaml");
        assertEquals(List.of(), wrong);
    }

    @Test
    @InvalidRequests // an Accept header the contract does not offer
    void anAcceptHeaderTheAnswerCannotMeetIsA406Problem() {
        given().accept("text/csv").get("/v1/offers/ce-any").then().statusCode(406)
                .contentType("application/problem+json").body("status", equalTo(406));
        given().accept("application/xml").contentType(ContentType.JSON).body("{\"channel\": \"web\"}").post("/v1/decisions")
                .then().statusCode(406).contentType("application/problem+json");
    }

    @Test
    void whatAGeneratedClientAcceptsIsServed() {
        // openapi-generator's clients send both media types; a 201 must come back as JSON, not 406
        given().accept("application/json, application/problem+json").contentType(ContentType.JSON)
                .body("{\"name\": \"Edge store\", \"latitude\": 48.85, \"longitude\": 2.35, \"radiusMeters\": 150}")
                .put("/v1/stores/ce-store-1").then().statusCode(201).contentType(ContentType.JSON).body("id", equalTo("ce-store-1"));
        // a 204 operation documents problems only, so that is all a generated client accepts: it was 406
        given().accept("application/problem+json").delete("/v1/customers/ce-nobody/life-events/1").then().statusCode(404)
                .contentType("application/problem+json").body("field", equalTo("id"));
        given().accept("application/problem+json").delete("/v1/customers/ce-nobody/identifiers/email:a@b.c").then().statusCode(404)
                .contentType("application/problem+json");
    }

    @Test
    @InvalidRequests
    void aRequestLineOrHeadersTooLongAreRefusedByTheHttpLayerAsTheContractStates() {
        assertEquals(414, given().get("/v1/offers/" + "x".repeat(5_000)).statusCode());
        Response tooManyHeaders = given().header("X-Padding", "y".repeat(21 * 1024)).get("/v1/offers/ce-any");
        assertEquals(431, tooManyHeaders.statusCode());
        assertTrue(tooManyHeaders.asString().isEmpty() || tooManyHeaders.statusCode() == 431);
    }
}
