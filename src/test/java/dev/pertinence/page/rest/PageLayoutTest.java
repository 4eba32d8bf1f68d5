package dev.pertinence.page.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.consent.Consenting;
import dev.pertinence.copurchase.ModelBuilds;
import dev.pertinence.identity.rest.Customers;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A page reordered per visitor, on real PostgreSQL and Redis. Products pl-*, customers pl-*. */
@QuarkusTest
class PageLayoutTest {

    private static final List<Map<String, Object>> SECTIONS = List.of(
            Map.of("id", "dairy", "category", "pl-dairy"),
            Map.of("id", "lighting", "category", "pl-lighting"),
            Map.of("id", "outdoor", "tags", List.of("pl-camping", "pl-hiking")),
            Map.of("id", "running", "category", "pl-running"));
    private static boolean seeded;

    @BeforeEach
    void seed() {
        if (seeded) {
            return;
        }
        seeded = true;
        given().contentType("text/csv").body("sku,name,category,price\npl-tent,Tent,pl-camping,99\npl-torch,Torch,pl-lighting,9\n"
                + "pl-yogurt,Yogurt,pl-dairy,1\npl-shoes,Shoes,pl-running,60\n").post("/v1/products/import").then().statusCode(200);
        StringBuilder baskets = new StringBuilder("order_id,customer_id,sku,quantity,price,timestamp\n");
        String day = Instant.now().minus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        for (int i = 0; i < 5; i++) { // a tent goes with a torch; yogurt and shoes are bought on their own
            baskets.append("pl-o").append(i).append(",,pl-tent,1,99,").append(day).append('\n');
            baskets.append("pl-o").append(i).append(",,pl-torch,1,9,").append(day).append('\n');
            baskets.append("pl-y").append(i).append(",,pl-yogurt,1,1,").append(day).append('\n');
            baskets.append("pl-s").append(i).append(",,pl-shoes,1,60,").append(day).append('\n');
        }
        given().contentType("text/csv").body(baskets.toString()).post("/v1/purchases/import").then().statusCode(200);
        ModelBuilds.buildAndWait();
    }

    @Test
    void anAnonymousVisitorIsOrderedFromTheCart() {
        JsonPath layout = layout(Map.of("cart", List.of("pl-tent"), "sections", SECTIONS));
        assertEquals(List.of("outdoor", "lighting", "dairy", "running"), layout.getList("sections.id"), layout.prettify());
        assertEquals("Tent is in the cart (pl-camping)", layout.getString("sections[0].reason"));
        assertTrue(layout.getString("sections[1].reason").startsWith("Tent is in the cart: ")
                        && layout.getString("sections[1].reason").endsWith(" of baskets with it also hold pl-torch (pl-lighting)"),
                layout.getString("sections[1].reason"));
        assertEquals(List.of(1, 2, 3, 4), layout.getList("sections.position"));
        assertEquals(List.of(3, 2, 1, 4), layout.getList("sections.originalPosition"));
        assertEquals(0.0, layout.getDouble("sections[3].score"));
        assertTrue(layout.getString("sections[3].reason").startsWith("Nothing this visitor"));
    }

    @Test
    void aKnownCustomerIsOrderedFromWhatTheyBoughtOnlyWithConsentToProfiling() {
        Customers.customer("pl-runner");
        given().contentType(ContentType.JSON).body(Map.of("customerId", "pl-runner", "sku", "pl-shoes",
                "purchasedAt", Instant.now().minus(1, ChronoUnit.DAYS).toString())).post("/v1/purchases").then().statusCode(201);
        JsonPath unconsented = layout(Map.of("customerId", "pl-runner", "sections", SECTIONS));
        assertEquals(List.of("dairy", "lighting", "outdoor", "running"), unconsented.getList("sections.id"), "the page's own order");
        assertEquals(List.of("No consent to profiling recorded: ordered from the session only"), unconsented.getList("notes"));

        Consenting.grant("pl-runner");
        JsonPath layout = layout(Map.of("customerId", "pl-runner", "sections", SECTIONS));
        assertEquals("running", layout.getString("sections[0].id"), layout.prettify());
        assertEquals("Bought Shoes yesterday (pl-running)", layout.getString("sections[0].reason"));
        assertEquals("pl-runner", layout.getString("customerId"));
    }

    @Test

    @InvalidRequests
    void badPagesAreProblemsNamingTheField() {
        given().contentType(ContentType.JSON).body(Map.of("sections", List.of())).post("/v1/page-layouts")
                .then().statusCode(400).contentType("application/problem+json").body("field", equalTo("sections"));
        given().contentType(ContentType.JSON).body(Map.of("sections", List.of(Map.of("id", "empty"))))
                .post("/v1/page-layouts").then().statusCode(400).body("field", equalTo("sections[0]"));
        List<Map<String, Object>> twice = new ArrayList<>(SECTIONS);
        twice.add(Map.of("id", "dairy", "category", "pl-other"));
        given().contentType(ContentType.JSON).body(Map.of("sections", twice)).post("/v1/page-layouts")
                .then().statusCode(400).body("field", equalTo("sections[4].id"));
        given().contentType(ContentType.JSON).body(Map.of("customerId", "email:@", "sections", SECTIONS)).post("/v1/page-layouts")
                .then().statusCode(400).body("field", equalTo("customerId"));
        JsonPath unknown = layout(Map.of("customerId", "pl-nobody", "sections", SECTIONS));
        assertEquals(List.of("Unknown customer: ordered as for an anonymous visitor"), unknown.getList("notes"));
    }

    private static JsonPath layout(Map<String, Object> body) {
        return given().contentType(ContentType.JSON).body(body).post("/v1/page-layouts").then().statusCode(200).extract().jsonPath();
    }
}
