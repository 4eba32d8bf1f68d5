package dev.pertinence.shop.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.either;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.consent.Consenting;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A message may name the store the person is in ({@code {store.name}}): a store visit renders it with the name of the
 * store whose geofence holds them, and keeps it with the coupon; any other decision gets the neutral fallback, as for
 * every missing field. Store st-sn (Strasbourg: no other test puts a store there), offers sn-*, customers sn-*,
 * placement sn-slot.
 */
@QuarkusTest
class StoreNameMessageTest {

    private static final double LAT = 48.5839;
    private static final double LON = 7.7455;
    private static final String TEMPLATE = "Welcome to {store.name}, {customer.firstName}";

    @BeforeEach
    void seed() {
        store("Strasbourg Kléber");
        offer("sn-welcome", TEMPLATE).then().statusCode(either(equalTo(200)).or(equalTo(201))).body("message", equalTo(TEMPLATE));
        given().contentType(ContentType.JSON).body(Map.of("firstName", "Ana", "segments", List.of("sn-seg")))
                .put("/v1/customers/sn-ana").then().statusCode(either(equalTo(200)).or(equalTo(201)));
        Consenting.grant("sn-ana", "push", "in_app");
    }

    @Test
    void aStoreVisitNamesTheStoreAndARepeatShowsTheSameText() {
        JsonPath first = visit(false);
        assertEquals("Welcome to Strasbourg Kléber, Ana", message(first), first.prettify());

        JsonPath dry = visit(true);
        assertEquals("Welcome to Strasbourg Kléber, Ana", message(dry), "a dry run renders as the visit would");

        // the store renamed meanwhile: the repeat shows the text the coupon was given with
        store("Strasbourg Centre");
        JsonPath again = visit(false);
        assertTrue(again.getString("notes[0]").startsWith("Same visit as "), again.prettify());
        assertEquals(first.getString("decisionId"), again.getString("decisionId"));
        assertEquals("Welcome to Strasbourg Kléber, Ana", message(again), "kept with the coupon");

        given().get("/v1/decisions/" + first.getString("decisionId")).then().statusCode(200)
                .body("offers.find { it.offerId == 'sn-welcome' }.message", equalTo("Welcome to Strasbourg Kléber, Ana"));
    }

    @Test
    void outsideAStoreTheNameFallsBackAsAnyMissingFieldDoes() {
        JsonPath app = decide(Map.of());
        assertEquals("Welcome to our store, Ana", message(app), app.prettify());
        // a caller naming a store by its id only: no name known on this path, the fallback again (never "null", never a gap)
        JsonPath withStoreId = decide(Map.of("storeId", "st-sn"));
        assertEquals("Welcome to our store, Ana", message(withStoreId), withStoreId.prettify());

        offer("sn-own-fallback", "Fresh bread at {#if store.name == 'our store'}a shop near you{#else}{store.name}{/if}")
                .then().statusCode(either(equalTo(200)).or(equalTo(201)));
        JsonPath own = decide(Map.of());
        assertEquals("Fresh bread at a shop near you", own.getString("offers.find { it.offerId == 'sn-own-fallback' }.message"),
                own.prettify());
    }

    @Test
    void onlyTheStoresNameIsAStoreFieldAMessageMayHold() {
        offer("sn-bad", "Welcome to {store.address}").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("message")).body("detail", containsString("store.name"));
        offer("sn-bad", "Welcome to {store}").then().statusCode(400).body("field", equalTo("message"));
        offer("sn-bad", "Welcome to {store.name.toUpperCase()}").then().statusCode(400).body("field", equalTo("message"))
                .body("detail", containsString("fallback"));
        offer("sn-bad", "Welcome to {store:name}").then().statusCode(400).body("field", equalTo("message"));
        offer("sn-fallback", "Welcome to {store.name ?: 'our shop'}").then().statusCode(either(equalTo(200)).or(equalTo(201)));
        given().contentType(ContentType.JSON).body(Map.of("id", "sn-bad-2", "title", "T", "message", "At {store.phone}", "channels", List.of("app"),
                "placements", List.of("sn-slot"), "businessValue", 1)).post("/v1/offers").then().statusCode(400)
                .body("field", equalTo("message"));
    }

    private static void store(String name) {
        given().contentType(ContentType.JSON).body(Map.of("name", name, "latitude", LAT, "longitude", LON, "radiusMeters", 100))
                .put("/v1/stores/st-sn").then().statusCode(either(equalTo(200)).or(equalTo(201)));
    }

    private static Response offer(String id, String message) {
        return given().contentType(ContentType.JSON).body(Map.of("title", "Offer " + id, "message", message, "category", "cat-" + id,
                        "channels", List.of("store", "app"), "placements", List.of("store-entry", "sn-slot"),
                        "businessValue", 100_000, "rule", "'sn-seg' in customer.segments"))
                .put("/v1/offers/" + id);
    }

    private static JsonPath visit(boolean dryRun) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", "sn-ana", "latitude", LAT, "longitude", LON,
                        "dryRun", dryRun))
                .post("/v1/store-visits").then().statusCode(200).body("store.id", equalTo("st-sn")).extract().jsonPath();
    }

    private static JsonPath decide(Map<String, Object> context) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", "sn-ana", "channel", "app", "placement", "sn-slot",
                        "limit", 3, "context", context))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
    }

    private static String message(JsonPath answer) {
        return answer.getString("offers.find { it.offerId == 'sn-welcome' }.message");
    }
}
