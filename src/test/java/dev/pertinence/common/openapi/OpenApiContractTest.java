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
