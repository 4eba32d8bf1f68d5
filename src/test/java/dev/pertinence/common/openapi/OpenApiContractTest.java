package dev.pertinence.common.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checked-in openapi.yaml is the contract: the running service must serve exactly it. After
 * an intended API change, regenerate it with
 * {@code ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.update=true} and review the diff.
 */
@QuarkusTest
class OpenApiContractTest {

    private static final Path CONTRACT = Path.of("openapi.yaml");
    private final ObjectMapper yaml = new ObjectMapper(new YAMLFactory());

    @Test
    void theRunningServiceServesTheCheckedInContract() throws Exception {
        String served = given().queryParam("format", "yaml").get("/q/openapi").then().statusCode(200).extract().asString();
        if (Boolean.getBoolean("openapi.update")) {
            Files.writeString(CONTRACT, served, StandardCharsets.UTF_8);
        }
        JsonNode expected = yaml.readTree(Files.readString(CONTRACT));
        JsonNode actual = yaml.readTree(served);
        if (!expected.equals(actual)) {
            fail("openapi.yaml and the running service disagree on: " + differences(expected, actual, "")
                    + ". If the change is intended: ./mvnw test -Dtest=OpenApiContractTest -Dopenapi.update=true");
        }
    }

    @Test
    void everyOperationIsVersionedAndDocumentsItsProblems() throws Exception {
        JsonNode contract = yaml.readTree(Files.readString(CONTRACT));
        contract.get("paths").fields().forEachRemaining(path -> {
            assertTrue(path.getKey().startsWith("/v1/"), path.getKey() + " is not under /v1");
            path.getValue().fields().forEachRemaining(operation -> {
                if (!List.of("get", "put", "post", "delete", "patch").contains(operation.getKey())) {
                    return;
                }
                JsonNode responses = operation.getValue().get("responses");
                assertEquals("#/components/schemas/Problem",
                        responses.get("400").get("content").get("application/problem+json").get("schema").get("$ref").asText(),
                        operation.getKey() + " " + path.getKey());
            });
        });
    }

    @Test
    void everyOperationHasItsOwnSensibleOperationId() throws Exception {
        List<String> ids = new ArrayList<>();
        forEachOperation((name, operation) -> {
            String id = operation.path("operationId").asText("");
            assertTrue(id.matches("[a-z][A-Za-z]{2,40}"), name + " has operationId '" + id + "'");
            ids.add(id);
        });
        assertEquals(65, ids.size());
        assertEquals(ids.size(), new java.util.HashSet<>(ids).size(), "duplicate operationIds in " + ids);
    }

    @Test
    void schemaNamesAreUniqueWithoutNumberedTwins() throws Exception {
        yaml.readTree(Files.readString(CONTRACT)).get("components").get("schemas").fieldNames().forEachRemaining(name ->
                assertTrue(!Character.isDigit(name.charAt(name.length() - 1)), name + ": two classes share a schema name; give one @Schema(name=...)"));
    }

    @Test
    void everySuccessWithABodyDeclaresItAndEveryFailureIsAProblem() throws Exception {
        forEachOperation((name, operation) -> operation.get("responses").fields().forEachRemaining(answer -> {
            String status = answer.getKey();
            JsonNode content = answer.getValue().path("content");
            if (status.equals("201") || status.equals("200")) {
                assertTrue(content.fieldNames().hasNext() && content.elements().next().has("schema"),
                        name + " " + status + " declares no body schema");
            } else if (status.startsWith("4") || status.startsWith("5")) {
                if (status.equals("414") || status.equals("431")) {
                    return; // the HTTP layer answers these before the service, with no body
                }
                if (answer.getValue().has("$ref")) {
                    return; // the shared 503
                }
                assertEquals("#/components/schemas/Problem", content.path("application/problem+json").path("schema").path("$ref").asText(),
                        name + " " + status);
            }
        }));
    }

    @Test
    void requestBodiesSayUnknownFieldsAreRefused() throws Exception {
        JsonNode schemas = yaml.readTree(Files.readString(CONTRACT)).get("components").get("schemas");
        for (String request : List.of("OfferRequest", "DecisionRequest", "CustomerRequest", "FrequencyCapRequest", "CascadeStepRequest")) {
            assertEquals(false, schemas.get(request).path("additionalProperties").asBoolean(true), request);
        }
        // an answer stays open to new fields, so older clients keep reading it
        assertTrue(schemas.get("DecisionResponse").path("additionalProperties").isMissingNode());
    }

    private void forEachOperation(java.util.function.BiConsumer<String, JsonNode> check) throws Exception {
        JsonNode contract = yaml.readTree(Files.readString(CONTRACT));
        contract.get("paths").fields().forEachRemaining(path -> path.getValue().fields().forEachRemaining(operation -> {
            if (List.of("get", "put", "post", "delete", "patch").contains(operation.getKey())) {
                check.accept(operation.getKey().toUpperCase() + " " + path.getKey(), operation.getValue());
            }
        }));
    }

    private static List<String> differences(JsonNode expected, JsonNode actual, String at) {
        List<String> found = new ArrayList<>();
        if (expected.isObject() && actual.isObject()) {
            expected.fieldNames().forEachRemaining(name -> {
                if (!actual.has(name)) {
                    found.add(at + "/" + name + " (only in openapi.yaml)");
                } else {
                    found.addAll(differences(expected.get(name), actual.get(name), at + "/" + name));
                }
            });
            actual.fieldNames().forEachRemaining(name -> {
                if (!expected.has(name)) {
                    found.add(at + "/" + name + " (only in the service)");
                }
            });
        } else if (!expected.equals(actual)) {
            found.add(at);
        }
        return found;
    }
}
