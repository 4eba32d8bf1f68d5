package dev.pertinence.page.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.consent.Consenting;
import dev.pertinence.decide.store.DecisionRecorder;
import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A page refreshed by the same customer within the refresh window is the same layout: the same decisionId, the
 * same sections in the same order with the same reasons, recorded once (docs/callers.md). Another cart, another
 * page or an anonymous visitor is a new layout; a dry run is never kept nor given back. Products pr-*, customer pr-*.
 */
@QuarkusTest
class PageRefreshTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    @Inject
    Pool pool;

    @Inject
    DecisionRecorder recorder;

    @Test
    void theSameCustomerRefreshingTheSamePageGetsTheSameLayoutRecordedOnce() {
        given().contentType("text/csv").body("sku,name,category,price\npr-boots,Boots,pr-hiking,80\npr-milk,Milk,pr-dairy,1\n")
                .post("/v1/products/import").then().statusCode(200);
        Customers.customer("pr-1");
        Consenting.grant("pr-1");
        given().contentType(ContentType.JSON).body(Map.of("customerId", "pr-1", "sku", "pr-boots",
                "purchasedAt", Instant.now().minus(3, ChronoUnit.DAYS).toString())).post("/v1/purchases").then().statusCode(201);
        Map<String, Object> request = Map.of("customerId", "pr-1", "page", "pr-home", "cart", List.of("pr-milk"), "sections", List.of(
                Map.of("id", "news", "category", "pr-news"), Map.of("id", "hiking", "category", "pr-hiking"),
                Map.of("id", "dairy", "category", "pr-dairy")));
        JsonPath first = layout(request);
        assertEquals(List.of("dairy", "hiking", "news"), first.getList("sections.id"), first.prettify());
        for (int i = 0; i < 3; i++) {
            JsonPath again = layout(request);
            assertEquals(first.getString("decisionId"), again.getString("decisionId"));
            assertEquals(first.getList("sections.id"), again.getList("sections.id"));
            assertEquals(first.getList("sections.reason"), again.getList("sections.reason"));
            assertTrue(again.getList("notes", String.class).stream().anyMatch(note -> note.startsWith("Same layout as at ")),
                    again.prettify());
        }
        // by one of her identifiers: the same person, the same layout
        Customers.link("pr-1", "loyalty", "5550 1234").then().statusCode(201);
        Map<String, Object> byCard = new HashMap<>(request);
        byCard.put("customerId", "loyalty:55501234");
        assertEquals(first.getString("decisionId"), layout(byCard).getString("decisionId"));
        recorder.flushNow().await().atMost(LONG);
        assertEquals(1, pool.preparedQuery("SELECT count(*) FROM decision WHERE customer_id = 'pr-1' AND placement = 'pr-home'")
                .execute().await().atMost(LONG).iterator().next().getLong(0), "recorded once");

        // another cart, another page: a new layout; a dry run is neither kept nor given the kept one
        Map<String, Object> otherCart = new HashMap<>(request);
        otherCart.put("cart", List.of("pr-boots"));
        String another = layout(otherCart).getString("decisionId");
        assertNotEquals(first.getString("decisionId"), another);
        Map<String, Object> otherPage = new HashMap<>(request);
        otherPage.put("page", "pr-other");
        assertNotEquals(first.getString("decisionId"), layout(otherPage).getString("decisionId"));
        Map<String, Object> dry = new HashMap<>(otherCart);
        dry.put("dryRun", true);
        String dryId = layout(dry).getString("decisionId");
        assertEquals(4, UUID.fromString(dryId).version());
        assertEquals(another, layout(otherCart).getString("decisionId"), "the kept layout is still the real one");

        // an anonymous visitor is ordered afresh, and recorded, each time
        Map<String, Object> anonymous = new HashMap<>(request);
        anonymous.remove("customerId");
        anonymous.put("visitorId", "pr-visitor");
        String once = layout(anonymous).getString("decisionId");
        String twice = layout(anonymous).getString("decisionId");
        assertNotEquals(once, twice);
        recorder.flushNow().await().atMost(LONG);
        assertEquals(2, pool.preparedQuery("SELECT count(*) FROM decision WHERE id = ANY($1)")
                .execute(Tuple.of(new UUID[] {UUID.fromString(once), UUID.fromString(twice)})).await().atMost(LONG)
                .iterator().next().getLong(0));
    }

    private static JsonPath layout(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request).post("/v1/page-layouts").then().statusCode(200)
                .extract().jsonPath();
    }
}
