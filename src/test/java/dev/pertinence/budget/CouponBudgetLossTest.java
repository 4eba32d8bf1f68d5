package dev.pertinence.budget;

import static dev.pertinence.privacy.AuditorSearch.everyColumnHolding;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import dev.pertinence.common.SmallLimits;
import dev.pertinence.common.metrics.Metric;
import dev.pertinence.consent.Consenting;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A coupon budget counts each coupon once, whatever happens after it was issued: a repeated store visit gives its
 * coupons back without spending again, and an erasure keeps the coupon rows (unlinked from the person) a rebuild
 * counts after Redis lost its data. In the SmallLimits group (its FLUSHALL cannot surprise the default profile's
 * tests). Store st-cb (Lille: no other test puts a store there), offers cb-*, customers cb-*.
 */
@QuarkusTest
@TestProfile(SmallLimits.class)
class CouponBudgetLossTest {

    private static final double LAT = 50.6292;
    private static final double LON = 3.0573;

    @Inject
    Redis redis;

    @Inject
    Pool pool;

    @Test
    void aRepeatedVisitSpendsNothingNotEvenAfterARebuild() {
        String offer = seed("cb-repeat", "cb-seg-repeat");
        person("cb-r1", "Ana", "cb-seg-repeat");
        JsonPath first = visit("cb-r1");
        assertTrue(first.getList("offers.offerId").contains(offer), first.prettify());
        assertEquals(1, spent(offer));

        JsonPath again = visit("cb-r1");
        assertEquals(first.getString("decisionId"), again.getString("decisionId"), again.prettify());
        assertEquals(1, spent(offer), "a repeat gives the same coupon back and spends nothing");

        lose();
        assertEquals(1, spent(offer), "counted again from the coupon rows");
        JsonPath afterLoss = visit("cb-r1");
        assertEquals(first.getString("decisionId"), afterLoss.getString("decisionId"), afterLoss.prettify());
        assertEquals(1, spent(offer), "nor after the rebuild, which forgot which decisions had spent");
    }

    @Test
    void couponsOfAnErasedPersonStillCountAgainstTheBudgetAndLeadToNoOne() {
        String offer = seed("cb-erase", "cb-seg-erase");
        String gone = "cb-gone-7Qx";
        person(gone, "Cybelline", "cb-seg-erase");
        person("cb-stays", "Ana", "cb-seg-erase");
        JsonPath erased = visit(gone);
        String code = erased.getString("offers.find { it.offerId == '" + offer + "' }.couponCode");
        assertEquals("Hello Cybelline", erased.getString("offers.find { it.offerId == '" + offer + "' }.message"), erased.prettify());
        assertTrue(visit("cb-stays").getList("offers.offerId").contains(offer));
        assertEquals(2, spent(offer));
        assertTrue(!everyColumnHolding(pool, List.of(gone, "Cybelline")).isEmpty(), "the search finds the person before");

        given().delete("/v1/customers/" + gone).then().statusCode(200).body("erased.couponsUnlinked", equalTo(1));
        assertEquals(List.of(), everyColumnHolding(pool, List.of(gone, "Cybelline")), "no column names the person or what they were told");
        assertEquals(2, spent(offer));
        given().contentType(ContentType.JSON).body("{}").post("/v1/coupons/" + code + "/redemptions").then().statusCode(404)
                .contentType("application/problem+json").body("field", equalTo("code"));

        lose();
        assertEquals(2, spent(offer), "the erased person's coupon still counts: a budget of 2 stays spent");
        JsonPath later = given().contentType(ContentType.JSON).body(Map.of("customerId", "cb-stays", "latitude", LAT, "longitude", LON,
                "dryRun", true)).post("/v1/store-visits").then().statusCode(200).extract().jsonPath();
        assertTrue(!later.getList("offers.offerId").contains(offer), "spent: not offered again " + later.prettify());
    }

    /** A store at the test's point and an offer there with a budget of 2 coupons; returns the offer's id. */
    private static String seed(String offer, String segment) {
        given().contentType(ContentType.JSON).body(Map.of("name", "Lille Flandres", "latitude", LAT, "longitude", LON,
                "radiusMeters", 100)).put("/v1/stores/st-cb").then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        given().contentType(ContentType.JSON).body(Map.of("title", "Offer " + offer, "message", "Hello {customer.firstName}",
                        "category", "cat-" + offer, "channels", List.of("store"), "placements", List.of("store-entry"),
                        "businessValue", 1_000_000, "rule", "'" + segment + "' in customer.segments",
                        "budget", Map.of("count", 2, "of", "coupons", "period", "P7D")))
                .put("/v1/offers/" + offer).then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        return offer;
    }

    private static void person(String id, String firstName, String segment) {
        given().contentType(ContentType.JSON).body(Map.of("firstName", firstName, "segments", List.of(segment)))
                .put("/v1/customers/" + id).then().statusCode(org.hamcrest.Matchers.either(equalTo(200)).or(equalTo(201)));
        Consenting.grant(id, "push");
    }

    private static JsonPath visit(String customer) {
        return given().contentType(ContentType.JSON).body(Map.of("customerId", customer, "latitude", LAT, "longitude", LON))
                .post("/v1/store-visits").then().statusCode(200).body("store.id", equalTo("st-cb")).extract().jsonPath();
    }

    private static int spent(String offer) {
        return given().get("/v1/offers/" + offer + "/performance").then().statusCode(200).extract().jsonPath().getInt("budget.spent");
    }

    /** Redis loses its data (as RedisDataLossTest does); returns once the rebuild from PostgreSQL is done. */
    private void lose() {
        double rebuilds = Metric.value("pertinence_redis_rebuilds_total{result=\"done\"}");
        redis.send(Request.cmd(Command.FLUSHALL)).await().atMost(Duration.ofSeconds(10));
        Await.until("the rebuild after the loss", Duration.ofSeconds(30),
                () -> Metric.value("pertinence_redis_rebuilds_total{result=\"done\"}") > rebuilds);
    }
}
