package dev.pertinence.consent.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Consent on real PostgreSQL and Redis. Customers cs-*, placement cs-slot. */
@QuarkusTest
class ConsentTest {

    private static final List<String> CHANNELS = List.of("web", "email", "sms", "app", "store", "call_centre");

    @BeforeEach
    void offers() {
        // one offer on every channel; a second one only for people who bought cs-sku-1 (needs profiling)
        given().contentType(ContentType.JSON).body(Map.of("title", "Everyone", "message", "m", "category", "cs-a",
                        "channels", CHANNELS, "placements", List.of("cs-slot"), "businessValue", 1))
                .put("/v1/offers/cs-all").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        given().contentType(ContentType.JSON).body(Map.of("title", "Buyers", "message", "m", "category", "cs-b",
                        "channels", CHANNELS, "placements", List.of("cs-slot"), "businessValue", 50,
                        "rule", "'cs-sku-1' in history.skus"))
                .put("/v1/offers/cs-buyers").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
    }

    @Test
    void aChannelWithoutConsentIsNeverProposed() {
        customer("cs-quiet");
        answer("cs-quiet", Map.of("purpose", "offers", "channel", "sms", "granted", true))
                .then().statusCode(200).body("effective.offers.sms", equalTo(true)).body("effective.offers.email", equalTo(false));
        answer("cs-quiet", Map.of("purpose", "offers", "channel", "email", "granted", false)).then().statusCode(200);

        JsonPath email = decide("cs-quiet", "email");
        assertTrue(email.getList("offers").isEmpty(), email.prettify());
        assertTrue(email.getList("notes").contains("Offers on email refused by the customer: nothing proposed"), email.prettify());
        JsonPath push = decide("cs-quiet", "store");
        assertTrue(push.getList("offers").isEmpty());
        assertTrue(push.getList("notes").contains("No consent to offers on push recorded: nothing proposed"), push.prettify());
        for (String channel : List.of("app", "call_centre")) {
            assertTrue(decide("cs-quiet", channel).getList("offers").isEmpty(), channel);
        }
        assertFalse(decide("cs-quiet", "sms").getList("offers").isEmpty(), "sms was granted");
        assertFalse(decide("cs-quiet", "web").getList("offers").isEmpty(), "the website needs no channel consent");
        // an unknown person on a channel that reaches them: nobody consented
        assertTrue(decide("cs-nobody-at-all", "email").getList("offers").isEmpty());
    }

    @Test
    void withoutProfilingConsentDecisionsUseTheContextOnlyAndSaySo() {
        customer("cs-private");
        given().contentType(ContentType.JSON).body(Map.of("customerId", "cs-private", "sku", "cs-sku-1",
                "purchasedAt", Instant.now().minus(1, ChronoUnit.DAYS).toString())).post("/v1/purchases").then().statusCode(201);

        JsonPath unknown = decide("cs-private", "web");
        assertEquals(List.of("cs-all"), unknown.getList("offers.offerId"), unknown.prettify());
        assertTrue(unknown.getList("notes").contains("No consent to profiling recorded: decided from the context only"));

        answer("cs-private", Map.of("purpose", "profiling", "granted", true)).then().statusCode(200)
                .body("effective.profiling", equalTo(true));
        JsonPath granted = decide("cs-private", "web");
        assertEquals("cs-buyers", granted.getString("offers[0].offerId"), granted.prettify());
        assertFalse(granted.getList("notes").toString().contains("profiling"));

        answer("cs-private", Map.of("purpose", "profiling", "granted", false)).then().statusCode(200);
        JsonPath refused = decide("cs-private", "web");
        assertEquals(List.of("cs-all"), refused.getList("offers.offerId"));
        assertTrue(refused.getList("notes").contains("Profiling refused by the customer: decided from the context only"));
        assertEquals("cs-private", refused.getString("customerId"), "still the person: their caps apply");
    }

    @Test
    void theNewestAnswerWinsWhateverTheOrderOfArrival() {
        customer("cs-order");
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        answer("cs-order", Map.of("purpose", "offers", "channel", "email", "granted", false, "source", "unsubscribe-link",
                "recordedAt", now.minus(1, ChronoUnit.HOURS).toString())).then().statusCode(200);
        // an older CRM export arrives afterwards: it does not bring the email back
        answer("cs-order", Map.of("purpose", "offers", "channel", "email", "granted", true, "source", "crm",
                "recordedAt", now.minus(30, ChronoUnit.DAYS).toString())).then().statusCode(200)
                .body("consents.find { it.channel == 'email' }.granted", equalTo(false))
                .body("consents.find { it.channel == 'email' }.source", equalTo("unsubscribe-link"));
        given().get("/v1/customers/cs-order/consents").then().statusCode(200)
                .body("customerId", equalTo("cs-order"))
                .body("effective.offers.email", equalTo(false))
                .body("effective.profiling", equalTo(false));
    }

    @Test

    @InvalidRequests
    void badConsentsAreProblemsNamingTheField() {
        customer("cs-bad");
        answer("cs-bad", Map.of("purpose", "offers", "granted", true)).then().statusCode(400)
                .contentType("application/problem+json").body("field", equalTo("consents[0].channel"));
        answer("cs-bad", Map.of("purpose", "profiling", "channel", "email", "granted", true)).then().statusCode(400)
                .body("field", equalTo("consents[0].channel"));
        answer("cs-bad", Map.of("purpose", "marketing", "granted", true)).then().statusCode(400)
                .body("field", containsString("purpose"));
        answer("cs-bad", Map.of("purpose", "offers", "channel", "fax", "granted", true)).then().statusCode(400)
                .body("field", containsString("channel"));
        answer("cs-bad", Map.of("purpose", "offers", "channel", "sms")).then().statusCode(400)
                .body("field", equalTo("consents[0].granted"));
        answer("cs-bad", Map.of("purpose", "offers", "channel", "sms", "granted", true,
                "recordedAt", Instant.now().plus(1, ChronoUnit.DAYS).toString())).then().statusCode(400)
                .body("field", equalTo("consents[0].recordedAt"));
        given().contentType(ContentType.JSON).body(Map.of("consents", List.of(
                        Map.of("purpose", "offers", "channel", "sms", "granted", true),
                        Map.of("purpose", "offers", "channel", "sms", "granted", false))))
                .put("/v1/customers/cs-bad/consents").then().statusCode(400).body("field", equalTo("consents[1]"));
        given().contentType(ContentType.JSON).body(Map.of("consents", List.of()))
                .put("/v1/customers/cs-bad/consents").then().statusCode(400).body("field", equalTo("consents"));
        answer("cs-nobody", Map.of("purpose", "profiling", "granted", true)).then().statusCode(404).body("field", equalTo("id"));
        given().get("/v1/customers/cs-bad/consents").then().statusCode(200).body("consents", org.hamcrest.Matchers.empty())
                .body("effective.offers.keySet()", hasItem("postal")).body("effective.offers.values()", not(hasItem(true)));
    }

    @Test
    void aFileOfAnswersImportsInOneTransaction() {
        customer("cs-crm-1");
        customer("cs-crm-2");
        given().contentType(ContentType.JSON).body(Map.of("type", "email", "value", "crm2@example.com"))
                .post("/v1/customers/cs-crm-2/identifiers").then().statusCode(201);
        String header = "customer_id,purpose,channel,granted,source,recorded_at\n";
        given().contentType("text/csv").body(header
                        + "cs-crm-1,profiling,,true,crm,2026-01-01T00:00:00Z\n"
                        + "cs-crm-1,offers,email,true,crm,2026-01-01T00:00:00Z\n"
                        + "cs-crm-1,offers,email,false,unsubscribe,2026-02-01T00:00:00Z\n"
                        + "email:CRM2@example.com,offers,sms,true,crm,2026-01-01T00:00:00Z\n")
                .post("/v1/consents/import").then().statusCode(200).body("lines", equalTo(4)).body("stored", equalTo(3));
        given().get("/v1/customers/cs-crm-1/consents").then().statusCode(200)
                .body("effective.profiling", equalTo(true)).body("effective.offers.email", equalTo(false));
        given().get("/v1/customers/cs-crm-2/consents").then().statusCode(200).body("effective.offers.sms", equalTo(true));

        given().contentType("text/csv").body(header + "cs-crm-2,offers,email,true,crm,2026-01-01T00:00:00Z\n"
                        + "cs-crm-1,marketing,,true,crm,2026-01-01T00:00:00Z\n")
                .post("/v1/consents/import").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("line 3.purpose"));
        given().contentType("text/csv").body(header + "cs-crm-2,offers,email,true,crm,2026-01-01T00:00:00Z\n"
                        + "cs-crm-nobody,offers,email,true,crm,2026-01-01T00:00:00Z\n")
                .post("/v1/consents/import").then().statusCode(422).body("field", equalTo("line 3.customer_id"));
        given().get("/v1/customers/cs-crm-2/consents").then().body("effective.offers.email", equalTo(false)); // nothing imported
        given().contentType("text/csv").body("who,what\n").post("/v1/consents/import").then().statusCode(400)
                .body("field", equalTo("line 1"));

        // the export is the import's format: what it exports can be imported back
        String export = given().get("/v1/consents/export").then().statusCode(200).contentType("text/csv").extract().asString();
        assertTrue(export.startsWith("customer_id,purpose,channel,granted,source,recorded_at\n"), export);
        assertTrue(export.contains("\ncs-crm-1,offers,email,false,unsubscribe,2026-02-01T00:00:00Z\n"), export);
        assertTrue(export.contains("\ncs-crm-1,profiling,,true,crm,2026-01-01T00:00:00Z\n"), export);
        given().contentType("text/csv").body(export).post("/v1/consents/import").then().statusCode(200);
        given().get("/v1/customers/cs-crm-1/consents").then().body("effective.offers.email", equalTo(false))
                .body("effective.profiling", equalTo(true));

        // a free-text source a spreadsheet would run as a formula leaves as text (OWASP's CSV injection)
        customer("cs-formula");
        given().contentType(ContentType.JSON).body(java.util.Map.of("consents", java.util.List.of(java.util.Map.of("purpose", "offers",
                "channel", "sms", "granted", true, "source", "=HYPERLINK(\"http://evil\",\"x\")")))).put("/v1/customers/cs-formula/consents")
                .then().statusCode(200);
        String exported = given().get("/v1/consents/export").then().statusCode(200).extract().asString();
        String line = exported.lines().filter(l -> l.startsWith("cs-formula,")).findFirst().orElseThrow();
        assertTrue(line.contains(",\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\","), line);
        assertTrue(exported.lines().noneMatch(l -> l.contains(",=")), "no cell starts with =");
    }

    private static void customer(String id) {
        given().contentType(ContentType.JSON).body("{}").put("/v1/customers/" + id)
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
    }

    private static Response answer(String customer, Map<String, Object> answer) {
        return given().contentType(ContentType.JSON).body(Map.of("consents", List.of(answer)))
                .put("/v1/customers/" + customer + "/consents");
    }

    private static JsonPath decide(String customer, String channel) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", customer, "channel", channel, "placement", "cs-slot"))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
    }
}
