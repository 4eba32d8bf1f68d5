package dev.pertinence.identity.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static dev.pertinence.identity.rest.Customers.customer;
import static dev.pertinence.identity.rest.Customers.link;
import static dev.pertinence.identity.rest.Customers.purchase;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.pertinence.consent.Consenting;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** One customer behind every touchpoint, on real PostgreSQL and Redis. Customers id-*, placement id-slot. */
@QuarkusTest
class IdentityTest {

    @Inject
    Pool pool;

    @Test
    void everySpellingOfAnIdentifierFindsTheSameCustomer() {
        customer("id-jane");
        link("id-jane", "email", " Jane.Doe@Example.COM ").then().statusCode(201)
                .body("reference", equalTo("email:jane.doe@example.com"))
                .body("value", equalTo("jane.doe@example.com"))
                .body("customerId", equalTo("id-jane"))
                .body("source", equalTo("crm"));
        link("id-jane", "phone", "06 12 34 56 01").then().statusCode(201).body("reference", equalTo("phone:+33612345601"));
        link("id-jane", "loyalty", "4971 2233-01").then().statusCode(201).body("reference", equalTo("loyalty:4971223301"));

        for (String reference : List.of("id-jane", "email:jane.doe@example.com", "EMAIL:JANE.DOE@EXAMPLE.COM",
                "phone:+33 6 12 34 56 01", "phone:0033612345601", "loyalty:497122330-1")) {
            given().get("/v1/customers/" + reference).then().statusCode(200).body("id", equalTo("id-jane"));
        }
        given().get("/v1/customers/id-jane/identifiers").then().statusCode(200)
                .body("customerId", equalTo("id-jane"))
                .body("identifiers.reference", hasItems("email:jane.doe@example.com", "phone:+33612345601", "loyalty:4971223301"));
    }

    @Test
    void anIdentifierBelongsToOneCustomerOnly() {
        customer("id-one");
        customer("id-two");
        link("id-one", "device", "dev-Abc-1").then().statusCode(201);
        link("id-one", "device", "dev-Abc-1").then().statusCode(200).body("customerId", equalTo("id-one"));
        link("id-two", "device", "dev-Abc-1").then().statusCode(409).contentType("application/problem+json")
                .body("field", equalTo("value")).body("detail", containsString("another customer"));
        link("id-two", "device", "DEV-ABC-1").then().statusCode(201); // device ids are case-sensitive: another device
        given().get("/v1/customers/device:dev-Abc-1").then().statusCode(200).body("id", equalTo("id-one"));
    }

    @Test

    @InvalidRequests
    void badIdentifiersAreProblemsNamingTheField() {
        customer("id-bad");
        link("id-bad", "email", "not-an-email").then().statusCode(400).contentType("application/problem+json")
                .body("field", equalTo("value")).body("detail", containsString("not an email address"));
        link("id-bad", "phone", "12").then().statusCode(400).body("field", equalTo("value"));
        given().contentType(ContentType.JSON).body("{\"type\": \"passport\", \"value\": \"x\"}")
                .post("/v1/customers/id-bad/identifiers").then().statusCode(400).body("field", equalTo("type"));
        given().contentType(ContentType.JSON).body("{\"type\": \"email\"}")
                .post("/v1/customers/id-bad/identifiers").then().statusCode(400).body("field", equalTo("value"));
        link("id-nobody", "email", "x@example.com").then().statusCode(404).body("field", equalTo("id"));
        given().get("/v1/customers/email:nobody@example.com").then().statusCode(404)
                .contentType("application/problem+json").body("detail", containsString("customer with identifier 'email:nobody@example.com'"));
        given().get("/v1/customers/email:broken").then().statusCode(400).body("field", equalTo("id"));
        // a profile is never created under an identifier: the id comes first, then the link
        given().contentType(ContentType.JSON).body("{}").put("/v1/customers/email:new-person@example.com")
                .then().statusCode(404).body("field", equalTo("id"));
    }

    @Test
    void aProfileCanBeReplacedThroughAnIdentifierAndAnIdentifierUnlinked() {
        customer("id-put");
        link("id-put", "crm", "SF-0042").then().statusCode(201);
        given().contentType(ContentType.JSON).body("{\"firstName\": \"Claire\"}").put("/v1/customers/crm:SF-0042")
                .then().statusCode(200).body("id", equalTo("id-put")).body("firstName", equalTo("Claire"));
        given().delete("/v1/customers/id-put/identifiers/crm:SF-0042").then().statusCode(204);
        given().delete("/v1/customers/id-put/identifiers/crm:SF-0042").then().statusCode(404).body("field", equalTo("reference"));
        given().get("/v1/customers/crm:SF-0042").then().statusCode(404);
    }

    @Test
    void aDecisionByAnyIdentifierIsTheDecisionById() {
        for (String offer : List.of("id-o1", "id-o2", "id-o3")) {
            given().contentType(ContentType.JSON).body("""
                    {"title": "Offer %s", "message": "m", "category": "cat-%s", "channels": ["web"], "placements": ["id-slot"],
                     "businessValue": %d, "targetSkus": ["id-sku-1"]}""".formatted(offer, offer, offer.charAt(4) * 2))
                    .put("/v1/offers/" + offer).then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        }
        customer("id-dec");
        Consenting.grant("id-dec");
        purchase("id-dec", "id-sku-1");
        link("id-dec", "loyalty", "77001122").then().statusCode(201);
        link("id-dec", "email", "dec@example.com").then().statusCode(201);

        JsonPath byId = decide("id-dec");
        assertFalse(byId.getList("offers").isEmpty());
        for (String reference : List.of("loyalty:7700 1122", "email:DEC@example.com")) {
            JsonPath byIdentifier = decide(reference);
            assertEquals("id-dec", byIdentifier.getString("customerId"));
            assertEquals(byId.getList("offers.offerId"), byIdentifier.getList("offers.offerId"));
            assertEquals(byId.getList("offers.score"), byIdentifier.getList("offers.score"));
            assertEquals(byId.getList("offers.reasons"), byIdentifier.getList("offers.reasons"));
        }
        given().contentType(ContentType.JSON).body("{\"customerId\": \"email:@@\", \"channel\": \"web\", \"placement\": \"id-slot\"}")
                .post("/v1/decisions").then().statusCode(400).body("field", equalTo("customerId"));
        JsonPath unknown = decide("email:unknown-person@example.com");
        assertEquals(null, unknown.getString("customerId"));
        org.hamcrest.MatcherAssert.assertThat(unknown.getList("notes"),
                org.hamcrest.Matchers.hasItem("Unknown customer: decided as for an anonymous visitor"));
    }

    @Test
    void purchasesByIdentifierAreTheCustomersAndAnUnknownIdentifierStoresNothing() {
        customer("id-buyer");
        link("id-buyer", "phone", "+44 20 7946 0001").then().statusCode(201);
        purchase("phone:+442079460001", "id-sku-2").then().statusCode(201);
        given().contentType("text/csv").body("order_id,customer_id,sku,quantity,price,timestamp\n"
                        + "id-csv-1,phone:+44 (0)20 7946 0001,id-sku-3,1,2.50,2026-01-05T10:00:00Z\n")
                .post("/v1/purchases/import").then().statusCode(200).body("newCustomers", equalTo(0));
        assertEquals(2, purchasesOf("id-buyer"));

        purchase("email:stranger@example.com", "id-sku-2").then().statusCode(422)
                .contentType("application/problem+json").body("field", equalTo("customerId"))
                .body("detail", containsString("email:stranger@example.com"));
        given().contentType("text/csv").body("order_id,customer_id,sku,quantity,price,timestamp\n"
                        + "id-csv-2,id-buyer,id-sku-3,1,2.50,2026-01-05T10:00:00Z\n"
                        + "id-csv-2,loyalty:99999999,id-sku-4,1,2.50,2026-01-05T10:00:00Z\n")
                .post("/v1/purchases/import").then().statusCode(422).body("field", equalTo("customerId"));
        assertEquals(2, purchasesOf("id-buyer"), "the refused import stored nothing");
        given().contentType("text/csv").body("order_id,customer_id,sku,quantity,price,timestamp\n"
                        + "id-csv-3,email:broken,id-sku-3,1,2.50,2026-01-05T10:00:00Z\n")
                .post("/v1/purchases/import").then().statusCode(400).body("field", containsString("customer_id"));
    }

    private long purchasesOf(String customerId) {
        return pool.preparedQuery("SELECT count(*) FROM purchase WHERE customer_id = $1").execute(Tuple.of(customerId))
                .await().indefinitely().iterator().next().getLong(0);
    }

    static JsonPath decide(String customer) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", customer, "channel", "web", "placement", "id-slot"))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
    }
}
