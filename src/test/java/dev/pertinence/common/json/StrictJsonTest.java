package dev.pertinence.common.json;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.Test;

/**
 * JSON bodies are read as written, once for every endpoint (StrictJson, CleanText): no coercion
 * between types, no text PostgreSQL cannot store or that is not text at all, no parser work
 * beyond the limits, and problems told in the caller's terms (field path, "must be a string"),
 * never in Java's.
 */
@QuarkusTest
@InvalidRequests // every test here sends what the contract refuses, on purpose
class StrictJsonTest {

    @Inject
    ObjectMapper json;

    /** No Java type, package or Jackson class name in what the caller reads. */
    private static final Matcher<String> CALLER_TERMS = allOf(not(containsString("java.")), not(containsString("`")),
            not(containsString("dev.pertinence")), not(containsString("Cannot deserialize")), not(containsString("22021")));

    @Test
    void aBooleanIsNotTheNameOfACustomerToMergeAway() {
        Customers.customer("sj-keep");
        Customers.customer("false"); // the person a coerced false used to designate (and merge away, irreversibly)
        given().contentType(ContentType.JSON).body("{\"from\": false}").post("/v1/customers/sj-keep/merge")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("from")).body("detail", equalTo("from: must be a string"));
        given().get("/v1/customers/false").then().statusCode(200); // still there
        given().contentType(ContentType.JSON).body("{\"from\": 42}").post("/v1/customers/sj-keep/merge")
                .then().statusCode(400).body("field", equalTo("from")).body("detail", equalTo("from: must be a string"));
    }

    @Test
    void numbersAreNotConvertedToOrFromOtherTypes() {
        refusedByCustomers("{\"firstName\": 12}", "firstName", "must be a string");
        refusedByCustomers("{\"firstName\": true}", "firstName", "must be a string");
        refusedByCustomers("{\"firstName\": {\"a\": 1}}", "firstName", "must be a string");
        refusedByCustomers("{\"loyaltyPoints\": \"3\"}", "loyaltyPoints", "must be an integer");
        refusedByCustomers("{\"loyaltyPoints\": 2.7}", "loyaltyPoints", "must be an integer");
        refusedByCustomers("{\"loyaltyPoints\": true}", "loyaltyPoints", "must be an integer");
        refusedByCustomers("{\"loyaltyPoints\": 99999999999}", "loyaltyPoints", "out of range: must be an integer from");
        refusedByCustomers("{\"segments\": [\"ok\", 7]}", "segments[1]", "must be a string");
        refusedByCustomers("{\"segments\": \"gold\"}", "segments", "must be an array");
        refusedByCustomers("{\"gender\": 1}", "gender", "must be one of [female, male");
        refusedByCustomers("{\"gender\": \"robot\"}", "gender", "'robot' is not one of [female, male");
        refusedByCustomers("{\"birthDate\": \"yesterday\"}", "birthDate", "'yesterday' is not an ISO-8601 date");
        refusedByCustomers("{\"birthDate\": 19850412}", "birthDate", "must be an ISO-8601 date");
        decide("{\"channel\": \"web\", \"placement\": \"p\", \"context\": {\"time\": 1767225600}}").then().statusCode(400)
                .body("field", equalTo("context.time")).body("detail", startsWith("context.time: must be an ISO-8601 date-time"));
        decide("{\"channel\": \"web\", \"placement\": \"p\", \"context\": {\"time\": 1.5}}").then().statusCode(400)
                .body("field", equalTo("context.time"));
        given().contentType(ContentType.JSON).body("{\"title\": \"t\", \"message\": \"m\", \"channels\": [\"web\"], "
                + "\"businessValue\": 1, \"frequencyCap\": {\"count\": 1, \"period\": 86400}}").post("/v1/offers").then().statusCode(400)
                .body("field", equalTo("frequencyCap.period")).body("detail", startsWith("frequencyCap.period: must be an ISO-8601 duration"));
        refusedByCustomers("{\"provenance\": {\"firstName\": {\"source\": 5}}}", "provenance.firstName.source", "must be a string");
        decide("{\"channel\": \"web\", \"placement\": \"p\", \"limit\": 2.7}").then().statusCode(400)
                .body("field", equalTo("limit")).body("detail", equalTo("limit: must be an integer from -2147483648 to 2147483647"));
        decide("{\"channel\": \"web\", \"placement\": \"p\", \"limit\": \"3\"}").then().statusCode(400).body("field", equalTo("limit"));
        decide("{\"channel\": \"web\", \"placement\": \"p\", \"explain\": \"yes\"}").then().statusCode(400)
                .body("field", equalTo("explain")).body("detail", equalTo("explain: must be true or false"));
        decide("{\"channel\": \"web\", \"placement\": \"p\", \"explain\": 1}").then().statusCode(400).body("field", equalTo("explain"));
        decide("{\"channel\": 0, \"placement\": \"p\"}").then().statusCode(400).body("field", equalTo("channel"));
        // what is right still goes through: an integer where a decimal is expected is a number
        given().contentType(ContentType.JSON).body("{\"loyaltyPoints\": 3, \"firstName\": \"Ana\"}").put("/v1/customers/sj-ok")
                .then().statusCode(201).body("loyaltyPoints", equalTo(3));
        decide("{\"channel\": \"web\", \"placement\": \"p\", \"limit\": 3, \"explain\": true}").then().statusCode(200);
    }

    @Test
    void aWrongTypeDeepInABulkBodyIsNamedByItsPath() {
        String offer = "{\"id\": \"sj-o%d\", \"title\": \"t\", \"message\": \"m\", \"channels\": [\"web\"], \"businessValue\": 1%s}";
        String body = "[" + String.format(offer, 0, "") + "," + String.format(offer, 1, "") + ","
                + String.format(offer, 2, ", \"rule\": 5") + "]";
        given().contentType(ContentType.JSON).body(body).put("/v1/offers").then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("[2].rule"))
                .body("detail", equalTo("[2].rule: must be a string"));
        String cap = String.format(offer, 3, ", \"frequencyCap\": {\"count\": \"2\", \"period\": \"P7D\"}");
        given().contentType(ContentType.JSON).body("[" + cap + "]").put("/v1/offers").then().statusCode(400)
                .body("field", equalTo("[0].frequencyCap.count")).body("detail", CALLER_TERMS);
        given().contentType(ContentType.JSON)
                .body("{\"title\": \"t\", \"message\": \"m\", \"channels\": [\"web\"], \"businessValue\": \"1\"}")
                .post("/v1/offers").then().statusCode(400).body("field", equalTo("businessValue"))
                .body("detail", equalTo("businessValue: must be a number"));
    }

    @Test
    void aNulCharacterIsRefusedBeforeAnySqlNamingTheField() {
        refusedByCustomers("{\"firstName\": \"Jea\\u0000nne\"}", "firstName", "must not contain the NUL character");
        refusedByCustomers("{\"segments\": [\"a\", \"b\\u0000\"]}", "segments[1]", "must not contain the NUL character");
        refusedByCustomers("{\"provenance\": {\"first\\u0000Name\": {\"source\": \"crm\"}}}", "provenance",
                "must not contain the NUL character");
        decide("{\"channel\": \"web\", \"placement\": \"p\", \"context\": {\"device\": \"\\u0000\"}}").then().statusCode(400)
                .body("field", equalTo("context.device")).body("detail", containsString("must not contain the NUL character"));
    }

    @Test
    void aLoneSurrogateIsNotTextAndIsRefused() {
        refusedByCustomers("{\"firstName\": \"a\\ud800b\"}", "firstName", "must not contain a lone UTF-16 surrogate");
        refusedByCustomers("{\"firstName\": \"a\\udc00\"}", "firstName", "must not contain a lone UTF-16 surrogate");
        refusedByCustomers("{\"firstName\": \"\\ude00\\ud83d\"}", "firstName", "must not contain a lone UTF-16 surrogate");
        // the same surrogate sent as raw (CESU-8) bytes rather than as an escape
        byte[] raw = {'{', '"', 'f', 'i', 'r', 's', 't', 'N', 'a', 'm', 'e', '"', ':', '"', 'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80,
                'b', '"', '}'};
        given().contentType("application/json").body(raw).put("/v1/customers/sj-raw").then().statusCode(400)
                .contentType("application/problem+json").body("detail", CALLER_TERMS);
        given().get("/v1/customers/sj-raw").then().statusCode(404);
        // a pair is one character (an emoji): stored and given back whole
        given().contentType(ContentType.JSON).body("{\"firstName\": \"Zo\\ud83d\\ude00\"}").put("/v1/customers/sj-emoji")
                .then().statusCode(201);
        given().get("/v1/customers/sj-emoji").then().statusCode(200).body("firstName", equalTo("Zo\uD83D\uDE00"));
    }

    @Test
    void theParserStopsAtItsLimitsCheaply() throws Exception {
        String deep = "[".repeat(10_000) + "]".repeat(10_000);
        long started = System.nanoTime();
        // as bytes: RestAssured takes seconds to send this string itself
        given().contentType(ContentType.JSON).body(deep.getBytes(StandardCharsets.UTF_8)).post("/v1/decisions").then().statusCode(400)
                .contentType("application/problem+json").body("detail", CALLER_TERMS);
        assertTrue(System.nanoTime() - started < 2_000_000_000L, "refused without working through the nesting");
        // every body is bound to types that refuse a stray array first; the parser's own limit stands behind them
        StreamConstraintsException nesting = assertThrows(StreamConstraintsException.class, () -> json.readTree(deep));
        assertTrue(nesting.getMessage().contains("(32"), nesting.getMessage());

        String longName = "x".repeat(70_000);
        given().contentType(ContentType.JSON).body(Map.of("firstName", longName)).put("/v1/customers/sj-long")
                .then().statusCode(400).body("title", equalTo("Malformed JSON"))
                .body("detail", allOf(containsString("a string is too long"), containsString("at most 65536"), CALLER_TERMS));
        given().contentType(ContentType.JSON).body("{\"loyaltyPoints\": " + "9".repeat(500) + "}").put("/v1/customers/sj-long")
                .then().statusCode(400).body("detail", allOf(containsString("too many digits"), CALLER_TERMS));
        given().get("/v1/customers/sj-long").then().statusCode(404);
    }

    @Test
    void fieldsWithoutAValueAreLeftOutOfAnswersNotSentAsNull() {
        Customers.customer("sj-quiet"); // no loyalty tier, no channel answered on, no consent
        noNull(given().get("/v1/customers/sj-quiet/channel-appetence"), "best");
        noNull(given().get("/v1/customers/sj-quiet/agent-card"), "tier");
        noNull(given().contentType(ContentType.JSON).body("{\"sections\": [{\"id\": \"s1\", \"category\": \"dairy\"}]}")
                .post("/v1/page-layouts"), "customerId");
        given().contentType(ContentType.JSON).body("{\"id\": \"sj-no-category\", \"title\": \"Free delivery\", "
                + "\"message\": \"On us\", \"channels\": [\"web\"], \"placements\": [\"sj-home\"], \"businessValue\": 5}").post("/v1/offers").then().statusCode(201);
        noNull(given().contentType(ContentType.JSON).body("{\"channel\": \"web\", \"placement\": \"sj-home\", \"limit\": 10}")
                .post("/v1/decisions"), "category");
        given().contentType(ContentType.JSON).body("{\"consents\": [{\"purpose\": \"profiling\", \"granted\": true}]}")
                .put("/v1/customers/sj-quiet/consents").then().statusCode(200);
        noNull(given().get("/v1/customers/sj-quiet/consents"), "channel");
    }

    /** The answer is 200 and has no null anywhere; {@code absent} is a field the case is about. */
    private static void noNull(io.restassured.response.Response response, String absent) {
        String body = response.then().statusCode(200).extract().asString();
        assertTrue(!body.contains(":null"), absent + " (or another field) sent as null in " + body);
    }

    @Test
    void aBodyIsOneValueWithEachFieldOnceAndNumbersThatAreNumbers() {
        decide("{\"channel\": \"web\", \"placement\": \"p\", \"dryRun\": true, \"dryRun\": false}").then().statusCode(400)
                .contentType("application/problem+json").body("title", equalTo("Malformed JSON")).body("field", equalTo("dryRun"))
                .body("detail", containsString("Duplicate field 'dryRun'")).body("detail", CALLER_TERMS);
        given().contentType(ContentType.JSON).body("{\"firstName\": \"x\", \"firstName\": null}").put("/v1/customers/sj-dup")
                .then().statusCode(400).body("field", equalTo("firstName"));
        given().get("/v1/customers/sj-dup").then().statusCode(404);
        for (String trailing : List.of(" garbage", " {\"x\": 1}", "\u0000", "]")) {
            decide("{\"channel\": \"web\", \"placement\": \"p\", \"dryRun\": true}" + trailing).then().statusCode(400)
                    .body("title", equalTo("Malformed JSON")).body("detail", CALLER_TERMS);
        }
        decide("{\"channel\": \"web\", \"placement\": \"p\", \"dryRun\": true}\n  ").then().statusCode(200); // whitespace is not data
        String visit = "{\"customerId\": \"sj-visitor\", \"latitude\": %s, \"longitude\": 4.85}";
        for (String notANumber : List.of("\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "1e309", "-1e309")) {
            given().contentType(ContentType.JSON).body(String.format(visit, notANumber)).post("/v1/store-visits").then().statusCode(400)
                    .body("field", equalTo("latitude")).body("detail", equalTo("latitude: must be a number"));
        }
        decide("{\"channel\": \"web\", \"placement\": \"p\", \"limit\": NaN}").then().statusCode(400)
                .body("title", equalTo("Malformed JSON")).body("detail", CALLER_TERMS).body("detail", not(containsString("enable")));
        decide("{\"channel\": \"web\", \"placement\": \"p\"").then().statusCode(400) // cut short
                .body("title", equalTo("Malformed JSON")).body("detail", CALLER_TERMS).body("detail", not(containsString("Source")));
    }

    private static void refusedByCustomers(String body, String field, String detail) {
        given().contentType(ContentType.JSON).body(body).put("/v1/customers/sj-refused")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo(field)).body("detail", startsWith(field + ": " + detail)).body("detail", CALLER_TERMS);
        given().get("/v1/customers/sj-refused").then().statusCode(404);
    }

    private static io.restassured.response.Response decide(String body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/decisions");
    }
}
