package dev.pertinence.purchase.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
class PurchaseResourceTest {

    @Inject
    Pool pool;

    @Test
    void recordsOnePurchaseAndCreatesAMinimalProfile() {
        given().contentType(ContentType.JSON)
                .body("""
                        {"orderId": "pu-o-1", "customerId": "pu-new-cust", "sku": "pu-sku-1", "quantity": 2,
                         "amount": 9.80, "purchasedAt": "2026-10-01T10:00:00Z", "channel": "web"}""")
                .when().post("/v1/purchases")
                .then().statusCode(201)
                .body("stored", equalTo(1)).body("newCustomers", equalTo(1)).body("newProducts", equalTo(1));
        given().when().get("/v1/customers/pu-new-cust").then().statusCode(200).body("segments.size()", equalTo(0));
    }

    @Test
    void aRetriedOrderLineCountsOnce() {
        String line = """
                [{"orderId": "pu-o-2", "customerId": "pu-c-2", "sku": "pu-sku-2", "quantity": 1, "purchasedAt": "2026-10-02T10:00:00Z"},
                 {"orderId": "pu-o-2", "customerId": "pu-c-2", "sku": "pu-sku-3", "quantity": 3, "purchasedAt": "2026-10-02T10:00:00Z"}]""";
        given().contentType(ContentType.JSON).body(line).when().post("/v1/purchases/batch")
                .then().statusCode(201).body("stored", equalTo(2)).body("baskets", equalTo(1));
        given().contentType(ContentType.JSON).body(line).when().post("/v1/purchases/batch")
                .then().statusCode(201).body("newCustomers", equalTo(0));
        assertEquals(4L, count("SELECT sum(quantity) FROM purchase WHERE order_id = $1", "pu-o-2"));
    }

    @Test
    void importsLinesCsvWithAnonymousBasketsAndSumsRepeatedItems() {
        String csv = """
                order_id,customer_id,sku,quantity,price,timestamp
                pu-csv-1,pu-c-3,pu-a,1,2.50,2026-09-01T08:00:00Z
                pu-csv-1,pu-c-3,pu-a,2,2.50,2026-09-01T08:00:00Z
                pu-csv-2,,pu-b,1,,2026-09-01T09:00:00+02:00
                ,pu-c-3,pu-c,1,1.00,2026-09-02
                """;
        given().contentType("text/csv").body(csv).when().post("/v1/purchases/import")
                .then().statusCode(200)
                .body("lines", equalTo(4)).body("stored", equalTo(3)).body("baskets", equalTo(3));
        assertEquals(3L, count("SELECT quantity FROM purchase WHERE order_id = $1", "pu-csv-1"));
        assertEquals(750L, count("SELECT (amount * 100)::bigint FROM purchase WHERE order_id = $1", "pu-csv-1"));
        assertEquals(1L, count("SELECT count(*) FROM purchase WHERE order_id = $1 AND customer_id IS NULL", "pu-csv-2"));
    }

    @Test
    void importsTheGroceryBasketsAsTheyAre() throws Exception {
        Path groceries = Path.of("../shared/data/groceries.csv");
        given().contentType("text/csv").body(Files.readAllBytes(groceries))
                .queryParam("format", "baskets").queryParam("timestamp", "2026-01-15T12:00:00Z")
                .when().post("/v1/purchases/import")
                .then().statusCode(200)
                .body("lines", equalTo(43_367))
                .body("baskets", equalTo(9_835))
                .body("stored", equalTo(43_367));
    }

    @Test

    @InvalidRequests
    void aBadLineRefusesTheWholeFile() {
        String csv = """
                order_id,customer_id,sku,quantity,price,timestamp
                pu-bad-1,pu-c-9,pu-x,1,1.00,2026-09-01T08:00:00Z
                pu-bad-2,pu-c-9,pu-y,1,1.00,yesterday
                """;
        given().contentType("text/csv").body(csv).when().post("/v1/purchases/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("line 3.timestamp"));
        assertEquals(0L, count("SELECT count(*) FROM purchase WHERE order_id = $1", "pu-bad-1"));
        given().contentType("text/csv").body("order_id,customer_id,sku,quantity,price,timestamp\no,c,s,0,1,2026-01-01\n")
                .when().post("/v1/purchases/import").then().statusCode(400).body("field", equalTo("line 2.quantity"));
        given().contentType("text/csv").body("order_id,customer_id,sku,quantity,price,timestamp\no,c,s,1,1,2099-01-01\n")
                .when().post("/v1/purchases/import").then().statusCode(400).body("field", equalTo("line 2.timestamp"));
        given().contentType("text/csv").body("x").queryParam("format", "xml")
                .when().post("/v1/purchases/import").then().statusCode(400).body("field", equalTo("format"));
    }

    @Test

    @InvalidRequests
    void badJsonPurchasesAreProblems() {
        given().contentType(ContentType.JSON).body("{\"sku\": \"s\", \"purchasedAt\": \"2026-01-01T00:00:00Z\", \"quantity\": 0}")
                .when().post("/v1/purchases").then().statusCode(400).body("field", equalTo("quantity"));
        given().contentType(ContentType.JSON).body("{\"sku\": \"s\"}")
                .when().post("/v1/purchases").then().statusCode(400).body("field", equalTo("purchasedAt"));
        given().contentType(ContentType.JSON).body("{\"sku\": \"s\", \"purchasedAt\": \"2099-01-01T00:00:00Z\"}")
                .when().post("/v1/purchases").then().statusCode(400).body("field", equalTo("purchasedAt"));
        given().contentType(ContentType.JSON).body("{\"sku\": \"s\", \"purchasedAt\": \"2026-01-01T00:00:00Z\", \"channel\": \"fax\"}")
                .when().post("/v1/purchases").then().statusCode(400).body("field", equalTo("channel"));
        given().contentType(ContentType.JSON).body("[]")
                .when().post("/v1/purchases/batch").then().statusCode(400).contentType("application/problem+json");
        given().contentType(ContentType.JSON).body("[{\"sku\": \"ok\", \"purchasedAt\": \"2026-01-01T00:00:00Z\"}, {\"sku\": \"\"}]")
                .when().post("/v1/purchases/batch").then().statusCode(400).contentType("application/problem+json");
    }

    private long count(String sql, String argument) {
        return pool.preparedQuery(sql).execute(Tuple.of(argument)).await().indefinitely().iterator().next().getLong(0);
    }
}
