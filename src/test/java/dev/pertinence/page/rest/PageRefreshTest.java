package dev.pertinence.page.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.pertinence.consent.Consenting;
import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A page refreshed gets the same order: a layout reserves and records nothing, so the same request gives the
 * same sections in the same order, with the same reasons (docs/callers.md). Products pr-*, customer pr-1.
 */
@QuarkusTest
class PageRefreshTest {

    @Test
    void theSameRequestRefreshedGivesTheSameOrder() {
        given().contentType("text/csv").body("sku,name,category,price\npr-boots,Boots,pr-hiking,80\npr-milk,Milk,pr-dairy,1\n")
                .post("/v1/products/import").then().statusCode(200);
        Customers.customer("pr-1");
        Consenting.grant("pr-1");
        given().contentType(ContentType.JSON).body(Map.of("customerId", "pr-1", "sku", "pr-boots",
                "purchasedAt", Instant.now().minus(3, ChronoUnit.DAYS).toString())).post("/v1/purchases").then().statusCode(201);
        Map<String, Object> request = Map.of("customerId", "pr-1", "cart", List.of("pr-milk"), "sections", List.of(
                Map.of("id", "news", "category", "pr-news"), Map.of("id", "hiking", "category", "pr-hiking"),
                Map.of("id", "dairy", "category", "pr-dairy")));
        JsonPath first = layout(request);
        assertEquals(List.of("dairy", "hiking", "news"), first.getList("sections.id"), first.prettify());
        for (int i = 0; i < 3; i++) {
            JsonPath again = layout(request);
            assertEquals(first.getList("sections.id"), again.getList("sections.id"));
            assertEquals(first.getList("sections.reason"), again.getList("sections.reason"));
        }
    }

    private static JsonPath layout(Map<String, Object> request) {
        return given().contentType(ContentType.JSON).body(request).post("/v1/page-layouts").then().statusCode(200)
                .extract().jsonPath();
    }
}
