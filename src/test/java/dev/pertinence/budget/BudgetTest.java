package dev.pertinence.budget;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.openapi.InvalidRequests;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Offer budgets through the API, on the real PostgreSQL and Redis: never exceeded under concurrent
 * decisions, paced evenly, shown in the offer's performance, refused with the field when malformed.
 * Each test has its own placement on channel app, so no other test's offer competes for it.
 */
@QuarkusTest
class BudgetTest {

    private static Map<String, Object> offer(String id, String placement, Map<String, Object> budget) {
        Map<String, Object> offer = new HashMap<>(Map.of("id", id, "title", "Offer " + id, "message", "M", "channels", List.of("app"),
                "placements", List.of(placement), "businessValue", 1_000_000_000, "lever", 100));
        if (budget != null) {
            offer.put("budget", budget);
        }
        return offer;
    }

    private static JsonPath decide(String visitor, String placement, boolean explain) {
        return given().contentType(ContentType.JSON)
                .body(Map.of("visitorId", visitor, "channel", "app", "placement", placement, "limit", 3, "explain", explain))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
    }

    private static String droppedReason(JsonPath decision, String offerId) {
        return decision.getString("explanation.dropped.find { it.offerId == '" + offerId + "' }.reason");
    }

    private static void impression(String decisionId, String offerId) {
        given().contentType(ContentType.JSON).body(Map.of("eventId", decisionId + "-seen", "offerId", offerId, "type", "impression"))
                .post("/v1/decisions/" + decisionId + "/outcomes").then().statusCode(201);
    }

    private static JsonPath performance(String offerId) {
        return given().get("/v1/offers/" + offerId + "/performance").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void twoHundredConcurrentDecisionsEachFollowedByItsImpressionNeverSpendMoreThanABudgetOfFifty() throws Exception {
        String id = "bg-fifty-" + System.nanoTime();
        String placement = id + "-slot";
        JsonPath created = given().contentType(ContentType.JSON)
                .body(offer(id, placement, Map.of("count", 50, "of", "impressions", "period", "P7D")))
                .post("/v1/offers").then().statusCode(201).extract().jsonPath();
        assertEquals(50, created.getInt("budget.count"));
        assertEquals("impressions", created.getString("budget.of"));
        assertEquals("P7D", created.getString("budget.period"));
        assertEquals("asap", created.getString("budget.pacing"), "asap by default");

        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<Future<Boolean>> proposed = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            String visitor = id + "-v" + i;
            proposed.add(pool.submit(() -> {
                JsonPath decision = decide(visitor, placement, false);
                if (!decision.getList("offers.offerId").contains(id)) {
                    return false;
                }
                impression(decision.getString("decisionId"), id);
                return true;
            }));
        }
        int shown = 0;
        for (Future<Boolean> each : proposed) {
            shown += each.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(50, shown, "every unit of the budget used, none beyond it");

        JsonPath figures = performance(id);
        assertEquals(50, figures.getInt("total.impressions"), "PostgreSQL holds 50 impressions, not more");
        assertEquals(50, figures.getInt("budget.count"));
        assertEquals("impressions", figures.getString("budget.of"));
        assertEquals(50, figures.getInt("budget.spent"), figures.prettify());
        assertEquals(0, figures.getInt("budget.reserved"), "every reservation confirmed by its impression");
        assertEquals(0, figures.getInt("budget.left"));
        assertEquals(50, figures.getInt("budget.pacedAllowanceNow"), "asap: the whole count");

        JsonPath after = decide(id + "-late", placement, true);
        assertTrue(!after.getList("offers.offerId").contains(id), after.prettify());
        assertEquals("BUDGET_SPENT", droppedReason(after, id), after.prettify());
    }

    @Test
    void evenPacingRefusesBeyondTheAllowanceOfTheMomentAndThePerformanceShowsIt() {
        String id = "bg-even-" + System.nanoTime();
        String placement = id + "-slot";
        // 1,000 a day, evenly: right after the start count × elapsed / period is 0, so only the burst (5) is allowed
        given().contentType(ContentType.JSON)
                .body(offer(id, placement, Map.of("count", 1000, "of", "impressions", "period", "P1D", "pacing", "even")))
                .post("/v1/offers").then().statusCode(201).body("budget.pacing", equalTo("even"));
        for (int i = 0; i < 5; i++) {
            assertTrue(decide(id + "-v" + i, placement, false).getList("offers.offerId").contains(id), "within the burst");
        }
        JsonPath paced = decide(id + "-v6", placement, true);
        assertFalse(paced.getList("offers.offerId").contains(id), paced.prettify());
        assertEquals("PACED", droppedReason(paced, id), paced.prettify());

        JsonPath figures = performance(id);
        assertEquals(0, figures.getInt("budget.spent"));
        assertEquals(5, figures.getInt("budget.reserved"), "held by the five decisions, not shown yet");
        assertEquals(995, figures.getInt("budget.left"));
        assertEquals(5, figures.getInt("budget.pacedAllowanceNow"), figures.prettify());
        assertTrue(Instant.parse(figures.getString("budget.windowEnd")).isAfter(Instant.now().plus(23, ChronoUnit.HOURS)));
    }

    @Test
    void anOfferWithoutABudgetIsDecidedAsBeforeAndItsPerformanceHasNoBudget() {
        String id = "bg-none-" + System.nanoTime();
        String placement = id + "-slot";
        given().contentType(ContentType.JSON).body(offer(id, placement, null)).post("/v1/offers").then().statusCode(201);
        for (int i = 0; i < 3; i++) {
            JsonPath decision = decide(id + "-v" + i, placement, true);
            assertTrue(decision.getList("offers.offerId").contains(id), decision.prettify());
        }
        assertTrue(performance(id).getMap("$").get("budget") == null, "no budget in the performance");
        given().get("/v1/offers/" + id).then().statusCode(200).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("budget")));
    }

    @Test
    void aBudgetSetOnAnExistingOfferIsKeptWhenItsCountChangesAndRemovedWhenLeftOut() {
        String id = "bg-edit-" + System.nanoTime();
        String placement = id + "-slot";
        String until = Instant.now().plus(10, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        JsonPath first = given().contentType(ContentType.JSON)
                .body(offer(id, placement, Map.of("count", 2, "of", "coupons", "until", until)))
                .put("/v1/offers/" + id).then().statusCode(201).extract().jsonPath();
        assertEquals(until, first.getString("budget.until"));
        String start = first.getString("budget.start");
        JsonPath raised = given().contentType(ContentType.JSON)
                .body(offer(id, placement, Map.of("count", 3, "of", "coupons", "until", until)))
                .put("/v1/offers/" + id).then().statusCode(200).extract().jsonPath();
        assertEquals(3, raised.getInt("budget.count"));
        assertEquals(start, raised.getString("budget.start"), "a raised count keeps what was spent since the start");
        given().contentType(ContentType.JSON).body(offer(id, placement, null)).put("/v1/offers/" + id)
                .then().statusCode(200).body("$", org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasKey("budget")));
    }

    @Test
    @InvalidRequests
    @SuppressWarnings("unchecked")
    void malformedBudgetsAreRefusedNamingTheField() {
        String future = Instant.now().plus(3, ChronoUnit.DAYS).toString();
        String past = Instant.now().minus(1, ChronoUnit.DAYS).toString();
        List<Object[]> cases = List.of(
                new Object[] {Map.of("count", 0, "of", "impressions", "period", "P7D"), "budget.count"},
                new Object[] {Map.of("count", 10_000_001, "of", "impressions", "period", "P7D"), "budget.count"},
                new Object[] {Map.of("of", "impressions", "period", "P7D"), "budget.count"},
                new Object[] {Map.of("count", 5, "period", "P7D"), "budget.of"},
                new Object[] {Map.of("count", 5, "of", "clicks", "period", "P7D"), "budget.of"},
                new Object[] {Map.of("count", 5, "of", "impressions", "period", "P7D", "pacing", "later"), "budget.pacing"},
                new Object[] {Map.of("count", 5, "of", "impressions"), "budget.until"},
                new Object[] {Map.of("count", 5, "of", "impressions", "period", "P7D", "until", future), "budget.period"},
                new Object[] {Map.of("count", 5, "of", "impressions", "period", "PT30M"), "budget.period"},
                new Object[] {Map.of("count", 5, "of", "impressions", "period", "P367D"), "budget.period"},
                new Object[] {Map.of("count", 5, "of", "impressions", "period", "soon"), "budget.period"},
                new Object[] {Map.of("count", 5, "of", "impressions", "until", past), "budget.until"},
                new Object[] {Map.of("count", 5, "of", "impressions", "until", "2999-01-01T00:00:00Z"), "budget.until"},
                new Object[] {Map.of("count", 5, "of", "impressions", "period", "P7D", "extra", 1), "budget.extra"});
        for (Object[] each : cases) {
            given().contentType(ContentType.JSON).body(offer("bg-bad", "bg-bad-slot", (Map<String, Object>) each[0]))
                    .post("/v1/offers").then().statusCode(400)
                    .contentType("application/problem+json")
                    .body("field", equalTo(each[1]))
                    .body("title", org.hamcrest.Matchers.notNullValue())
                    .body("detail", org.hamcrest.Matchers.notNullValue());
        }
        given().get("/v1/offers/bg-bad").then().statusCode(404);
        given().get("/v1/offers/bg-missing/performance").then().statusCode(404).body("detail", containsString("bg-missing"));
    }
}
