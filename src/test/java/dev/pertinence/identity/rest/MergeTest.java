package dev.pertinence.identity.rest;

import dev.pertinence.common.openapi.InvalidRequests;
import static dev.pertinence.identity.rest.Customers.link;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.consent.Consenting;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Two profiles that are one person, folded on real PostgreSQL and Redis. Customers mg-*, placement mg-slot. */
@QuarkusTest
class MergeTest {

    @Inject
    Pool pool;

    @Inject
    Redis redis;

    @Test
    void aMergeMovesEverythingAndKeepsTheContactPressure() {
        given().contentType(ContentType.JSON).body("""
                {"title": "Mail offer", "message": "m", "category": "mg-cat", "channels": ["email"], "placements": ["mg-slot"],
                 "businessValue": 5}""").put("/v1/offers/mg-mail").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        given().contentType(ContentType.JSON).body("{\"segments\": [\"mg-gold\"], \"lastName\": \"Martin\"}").put("/v1/customers/mg-keep")
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        given().contentType(ContentType.JSON).body("""
                {"firstName": "Bob", "lastName": "Other", "segments": ["mg-silver", "mg-gold"],
                 "provenance": {"firstName": {"source": "store", "reliability": "verified"}}}""").put("/v1/customers/mg-away")
                .then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        link("mg-away", "loyalty", "55660001").then().statusCode(201);
        Consenting.grant("mg-away", "email"); // the survivor never answered: it takes this answer in the merge
        Customers.purchase("mg-away", "mg-sku-1").then().statusCode(201);

        // the merged-away person was mailed this week: the email cap (1 per 7 days) is used up
        JsonPath mailed = decide("mg-away");
        assertEquals(List.of("mg-mail"), mailed.getList("offers.offerId"));
        outcome(mailed.getString("decisionId"), "mg-ev-1", "impression");

        JsonPath merge = given().contentType(ContentType.JSON).body(Map.of("from", "loyalty:5566 0001", "reason", "same card"))
                .post("/v1/customers/mg-keep/merge").then().statusCode(200)
                .body("survivorId", equalTo("mg-keep")).body("mergedId", equalTo("mg-away"))
                .body("reason", equalTo("same card"))
                .body("moved.purchases", equalTo(1)).body("moved.decisions", equalTo(1)).body("moved.exposures", equalTo(1))
                .body("moved.outcomes", equalTo(1)).body("moved.identifiers", equalTo(1)).body("moved.consents", equalTo(2))
                .extract().jsonPath();
        assertTrue(merge.getInt("moved.contactEntries") >= 1, merge.prettify());

        // a capped person is still capped after merging
        JsonPath after = decide("mg-keep");
        assertTrue(after.getList("offers").isEmpty(), after.prettify());
        assertTrue(after.getList("notes").contains("Contact cap reached: at most 1 per 7 days on email"), after.prettify());

        // the old id and the old identifiers name the survivor; the profile took what the survivor lacked
        for (String reference : List.of("mg-away", "loyalty:55660001", "mg-keep")) {
            given().get("/v1/customers/" + reference).then().statusCode(200)
                    .body("id", equalTo("mg-keep"))
                    .body("firstName", equalTo("Bob")).body("lastName", equalTo("Martin"))
                    .body("segments", contains("mg-gold", "mg-silver"))
                    .body("provenance.firstName.source", equalTo("store"));
        }
        given().get("/v1/customers/mg-keep/exposures").then().statusCode(200)
                .body("exposures.decisionId", hasItem(mailed.getString("decisionId")));
        assertEquals(0, count("SELECT count(*) FROM purchase WHERE customer_id = $1", "mg-away"));
        assertEquals(0, count("SELECT count(*) FROM customer WHERE id = $1", "mg-away"));
        assertEquals(0L, redis.send(Request.cmd(Command.EXISTS).arg("pertinence:{c:mg-away}:contacts"))
                .await().indefinitely().toLong());

        // an outcome arriving late for the old decision is the survivor's
        outcome(mailed.getString("decisionId"), "mg-ev-2", "click");
        given().get("/v1/customers/mg-keep/exposures").then().statusCode(200).body("exposures[0].response", equalTo("click"));
        assertEquals(0L, redis.send(Request.cmd(Command.EXISTS).arg("pertinence:{c:mg-away}:contacts"))
                .await().indefinitely().toLong(), "the merged person's Redis state is not recreated");

        given().get("/v1/customers/mg-away/merges").then().statusCode(200)
                .body("[0].mergedId", equalTo("mg-away")).body("[0].moved.purchases", equalTo(1));
    }

    @Test

    @InvalidRequests
    void impossibleMergesAreProblems() {
        Customers.customer("mg-x");
        Customers.customer("mg-y");
        given().contentType(ContentType.JSON).body(Map.of("from", "mg-x")).post("/v1/customers/mg-x/merge")
                .then().statusCode(409).contentType("application/problem+json").body("field", equalTo("from"));
        given().contentType(ContentType.JSON).body(Map.of("from", "mg-nobody")).post("/v1/customers/mg-x/merge")
                .then().statusCode(404).body("field", equalTo("from"));
        given().contentType(ContentType.JSON).body(Map.of("from", "mg-y")).post("/v1/customers/mg-nobody/merge")
                .then().statusCode(404).body("field", equalTo("id"));
        given().contentType(ContentType.JSON).body("{}").post("/v1/customers/mg-x/merge")
                .then().statusCode(400).body("field", equalTo("from"));
        given().contentType(ContentType.JSON).body(Map.of("from", "mg-y")).post("/v1/customers/mg-x/merge").then().statusCode(200);
        given().contentType(ContentType.JSON).body(Map.of("from", "mg-y")).post("/v1/customers/mg-x/merge")
                .then().statusCode(409).body("detail", org.hamcrest.Matchers.containsString("already customer mg-x"));
    }

    private long count(String sql, String id) {
        return pool.preparedQuery(sql).execute(Tuple.of(id)).await().indefinitely().iterator().next().getLong(0);
    }

    private static JsonPath decide(String customer) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", customer, "channel", "email", "placement", "mg-slot"))
                .post("/v1/decisions").then().statusCode(200).extract().jsonPath();
    }

    private static void outcome(String decision, String event, String type) {
        given().contentType(ContentType.JSON).body(Map.of("eventId", event, "offerId", "mg-mail", "type", type))
                .post("/v1/decisions/" + decision + "/outcomes").then().statusCode(201);
    }
}
