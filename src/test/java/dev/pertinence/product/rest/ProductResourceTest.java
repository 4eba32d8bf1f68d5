package dev.pertinence.product.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.containsString;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProductResourceTest {

    @Test
    void upsertsAndReadsAProduct() {
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"Digital camera\", \"category\": \"photo\", \"price\": 349.90, \"margin\": 60}")
                .when().put("/v1/products/pr-cam-1")
                .then().statusCode(201).body("category", equalTo("photo"));
        given().contentType(ContentType.JSON)
                .body("{\"name\": \"Digital camera X\", \"category\": \"photo\", \"price\": 299.90}")
                .when().put("/v1/products/pr-cam-1")
                .then().statusCode(200).body("name", equalTo("Digital camera X"));
        given().when().get("/v1/products/pr-cam-1").then().statusCode(200).body("price", equalTo(299.9f));
    }

    @Test
    void importsCsvWithQuotedNamesAndLastLineWins() {
        String csv = """
                sku,name,category,price
                pr-csv-1,"Prints, 10x15",photo,0.15
                pr-csv-2,Photo album,photo,
                pr-csv-1,"Prints ""glossy"", 10x15",photo,0.18
                """;
        given().contentType("text/csv").body(csv)
                .when().post("/v1/products/import")
                .then().statusCode(200).body("lines", equalTo(3)).body("stored", equalTo(2));
        given().when().get("/v1/products/pr-csv-1").then().statusCode(200)
                .body("name", equalTo("Prints \"glossy\", 10x15"))
                .body("price", equalTo(0.18f));
    }

    @Test

    @InvalidRequests
    void refusesABadFileWholeAndNamesTheLine() {
        String csv = "sku,name,category,price\npr-bad-1,Fine,photo,1.00\npr-bad-2,Broken,photo,cheap\n";
        given().contentType("text/csv").body(csv)
                .when().post("/v1/products/import")
                .then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("line 3.price"))
                .body("detail", containsString("line 3"));
        given().when().get("/v1/products/pr-bad-1").then().statusCode(404);

        given().contentType("text/csv").body("id,label\nx,y\n")
                .when().post("/v1/products/import")
                .then().statusCode(400).body("field", equalTo("line 1"));
        given().contentType(ContentType.JSON).body("{\"category\": \"photo\"}")
                .when().put("/v1/products/pr-no-name")
                .then().statusCode(400).body("field", equalTo("name"));
        given().contentType(ContentType.JSON).body("{\"name\": \"x\", \"price\": -1}")
                .when().put("/v1/products/pr-neg")
                .then().statusCode(400).body("field", equalTo("price"));
    }
}
