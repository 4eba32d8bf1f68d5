package dev.pertinence.shop.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Tokens;
import dev.pertinence.consent.Consenting;
import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Entering a store with the app, on real PostgreSQL and Redis. Stores st-sv-*, offers sv-*, customers sv-*. */
@QuarkusTest
class StoreVisitTest {

    private static final double LAT = 45.7640;
    private static final double LON = 4.8357;

    @TestHTTPResource("/v1/store-visits")
    URI visits;

    @BeforeEach
    void seed() {
        store("st-sv-1", "Lyon Part-Dieu", LAT, LON, 100);
        store("st-sv-2", "Lyon Brotteaux", 45.7700, 4.8500, 50);
        offer("sv-coffee", "Free coffee", 5, "context.storeId == 'st-sv-1'");
        offer("sv-bread", "Bread -20 %", 3, "");
        offer("sv-elsewhere", "Only at Brotteaux", 50, "context.storeId == 'st-sv-2'");
    }

    @Test
    void insideAStoreEachOfferComesWithItsOwnSingleUseCouponOncePerVisit() {
        person("sv-1");
        JsonPath visit = visit("sv-1", LAT + 0.0001, LON + 0.0001);
        assertEquals("st-sv-1", visit.getString("store.id"), visit.prettify());
        assertTrue(visit.getLong("store.distanceMeters") < 20);
        List<String> offers = visit.getList("offers.offerId");
        assertTrue(offers.contains("sv-coffee") && offers.contains("sv-bread") && !offers.contains("sv-elsewhere"), visit.prettify());
        List<String> codes = visit.getList("offers.couponCode");
        assertEquals(offers.size(), new HashSet<>(codes).size(), "one distinct coupon per offer");
        codes.forEach(code -> assertTrue(code.matches("[2-9A-HJKMNP-Z]{10}"), code));

        // leaving and entering again within the visit window: the same coupons, no new ones
        visit("sv-1", LAT + 0.01, LON + 0.01);
        JsonPath again = visit("sv-1", LAT, LON);
        assertEquals(codes, again.getList("offers.couponCode"));
        assertEquals(visit.getList("offers.expiresAt"), again.getList("offers.expiresAt"), "the same instants, to the microsecond");
        assertEquals(visit.getString("decisionId"), again.getString("decisionId"));
        assertTrue(again.getString("notes[0]").startsWith("Same visit as "), again.prettify());

        String code = codes.get(0);
        given().contentType(ContentType.JSON).body("{}").post("/v1/coupons/" + code.toLowerCase() + "/redemptions").then().statusCode(201)
                .body("couponCode", equalTo(code)).body("customerId", equalTo("sv-1")).body("storeId", equalTo("st-sv-1"));
        given().contentType(ContentType.JSON).body("{}").post("/v1/coupons/" + code + "/redemptions").then().statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("code")).body("detail", containsString("already redeemed"));
        given().contentType(ContentType.JSON).body("{}").post("/v1/coupons/NOSUCHCODE/redemptions").then().statusCode(404).body("field", equalTo("code"));
    }

    @Test
    void outsideEveryGeofenceThereAreNoOffersAndTheReasonSaysWhy() {
        person("sv-2");
        JsonPath outside = visit("sv-2", LAT + 0.002, LON); // about 220 m north
        assertNull(outside.get("store"));
        assertTrue(outside.getList("offers").isEmpty());
        assertTrue(outside.getString("notes[0]").startsWith("Not inside any store's geofence (the nearest, Lyon Part-Dieu, is 2"),
                outside.prettify());
        JsonPath nowhere = visit("sv-2", -33.8688, 151.2093);
        assertTrue(nowhere.getString("notes[0]").contains("no store within 50 km"), nowhere.prettify());
    }

    @Test
    void withoutConsentToPushOffersNoCouponIsIssued() {
        Customers.customer("sv-3");
        Consenting.grant("sv-3"); // profiling only
        JsonPath visit = visit("sv-3", LAT, LON);
        assertEquals("st-sv-1", visit.getString("store.id"));
        assertTrue(visit.getList("offers").isEmpty());
        assertTrue(visit.getList("notes").contains("No consent to offers on push recorded: nothing proposed"), visit.prettify());
    }

    @Test
    void tenSimultaneousEntriesMakeOneVisit() throws Exception {
        person("sv-4");
        HttpClient client = HttpClient.newHttpClient();
        String body = "{\"customerId\": \"sv-4\", \"latitude\": " + LAT + ", \"longitude\": " + LON + "}";
        List<CompletableFuture<HttpResponse<String>>> calls = new java.util.ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(visits).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + Tokens.ALL_ROLES).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Set<List<Object>> couponSets = new HashSet<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            HttpResponse<String> response = call.get();
            assertEquals(200, response.statusCode(), response.body());
            couponSets.add(new JsonPath(response.body()).getList("offers.couponCode"));
        }
        assertEquals(1, couponSets.size(), "every entry got the same coupons: " + couponSets);
        assertTrue(!couponSets.iterator().next().isEmpty());
    }

    @Test

    @InvalidRequests
    void badVisitsAndStoresAreProblems() {
        given().contentType(ContentType.JSON).body(Map.of("customerId", "sv-1", "latitude", 91, "longitude", 0))
                .post("/v1/store-visits").then().statusCode(400).contentType("application/problem+json").body("field", equalTo("latitude"));
        given().contentType(ContentType.JSON).body(Map.of("latitude", 45, "longitude", 4))
                .post("/v1/store-visits").then().statusCode(400).body("field", equalTo("customerId"));
        given().contentType(ContentType.JSON).body(Map.of("customerId", "sv-nobody", "latitude", LAT, "longitude", LON))
                .post("/v1/store-visits").then().statusCode(404).body("field", equalTo("customerId"));
        given().contentType(ContentType.JSON).body(Map.of("name", "Tiny", "latitude", LAT, "longitude", LON, "radiusMeters", 1))
                .put("/v1/stores/st-sv-bad").then().statusCode(400).body("field", equalTo("radiusMeters"));
        given().get("/v1/stores/st-sv-1").then().statusCode(200).body("radiusMeters", equalTo(100));
        given().get("/v1/stores/st-sv-none").then().statusCode(404);
    }

    @Test
    void aStoreIsFoundAcrossTheAntimeridianAndAtThePole() {
        store("st-sv-dateline", "Taveuni", 0, 179.9999, 100);
        store("st-sv-pole", "North Pole", 90, 180, 1_000);
        person("sv-dateline");
        JsonPath across = visit("sv-dateline", 0, -179.9999); // 22 m east, on the other side of the date line
        assertEquals("st-sv-dateline", across.getString("store.id"), across.prettify());
        assertTrue(across.getLong("store.distanceMeters") < 30);
        person("sv-pole");
        for (double[] point : new double[][] {{90, 0}, {89.9999, 0}, {89.999, -90}}) {
            JsonPath atThePole = visit("sv-pole", point[0], point[1]);
            assertEquals("st-sv-pole", atThePole.getString("store.id"), point[0] + ", " + point[1] + ": " + atThePole.prettify());
        }
    }

    private static void person(String id) {
        Customers.customer(id);
        Consenting.grant(id, "push"); // a store visit's offers arrive as push notifications
    }

    private static void store(String id, String name, double lat, double lon, int radius) {
        given().contentType(ContentType.JSON).body(Map.of("name", name, "latitude", lat, "longitude", lon, "radiusMeters", radius))
                .put("/v1/stores/" + id).then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
    }

    private static void offer(String id, String title, double value, String rule) {
        given().contentType(ContentType.JSON).body(Map.of("title", title, "message", "m", "category", "cat-" + id,
                        "channels", List.of("store"), "placements", List.of("store-entry"), "businessValue", value, "rule", rule))
                .put("/v1/offers/" + id).then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
    }

    private static JsonPath visit(String customer, double lat, double lon) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", customer, "latitude", lat, "longitude", lon))
                .post("/v1/store-visits").then().statusCode(200).extract().jsonPath();
    }
}
