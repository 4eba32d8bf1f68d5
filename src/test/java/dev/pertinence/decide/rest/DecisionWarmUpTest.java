package dev.pertinence.decide.rest;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import dev.pertinence.common.metrics.Metric;
import dev.pertinence.contact.store.ContactKeys;
import dev.pertinence.decide.store.DecisionRecorder;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import org.junit.jupiter.api.Test;

/**
 * The warm-up rehearses real decisions (offers are proposed: the path ran) and leaves no trace: no
 * decision recorded, no contact reserved, no metric moved; readiness is down while it runs and up
 * after it, also when it runs out of time.
 */
@QuarkusTest
class DecisionWarmUpTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Inject
    DecisionWarmUp warmUp;

    @Inject
    @Readiness
    DecisionWarmUpReadiness readiness;

    @Inject
    DecisionRecorder recorder;

    @Inject
    Pool pool;

    @Inject
    Redis redis;

    @Test
    void rehearsalsRunTheRealPathAndLeaveNoTrace() {
        String run = "wu-" + System.nanoTime();
        given().contentType(ContentType.JSON).body(Map.of("title", "Offer " + run, "message", "M", "channels", List.of("web"),
                "placements", List.of("wu-slot"), "businessValue", 3)).put("/v1/offers/" + run).then().statusCode(201);
        Await.until("the start-up warm-up ended", LONG, () -> !warmUp.running());
        recorder.flushNow().await().atMost(LONG);
        long decisionsBefore = decisionRows();
        double counted = Metric.value("pertinence_decisions_total{arm=\"none\",channel=\"web\",placement=\"wu-slot\"}");
        double degraded = Metric.value("pertinence_decision_degraded_total{cause=\"no_model\"}");

        DecisionWarmUp.Summary summary = warmUp.run(200, LONG).await().atMost(LONG);

        assertEquals(200, summary.rehearsed(), summary.toString());
        assertEquals(0, summary.failed(), summary.toString());
        assertFalse(summary.timedOut());
        assertTrue(summary.offers() > 0, "offers were proposed: the real path ran " + summary);
        recorder.flushNow().await().atMost(LONG);
        assertEquals(decisionsBefore, decisionRows(), "no decision recorded");
        assertEquals(0, pool.query("SELECT count(*) FROM decision WHERE customer_id = '" + DecisionWarmUp.REHEARSAL_CUSTOMER + "'")
                .execute().await().atMost(LONG).iterator().next().getLong(0));
        assertEquals(0, redis.send(Request.cmd(Command.EXISTS).arg(ContactKeys.contacts(DecisionWarmUp.REHEARSAL_CUSTOMER)))
                .await().atMost(LONG).toInteger(), "nothing reserved under the caps");
        assertEquals(counted, Metric.value("pertinence_decisions_total{arm=\"none\",channel=\"web\",placement=\"wu-slot\"}"),
                "no decision counted");
        assertEquals(degraded, Metric.value("pertinence_decision_degraded_total{cause=\"no_model\"}"), "no degradation counted");
        HealthCheckResponse ready = readiness.call();
        assertEquals(HealthCheckResponse.Status.UP, ready.getStatus());
        assertEquals(200L, ready.getData().orElseThrow().get("rehearsed"));
    }

    @Test
    void readinessIsDownWhileWarmingAndUpAtTheTimeLimitAnyway() {
        Await.until("the start-up warm-up ended", LONG, () -> !warmUp.running());
        var running = warmUp.run(1_000_000, Duration.ofSeconds(1)).subscribeAsCompletionStage();
        assertEquals(HealthCheckResponse.Status.DOWN, readiness.call().getStatus(), "not ready while warming up");
        DecisionWarmUp.Summary summary = running.toCompletableFuture().join();
        assertTrue(summary.timedOut(), summary.toString());
        assertTrue(summary.rehearsed() < 1_000_000);
        assertEquals(HealthCheckResponse.Status.UP, readiness.call().getStatus(), "ready at the time limit");
        assertEquals("stopped at the time limit", readiness.call().getData().orElseThrow().get("state"));
        given().get("/q/health/ready").then().statusCode(200);
    }

    private long decisionRows() {
        return pool.query("SELECT count(*) FROM decision").execute().await().atMost(LONG).iterator().next().getLong(0);
    }
}
