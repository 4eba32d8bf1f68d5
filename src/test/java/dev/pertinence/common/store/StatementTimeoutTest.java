package dev.pertinence.common.store;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Transaction;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A write stuck behind a lock is cancelled by PostgreSQL at the pool's statement_timeout (4 s in
 * the test profile, 30 s by default) and answered 503 with Retry-After, instead of holding its
 * connection and its caller for as long as the lock lasts.
 */
@QuarkusTest
class StatementTimeoutTest {

    private static final Duration LONG = Duration.ofSeconds(30);

    @Inject
    Pool pool;

    @Test
    void aWriteWaitingOnALockPastTheStatementTimeoutIsA503AndLeavesNothingHalfDone() {
        String id = "st-" + System.nanoTime();
        put(id, "Jeanne").then().statusCode(anyOf(equalTo(200), equalTo(201)));

        SqlConnection holder = pool.getConnection().await().atMost(LONG);
        try {
            Transaction lock = holder.begin().await().atMost(LONG);
            holder.preparedQuery("SELECT 1 FROM customer WHERE id = $1 FOR UPDATE").execute(Tuple.of(id)).await().atMost(LONG);

            long started = System.nanoTime();
            put(id, "Louise").then().statusCode(503).contentType("application/problem+json")
                    .header("Retry-After", notNullValue()).body("status", equalTo(503));
            long waitedMillis = (System.nanoTime() - started) / 1_000_000;
            assertTrue(waitedMillis >= 3_500 && waitedMillis < 20_000, "cancelled at the statement timeout, after " + waitedMillis + " ms");

            lock.rollback().await().atMost(LONG);
        } finally {
            holder.close().await().atMost(LONG);
        }
        assertEquals("Jeanne", given().get("/v1/customers/" + id).then().statusCode(200).extract().path("firstName"),
                "the cancelled write changed nothing");
        put(id, "Louise").then().statusCode(200);
    }

    @Test
    void bulkWorkHasMinutesNotTheDefaultSeconds() {
        Duration timeout = pool.withTransaction(connection -> connection.query(StatementTimeouts.BULK).execute()
                        .chain(() -> connection.query("SHOW statement_timeout").execute()))
                .map(rows -> rows.iterator().next().getString(0)).map(StatementTimeoutTest::duration).await().atMost(LONG);
        assertEquals(Duration.ofMinutes(5), timeout);
        String ordinary = pool.query("SHOW statement_timeout").execute().map(rows -> rows.iterator().next().getString(0))
                .await().atMost(LONG);
        assertEquals(Duration.ofSeconds(4), duration(ordinary), "every pooled connection starts with the configured timeout");
    }

    private static Duration duration(String shown) {
        return shown.endsWith("min") ? Duration.ofMinutes(Long.parseLong(shown.replace("min", "")))
                : shown.endsWith("ms") ? Duration.ofMillis(Long.parseLong(shown.replace("ms", "")))
                : Duration.ofSeconds(Long.parseLong(shown.replace("s", "")));
    }

    private static io.restassured.response.Response put(String id, String firstName) {
        return given().contentType(ContentType.JSON).body("{\"firstName\": \"" + firstName + "\"}").put("/v1/customers/" + id);
    }
}
