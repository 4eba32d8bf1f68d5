package dev.pertinence.shop.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Tokens;
import dev.pertinence.common.openapi.InvalidRequests;
import dev.pertinence.consent.Consenting;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * Coupons that end, and redemptions that count, on real PostgreSQL and Redis. Each test has its own
 * store (st-cr-*, a kilometre apart, far from other tests' stores), its own offer (cr-*, only at
 * that store, worth more than any other) and its own customer.
 */
@QuarkusTest
class CouponRedemptionTest {

    private static final double LAT = 48.8566;
    private static final double LON = 2.3522;

    @Test
    void aRedemptionIsAConversionWithItsAmountInTheOffersPerformance() {
        String code = couponAt(1, "cr-counted", null, "cr-c1");
        redeem(code, "{\"amount\": 12.50}").then().statusCode(201).contentType(ContentType.JSON)
                .body("couponCode", equalTo(code)).body("offerId", equalTo("cr-counted")).body("amount", equalTo(12.5f))
                .body("conversion", equalTo("recorded")).body("decisionId", org.hamcrest.Matchers.notNullValue());

        JsonPath performance = given().get("/v1/offers/cr-counted/performance").then().statusCode(200).extract().jsonPath();
        assertEquals(1, performance.getInt("total.conversions"), performance.prettify());
        assertEquals(1, performance.getInt("total.redemptions"));
        assertEquals(12.5, performance.getDouble("total.conversionValue"), 1e-9);
        assertEquals(1, performance.getInt("byChannel.find { it.channel == 'store' }.figures.conversions"));
        assertEquals(1, performance.getInt("bySegment.find { it.segment == 'cr-c1' }.figures.redemptions"));

        // a second time: refused as before, and nothing counted twice
        redeem(code, null).then().statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("code")).body("detail", containsString("already redeemed at"));
        assertEquals(1, given().get("/v1/offers/cr-counted/performance").then().extract().jsonPath().getInt("total.conversions"));
    }

    @Test
    void withoutABodyTheConversionHasNoValue() throws Exception {
        String code = couponAt(2, "cr-plain", null, "cr-c2");
        HttpResponse<String> redeemed = redeemWithoutBody(code);
        assertEquals(201, redeemed.statusCode(), redeemed.body());
        JsonPath answer = new JsonPath(redeemed.body());
        assertEquals("recorded", answer.getString("conversion"));
        assertTrue(!answer.getMap("$").containsKey("amount"), redeemed.body());
        assertEquals(409, redeemWithoutBody(code).statusCode());
        JsonPath performance = given().get("/v1/offers/cr-plain/performance").then().statusCode(200).extract().jsonPath();
        assertEquals(1, performance.getInt("total.conversions"));
        assertEquals(0.0, performance.getDouble("total.conversionValue"), 1e-9);
    }

    @Test
    void aCouponEndsWithItsOfferOrItsLifetime() {
        Instant until = Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.MILLIS);
        JsonPath visit = visitAt(3, "cr-short", until, "cr-c3");
        assertEquals(until, Instant.parse(offerOf(visit, "cr-short").get("expiresAt").toString()), visit.prettify());
        String code = offerOf(visit, "cr-short").get("couponCode").toString();

        await(until);
        redeem(code, "{\"amount\": 3}").then().statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("code")).body("detail", equalTo("coupon " + code + " expired at " + until));
        assertEquals(0, given().get("/v1/offers/cr-short/performance").then().extract().jsonPath().getInt("total.conversions"));

        // without a validUntil, the coupon lives pertinence.store.coupon-lifetime (30 days)
        Instant before = Instant.now();
        JsonPath lasting = visitAt(4, "cr-lasting", null, "cr-c4");
        Instant expires = Instant.parse(offerOf(lasting, "cr-lasting").get("expiresAt").toString());
        assertTrue(!expires.isBefore(before.plus(Duration.ofDays(30))) && expires.isBefore(Instant.now().plus(Duration.ofDays(30))),
                lasting.prettify());
    }

    @Test
    void aCouponWhoseOfferEndedSinceItsIssueIsRefusedSayingWhen() {
        String code = couponAt(5, "cr-ended", null, "cr-c5");
        Instant ended = Instant.now().minusSeconds(1).truncatedTo(ChronoUnit.MILLIS);
        offer(5, "cr-ended", ended);
        redeem(code, null).then().statusCode(409).contentType("application/problem+json").body("field", equalTo("code"))
                .body("detail", equalTo("offer 'cr-ended' of coupon " + code + " ended at " + ended));
    }

    @Test
    void aCouponOfAPausedOfferIsRefusedUntilTheOfferResumes() {
        String code = couponAt(6, "cr-paused", null, "cr-c6");
        given().post("/v1/offers/cr-paused/pause").then().statusCode(200);
        redeem(code, null).then().statusCode(409).contentType("application/problem+json").body("field", equalTo("code"))
                .body("detail", containsString("offer 'cr-paused' of coupon " + code + " is paused"));
        assertEquals(0, given().get("/v1/offers/cr-paused/performance").then().extract().jsonPath().getInt("total.conversions"));

        given().post("/v1/offers/cr-paused/resume").then().statusCode(200);
        redeem(code, null).then().statusCode(201);
    }

    @Test
    @InvalidRequests
    void aBadAmountIsRefusedAndLeavesTheCouponRedeemable() {
        String code = couponAt(7, "cr-amount", null, "cr-c7");
        for (String bad : List.of("-1", "12.345", "1000000000.01", "\"twelve\"")) {
            redeem(code, "{\"amount\": " + bad + "}").then().statusCode(400).contentType("application/problem+json")
                    .body("field", equalTo("amount")).body("detail", org.hamcrest.Matchers.notNullValue());
        }
        redeem(code, "{\"amount\": 5, \"extra\": 1}").then().statusCode(400);
        redeem("NOSUCHCODE", null).then().statusCode(404).contentType("application/problem+json").body("field", equalTo("code"));
        redeem(code.toLowerCase(), "{\"amount\": 0}").then().statusCode(201).body("amount", equalTo(0));
    }

    @Test
    void tenSimultaneousRedemptionsRedeemOnceAndCountOnce() throws Exception {
        String code = couponAt(8, "cr-race", null, "cr-c8");
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/v1/coupons/" + code + "/redemptions");
        List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(client.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .header("Authorization", "Bearer " + Tokens.ALL_ROLES)
                    .POST(HttpRequest.BodyPublishers.ofString("{\"amount\": 7.25}")).build(), HttpResponse.BodyHandlers.ofString()));
        }
        Map<Integer, Integer> statuses = new HashMap<>();
        for (CompletableFuture<HttpResponse<String>> call : calls) {
            statuses.merge(call.get().statusCode(), 1, Integer::sum);
        }
        assertEquals(Map.of(201, 1, 409, 9), statuses);
        JsonPath performance = given().get("/v1/offers/cr-race/performance").then().statusCode(200).extract().jsonPath();
        assertEquals(1, performance.getInt("total.conversions"));
        assertEquals(7.25, performance.getDouble("total.conversionValue"), 1e-9);
    }

    // --- helpers

    /** A null body: {} (no amount). */
    private static Response redeem(String code, String body) {
        return given().contentType(ContentType.JSON).body(body == null ? "{}" : body).post("/v1/coupons/" + code + "/redemptions");
    }

    /** As a till that predates the amount sends it: no body, no Content-Type (outside RestAssured, which would add one). */
    private static HttpResponse<String> redeemWithoutBody(String code) throws Exception {
        URI uri = URI.create("http://localhost:" + RestAssured.port + "/v1/coupons/" + code + "/redemptions");
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + Tokens.ALL_ROLES)
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A coupon for the offer, issued to a new customer (whose segment is the given one) entering store n. */
    private static String couponAt(int n, String offer, Instant validUntil, String customer) {
        return offerOf(visitAt(n, offer, validUntil, customer), offer).get("couponCode").toString();
    }

    private static JsonPath visitAt(int n, String offer, Instant validUntil, String customer) {
        double lat = LAT + n * 0.01;
        given().contentType(ContentType.JSON).body(Map.of("name", "Store " + n, "latitude", lat, "longitude", LON, "radiusMeters", 100))
                .put("/v1/stores/st-cr-" + n).then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        offer(n, offer, validUntil);
        given().contentType(ContentType.JSON).body("{\"segments\": [\"" + customer + "\"]}").put("/v1/customers/" + customer)
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        Consenting.grant(customer, "push");
        JsonPath visit = given().contentType(ContentType.JSON).body(Map.of("customerId", customer, "latitude", lat, "longitude", LON))
                .post("/v1/store-visits").then().statusCode(200).extract().jsonPath();
        assertEquals("st-cr-" + n, visit.getString("store.id"), visit.prettify());
        assertNotNull(offerOf(visit, offer), visit.prettify());
        return visit;
    }

    private static void offer(int n, String id, Instant validUntil) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Offer " + id, "message", "m", "category", "cat-" + id,
                "channels", List.of("store"), "placements", List.of("store-entry"), "businessValue", 900,
                "rule", "context.storeId == 'st-cr-" + n + "'"));
        if (validUntil != null) {
            body.put("validUntil", validUntil.toString());
        }
        given().contentType(ContentType.JSON).body(body).put("/v1/offers/" + id)
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
    }

    private static Map<String, Object> offerOf(JsonPath visit, String offer) {
        return visit.getMap("offers.find { it.offerId == '" + offer + "' }");
    }

    private static void await(Instant instant) {
        long wait = Duration.between(Instant.now(), instant).toMillis() + 50;
        if (wait > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
