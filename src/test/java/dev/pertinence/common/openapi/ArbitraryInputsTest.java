package dev.pertinence.common.openapi;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.booleans;
import static org.quicktheories.generators.SourceDSL.doubles;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;
import static org.quicktheories.generators.SourceDSL.strings;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;
import org.quicktheories.generators.Generate;

/**
 * Property-based tests of the API's inputs (QuickTheories): bodies made of the operation's own field
 * names and others, holding values of any JSON type (unicode strings, huge and negative numbers,
 * nulls, arrays, objects). Whatever comes in, the answer is never a server fault, a refusal is a
 * problem+json naming its status, and ContractValidation checks every answer against openapi.yaml.
 * A failure prints the smallest body found and the seed that replays it (qt().withFixedSeed(seed)).
 * 150 examples a property by default (-Dpertinence.properties.examples=N for a longer hunt).
 * <p>
 * Strings include NUL and lone surrogates (sent as JSON escapes): PostgreSQL cannot store either.
 */
@QuarkusTest
@InvalidRequests // the bodies are arbitrary on purpose; the answers are still checked against the contract
class ArbitraryInputsTest {

    private static final int EXAMPLES = Integer.getInteger("pertinence.properties.examples", 150);
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    /** Unicode from the basic planes without the surrogate block, and a few values the API knows. */
    private static final Gen<String> TEXT = Generate.oneOf(
            strings().betweenCodePoints(0x0, 0xD7FF).ofLengthBetween(0, 12),
            strings().betweenCodePoints(0xD800, 0xDFFF).ofLengthBetween(1, 2), // lone surrogates: only escaped JSON carries them
            strings().betweenCodePoints(0xE000, 0xFFFD).ofLengthBetween(0, 4),
            Generate.pick(List.of("", " ", "web", "email", "call_centre", "home", "pbt-zone", "gold", "PT1H", "P14D",
                    "2026-11-29T10:15:30Z", "1900-01-01", "😀", "customer.known", "'a' in customer.segments", "x".repeat(300), "a\u0000b")));

    private static final Gen<JsonNode> SCALAR = Generate.oneOf(
            Generate.constant(JSON::nullNode),
            booleans().all().map(JSON::booleanNode),
            integers().all().map(JSON::numberNode),
            longs().all().map(JSON::numberNode),
            doubles().any().map(d -> d.isNaN() || d.isInfinite() ? JSON.numberNode(0.0) : JSON.numberNode(d)),
            TEXT.map(JSON::textNode));

    private static final ObjectMapper ESCAPING = new ObjectMapper().enable(JsonWriteFeature.ESCAPE_NON_ASCII.mappedFeature());

    /** Half the bodies as UTF-8, half with every non-ASCII character escaped (the only way a lone surrogate travels). */
    private static final Gen<Boolean> ESCAPED = booleans().all();

    private static String text(JsonNode body, boolean escaped) {
        try {
            return escaped ? ESCAPING.writeValueAsString(body) : body.toString();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Gen<JsonNode> objectOf(List<String> knownFields, Gen<JsonNode> values) {
        Gen<String> names = Generate.oneOf(Generate.pick(knownFields), Generate.pick(knownFields), TEXT);
        return lists().of(names.zip(values, (name, value) -> new Object[] {name, value})).ofSizeBetween(0, knownFields.size() + 2)
                .map(pairs -> {
                    ObjectNode object = JSON.objectNode();
                    pairs.forEach(pair -> object.set((String) pair[0], (JsonNode) pair[1]));
                    return object;
                });
    }

    private static Gen<JsonNode> valuesFor(List<String> nestedFields) {
        Gen<JsonNode> array = lists().of(SCALAR).ofSizeBetween(0, 4).map(items -> {
            ArrayNode node = JSON.arrayNode();
            items.forEach(node::add);
            return node;
        });
        return Generate.oneOf(SCALAR, SCALAR, array, objectOf(nestedFields, SCALAR));
    }

    private static final List<String> DECISION = List.of("customerId", "visitorId", "channel", "placement", "context", "limit",
            "explain", "allowSameCategory", "bestChannelAmong");
    private static final List<String> DECISION_CONTEXT = List.of("time", "cart", "currentProduct", "location", "storeId",
            "latitude", "longitude", "sku", "quantity");
    private static final List<String> OFFER = List.of("id", "title", "message", "category", "targetSkus", "targetCategories",
            "channels", "validFrom", "validUntil", "businessValue", "lever", "rule", "frequencyCap", "lifeEvent", "messageReliability");
    private static final List<String> CUSTOMER = List.of("firstName", "lastName", "gender", "birthDate", "region", "postalCode",
            "segments", "loyaltyTier", "loyaltyPoints", "homeStore");

    @Test
    void anyDecisionBodyIsAnsweredWithinTheContractAndNeverWithAServerFault() {
        qt().withExamples(EXAMPLES).forAll(objectOf(DECISION, valuesFor(DECISION_CONTEXT)), ESCAPED)
                .checkAssert((body, escaped) -> answeredWithinTheContract(
                        given().contentType(ContentType.JSON).body(text(body, escaped)).post("/v1/decisions")));
    }

    @Test
    void anyOfferBodyIsAnsweredWithinTheContractAndNeverWithAServerFault() {
        Gen<String> ids = Generate.oneOf(Generate.pick(List.of("pbt-offer-1", "pbt-offer-2")), TEXT.map(text -> "pbt-" + text));
        qt().withExamples(EXAMPLES).forAll(ids, objectOf(OFFER, valuesFor(List.of("count", "period", "type", "daysBefore", "daysAfter"))), ESCAPED)
                .checkAssert((id, body, escaped) -> {
                    // whatever is created stays out of other tests' placements
                    ((ObjectNode) body).set("placements", JSON.arrayNode().add("pbt-zone"));
                    answeredWithinTheContract(given().contentType(ContentType.JSON).body(text(body, escaped)).put("/v1/offers/{id}", id));
                });
    }

    @Test
    void anyCustomerBodyIsAnsweredWithinTheContractAndNeverWithAServerFault() {
        Gen<String> ids = Generate.oneOf(Generate.pick(List.of("pbt-customer-1", "email:pbt@example.org")), TEXT.map(text -> "pbt-" + text));
        qt().withExamples(EXAMPLES).forAll(ids, objectOf(CUSTOMER, valuesFor(List.of("type", "value"))), ESCAPED)
                .checkAssert((id, body, escaped) -> answeredWithinTheContract(
                        given().contentType(ContentType.JSON).body(text(body, escaped)).put("/v1/customers/{id}", id)));
    }

    private static void answeredWithinTheContract(Response answer) {
        int status = answer.statusCode();
        assertTrue(status < 500, () -> "server fault " + status + ": " + answer.asString());
        if (status >= 400) {
            assertTrue(answer.contentType().startsWith("application/problem+json"), () -> status + " as " + answer.contentType());
            assertEquals(status, answer.jsonPath().getInt("status"));
        }
    }
}
