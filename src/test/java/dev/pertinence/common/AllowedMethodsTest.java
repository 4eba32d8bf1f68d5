package dev.pertinence.common;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** 405 answers carry Allow with the path's real methods, and OPTIONS lists a path's own methods, not its siblings'. */
@QuarkusTest
class AllowedMethodsTest {

    @Test
    void aMethodThePathDoesNotAnswerIs405WithAllow() {
        given().delete("/v1/offers").then().statusCode(405).contentType("application/problem+json")
                .header("Allow", "GET, HEAD, OPTIONS, POST, PUT").body("status", equalTo(405))
                .body("detail", containsString("DELETE is not answered here"));
        given().patch("/v1/offers/o-1").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS, PUT");
        given().post("/v1/offers/o-1").then().statusCode(405).header("Allow", "GET, HEAD, OPTIONS, PUT");
        // a resource whose only path is its class's: JAX-RS answered a bare 404 "Unable to find matching target resource method"
        given().get("/v1/customers/am-1/merge").then().statusCode(405).contentType("application/problem+json")
                .header("Allow", "OPTIONS, POST");
        given().put("/v1/decisions").then().statusCode(405).header("Allow", "OPTIONS, POST");
        // no such path is still 404
        given().get("/v1/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void optionsListsThePathsOwnMethods() {
        given().options("/v1/offers/o-1").then().statusCode(200).header("Allow", "GET, HEAD, OPTIONS, PUT");
        given().options("/v1/offers").then().statusCode(200).header("Allow", "GET, HEAD, OPTIONS, POST, PUT");
        given().options("/v1/offers/o-1/pause").then().statusCode(200).header("Allow", "OPTIONS, POST");
        given().options("/v1/decisions").then().statusCode(200).header("Allow", "OPTIONS, POST"); // no HEAD without GET
        given().options("/v1/customers/am-1/identifiers/email:a@b.c").then().statusCode(200).header("Allow", "DELETE, OPTIONS");
        given().options("/v1/nothing-here").then().statusCode(404);
    }

    /**
     * Walks the contract: OPTIONS on every path answers exactly the operations openapi.yaml declares
     * for the templates that path matches (/v1/products/import is also /v1/products/{sku}: GET and
     * PUT reach the product named "import").
     */
    @Test
    void everyPathOfTheContractAllowsExactlyItsOperations() throws Exception {
        JsonNode paths = new ObjectMapper(new YAMLFactory()).readTree(Files.readString(Path.of("openapi.yaml"))).get("paths");
        Map<String, Set<String>> operations = new TreeMap<>();
        paths.fields().forEachRemaining(path -> {
            Set<String> declared = new TreeSet<>();
            path.getValue().fieldNames().forEachRemaining(operation -> {
                if (Set.of("get", "put", "post", "delete", "patch").contains(operation)) {
                    declared.add(operation.toUpperCase(Locale.ROOT));
                }
            });
            operations.put(path.getKey(), declared);
        });
        for (String template : operations.keySet()) {
            String concrete = template.replaceAll("\\{[^}]+}", "x-1");
            Set<String> expected = new TreeSet<>(Set.of("OPTIONS"));
            operations.forEach((other, declared) -> {
                if (concrete.matches(other.replaceAll("\\{[^}]+}", "[^/]+"))) {
                    expected.addAll(declared);
                }
            });
            if (expected.contains("GET")) {
                expected.add("HEAD");
            }
            String allow = given().options(concrete).then().statusCode(200).extract().header("Allow");
            assertEquals(String.join(", ", expected), allow, template);
        }
        assertTrue(operations.size() > 30, "walked " + operations.keySet());
    }
}
