package dev.pertinence.outcome.rest;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.openapi.InvalidRequests;
import dev.pertinence.consent.Consenting;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An offer's cost, net and return on investment, per channel, segment and day, from outcomes
 * reported through the API and a coupon redeemed at a till (real PostgreSQL and Redis). Offers or-*,
 * customers or-*, store st-or-1.
 */
@QuarkusTest
class OfferReturnTest {

    private static final double LAT = 43.2965;
    private static final double LON = 5.3698;

    @Test
    void costNetAndReturnAreExactPerChannelSegmentAndDay() {
        Instant from = Instant.now().minus(2, ChronoUnit.DAYS);
        offer("or-cost", Map.of("perImpression", 0.01, "perAccept", 1.5, "perRedemption", 2.5));
        customer("or-x1", "or-seg-x");
        customer("or-y1", "or-seg-y");
        customer("or-x2", "or-seg-x");

        String web1 = decide("or-x1");
        outcome(web1, "or-i1", "impression", null);
        outcome(web1, "or-a1", "accept", null);
        outcome(web1, "or-v1", "convert", "10.00");
        String web2 = decide("or-y1");
        outcome(web2, "or-i2", "impression", null);
        JsonPath visit = given().contentType(ContentType.JSON).body(Map.of("customerId", "or-x2", "latitude", LAT, "longitude", LON))
                .post("/v1/store-visits").then().statusCode(200).extract().jsonPath();
        String store = visit.getString("decisionId");
        String code = visit.getString("offers.find { it.offerId == 'or-cost' }.couponCode");
        outcome(store, "or-i3", "impression", null);
        outcome(store, "or-a3", "accept", null);
        given().contentType(ContentType.JSON).body("{\"amount\": 20}").post("/v1/coupons/" + code + "/redemptions")
                .then().statusCode(201);

        Instant to = Instant.now().plusSeconds(60);
        JsonPath p = given().queryParam("from", from.toString()).queryParam("to", to.toString())
                .get("/v1/offers/or-cost/performance").then().statusCode(200).extract().jsonPath();
        String total = "total.";
        assertEquals(3, p.getInt(total + "impressions"), p.prettify());
        assertEquals(2, p.getInt(total + "accepts"));
        assertEquals(2, p.getInt(total + "conversions"));
        assertEquals(1, p.getInt(total + "redemptions"));
        assertDecimal("30", p, total + "conversionValue");
        assertDecimal("5.53", p, total + "cost"); // 3 × 0.01 + 2 × 1.5 + 1 × 2.5
        assertDecimal("24.47", p, total + "net");
        assertDecimal("4.4250", p, total + "returnOnInvestment"); // 24.47 / 5.53 = 4.42495...

        String web = "byChannel.find { it.channel == 'web' }.figures.";
        assertDecimal("1.52", p, web + "cost");
        assertDecimal("8.48", p, web + "net");
        String inStore = "byChannel.find { it.channel == 'store' }.figures.";
        assertEquals(1, p.getInt(inStore + "redemptions"));
        assertDecimal("4.01", p, inStore + "cost");
        assertDecimal("15.99", p, inStore + "net");
        String x = "bySegment.find { it.segment == 'or-seg-x' }.figures.";
        assertDecimal("5.52", p, x + "cost");
        assertDecimal("24.48", p, x + "net");
        String y = "bySegment.find { it.segment == 'or-seg-y' }.figures.";
        assertDecimal("0.01", p, y + "cost");
        assertDecimal("-0.01", p, y + "net");
        assertDecimal("-1", p, y + "returnOnInvestment");
        assertDecimal("4.01", p, "byChannelAndSegment.find { it.channel == 'store' && it.segment == 'or-seg-x' }.figures.cost");
        assertDecimal("2.5", p, "cost.perRedemption");

        // the daily series: every UTC day of the period, and its sums are the totals
        List<Map<String, Object>> days = p.getList("daily");
        LocalDate first = from.atZone(ZoneOffset.UTC).toLocalDate();
        LocalDate last = to.atZone(ZoneOffset.UTC).toLocalDate();
        assertEquals(ChronoUnit.DAYS.between(first, last) + 1, days.size(), p.prettify());
        assertEquals(first.toString(), days.get(0).get("date"));
        assertEquals(last.toString(), days.get(days.size() - 1).get("date"));
        assertEquals(3, sum(days, "impressions").intValueExact());
        assertEquals(2, sum(days, "accepts").intValueExact());
        assertEquals(2, sum(days, "conversions").intValueExact());
        assertEquals(0, new BigDecimal("30").compareTo(sum(days, "value")));
        assertEquals(0, new BigDecimal("5.53").compareTo(sum(days, "cost")));
        assertEquals(0, new BigDecimal("24.47").compareTo(sum(days, "net")));
    }

    @Test
    void withoutCostTheReturnIsAbsentAndTheValueIsNet() {
        offer("or-free", null);
        customer("or-f1", "or-seg-f");
        String decision = decide("or-f1");
        outcome(decision, "or-fi", "impression", null);
        outcome(decision, "or-fv", "convert", "4.50");
        JsonPath p = given().get("/v1/offers/or-free/performance").then().statusCode(200).extract().jsonPath();
        assertDecimal("0", p, "total.cost");
        assertDecimal("4.5", p, "total.net");
        assertFalse(p.getMap("total").containsKey("returnOnInvestment"), p.prettify());
        assertNull(p.get("cost"));
        given().get("/v1/offers/or-free").then().statusCode(200).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("cost")));
    }

    @Test
    @InvalidRequests
    void badCostsAndPeriodsAreProblemsNamingTheField() {
        for (Map.Entry<String, Object> bad : List.of(Map.entry("perImpression", (Object) (-0.01)), Map.entry("perAccept", (Object) 0.00001),
                Map.entry("perRedemption", (Object) 1_000_001), Map.entry("perImpression", (Object) "free"))) {
            Map<String, Object> body = body(Map.of(bad.getKey(), bad.getValue()));
            given().contentType(ContentType.JSON).body(body).put("/v1/offers/or-bad").then().statusCode(400)
                    .contentType("application/problem+json").body("field", equalTo("cost." + bad.getKey()));
        }
        given().get("/v1/offers/or-bad").then().statusCode(404);
        offer("or-period", Map.of("perAccept", 0.5));
        given().get("/v1/offers/or-period").then().statusCode(200).body("cost.perAccept", equalTo(0.5f));

        String path = "/v1/offers/or-period/performance";
        given().queryParam("from", "yesterday").get(path).then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("from"));
        given().queryParam("to", "2026-13-01T00:00:00Z").get(path).then().statusCode(400).body("field", equalTo("to"));
        given().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-02-01T00:00:00Z").get(path)
                .then().statusCode(400).body("field", equalTo("from")).body("detail", equalTo("from: must be before to"));
        given().queryParam("from", "2024-01-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z").get(path)
                .then().statusCode(400).body("field", equalTo("from")).body("detail", org.hamcrest.Matchers.containsString("366 days"));
        // the longest period allowed is answered, one day a line
        JsonPath longest = given().queryParam("from", "2025-01-01T00:00:00Z").queryParam("to", "2026-01-02T00:00:00Z").get(path)
                .then().statusCode(200).extract().jsonPath();
        assertEquals(366, longest.getList("daily").size());
        assertTrue(longest.getList("daily.cost", Float.class).stream().allMatch(cost -> cost == 0f));
    }

    // --- helpers

    private static void assertDecimal(String expected, JsonPath json, String path) {
        Object actual = json.get(path);
        assertTrue(actual != null && new BigDecimal(expected).compareTo(new BigDecimal(actual.toString())) == 0,
                path + ": expected " + expected + ", was " + actual + "\n" + json.prettify());
    }

    private static BigDecimal sum(List<Map<String, Object>> days, String key) {
        return days.stream().map(day -> new BigDecimal(day.get(key).toString())).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    private static Map<String, Object> body(Map<String, Object> cost) {
        Map<String, Object> body = new HashMap<>(Map.of("title", "Offer", "message", "m", "category", "cat-or",
                "channels", List.of("web", "store"), "placements", List.of("or-slot", "store-entry"), "businessValue", 900,
                "rule", "context.placement == 'or-slot' || context.storeId == 'st-or-1'"));
        if (cost != null) {
            body.put("cost", cost);
        }
        return body;
    }

    private static void offer(String id, Map<String, Object> cost) {
        Map<String, Object> body = body(cost);
        body.put("category", "cat-" + id);
        given().contentType(ContentType.JSON).body(body).put("/v1/offers/" + id)
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        given().contentType(ContentType.JSON).body(Map.of("name", "Marseille", "latitude", LAT, "longitude", LON, "radiusMeters", 100))
                .put("/v1/stores/st-or-1").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
    }

    private static void customer(String id, String segment) {
        given().contentType(ContentType.JSON).body("{\"segments\": [\"" + segment + "\"]}").put("/v1/customers/" + id)
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        Consenting.grant(id, "push");
    }

    private static String decide(String customer) {
        return given().contentType(ContentType.JSON)
                .body("{\"customerId\": \"%s\", \"channel\": \"web\", \"placement\": \"or-slot\", \"limit\": 5}".formatted(customer))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath().getString("decisionId");
    }

    private static void outcome(String decision, String event, String type, String value) {
        String body = "{\"eventId\": \"%s\", \"offerId\": \"%s\", \"type\": \"%s\"%s}".formatted(event, offerFor(event), type,
                value == null ? "" : ", \"value\": " + value);
        given().contentType(ContentType.JSON).body(body).post("/v1/decisions/" + decision + "/outcomes").then().statusCode(201);
    }

    private static String offerFor(String event) {
        return event.startsWith("or-f") ? "or-free" : "or-cost";
    }
}
