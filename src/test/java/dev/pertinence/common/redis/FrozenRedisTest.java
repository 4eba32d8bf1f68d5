package dev.pertinence.common.redis;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import dev.pertinence.common.SmallLimits;
import dev.pertinence.contact.store.ContactKeys;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

/**
 * A frozen Redis (the real embedded server under SIGSTOP) holds no request past its budget
 * ({@code pertinence.redis.command-timeout}, 500 ms): an outcome is stored in PostgreSQL and
 * answered, its counters applied by the sweep once Redis answers again; an offer change is
 * committed and answered without its announcement; what cannot be done without Redis (a merge
 * folds contact state) is refused 503 within the budget, not after the freeze.
 */
@QuarkusTest
@TestProfile(SmallLimits.class)
class FrozenRedisTest {

    /** The budget, plus PostgreSQL's part and a loaded CI machine's slack. */
    private static final long ANSWERED_WITHIN_MILLIS = 1_500;

    @Inject
    Redis redis;

    @Test
    void outcomesOfferChangesAndMergesAnswerWithinTheirBudgetWhileRedisIsFrozen() {
        String run = "fz-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("title", "Offer " + run, "message", "M", "channels", List.of("web"),
                "placements", List.of("fz-slot"), "businessValue", 3)).put("/v1/offers/" + run).then().statusCode(201);
        for (String customer : List.of(run, run + "-b")) {
            given().contentType(ContentType.JSON).body(Map.of("firstName", "Flo")).put("/v1/customers/" + customer)
                    .then().statusCode(201);
        }
        String decision = given().contentType(ContentType.JSON)
                .body(Map.of("customerId", run, "channel", "web", "placement", "fz-slot"))
                .post("/v1/decisions").then().statusCode(200).body("offers[0].offerId", equalTo(run)).extract().path("decisionId");

        try (FrozenRedis frozen = FrozenRedis.freeze(redis)) {
            timed(() -> given().contentType(ContentType.JSON)
                    .body(Map.of("eventId", run + "-seen", "offerId", run, "type", "impression"))
                    .post("/v1/decisions/" + decision + "/outcomes"))
                    .then().statusCode(201);
            timed(() -> given().contentType(ContentType.JSON).body(Map.of("title", "Offer " + run + " v2", "message", "M",
                    "channels", List.of("web"), "placements", List.of("fz-slot"), "businessValue", 4)).put("/v1/offers/" + run))
                    .then().statusCode(200).body("title", equalTo("Offer " + run + " v2"));
            timed(() -> given().contentType(ContentType.JSON).body(Map.of("from", run + "-b"))
                    .post("/v1/customers/" + run + "/merge"))
                    .then().statusCode(503).contentType("application/problem+json").header("Retry-After", notNullValue())
                    .body("status", equalTo(503));
        }

        // stored, not counted: the sweep (every second here) applies it to the person's contact state once Redis answers
        Await.until("the sweep applied the impression", Duration.ofSeconds(20), () -> redis
                .send(Request.cmd(Command.ZRANGE).arg(ContactKeys.contacts(run)).arg(0).arg(-1))
                .await().atMost(Duration.ofSeconds(5)).toString().contains(decision + "|" + run + "|web|s"));
        given().get("/v1/offers/" + run).then().statusCode(200).body("title", equalTo("Offer " + run + " v2"));
        given().contentType(ContentType.JSON).body(Map.of("from", run + "-b")).post("/v1/customers/" + run + "/merge")
                .then().statusCode(200);
    }

    /** The call's answer, failing the test when it does not come in time (without the budget it comes after the freeze). */
    private static Response timed(Supplier<Response> call) {
        long started = System.nanoTime();
        try {
            Response response = CompletableFuture.supplyAsync(call).get(5, TimeUnit.SECONDS);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(millis < ANSWERED_WITHIN_MILLIS, "answered after " + millis + " ms: " + response.asString());
            return response;
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within 5 s while Redis is frozen", e);
        } catch (InterruptedException | ExecutionException e) {
            throw new AssertionError(e);
        }
    }
}
