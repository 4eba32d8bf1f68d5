package dev.pertinence.copurchase.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.common.Await;
import dev.pertinence.copurchase.ModelBuild;
import dev.pertinence.copurchase.ModelBuilds;
import dev.pertinence.copurchase.ModelKeys;
import dev.pertinence.copurchase.store.ActiveModel;
import dev.pertinence.copurchase.store.RedisModelStore;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The build lock shared with the Spark job (docs/model-build.md): short and renewed while a build lives, a dead
 * build's row marked abandoned by the next one to take the lock, and a switch that checks the lock is still the
 * build's and its version whole (ModelKeys.SWITCH, the job's script too).
 */
@QuarkusTest
class ModelBuildLockTest {

    private static final String VERSION = "20990101T000000-locktest";

    @Inject
    Pool pool;
    @Inject
    Redis redis;
    @Inject
    RedisModelStore store;
    @Inject
    ActiveModel activeModel;

    @BeforeEach
    void noBuildRunning() {
        Await.until("no build running", Duration.ofSeconds(60),
                () -> count("status = 'running'") == 0 && send(Request.cmd(Command.EXISTS).arg(ModelKeys.BUILD_LOCK)).toLong() == 0);
    }

    @Test
    void theNextBuildMarksABuildThatDiedHoldingTheLockAsAbandoned() {
        // as a replica killed with -9 mid-build (or an evicted Spark driver) leaves it: running, its lock expired
        UUID dead = UUID.randomUUID();
        pool.preparedQuery("""
                INSERT INTO model_build (id, status, trigger, requested_at, started_at, min_support, top_k)
                VALUES ($1, 'running', 'spark', now() - interval '2 hours', now() - interval '2 hours', 3, 20)""")
                .execute(Tuple.of(dead)).await().indefinitely();

        String next = ModelBuilds.buildAndWait().getString("id");

        Row row = pool.preparedQuery("SELECT status, error, finished_at, duration_ms FROM model_build WHERE id = $1")
                .execute(Tuple.of(dead)).await().indefinitely().iterator().next();
        assertEquals("failed", row.getString("status"));
        assertEquals(ModelBuild.ABANDONED, row.getString("error"));
        assertTrue(row.getOffsetDateTime("finished_at") != null);
        assertTrue(row.getLong("duration_ms") >= Duration.ofHours(2).toMillis(), "from its start: " + row.getLong("duration_ms"));
        assertEquals(0, count("status = 'running'"));
        assertEquals(1, count("id = '" + next + "' AND status = 'succeeded'"), "the next build itself is not touched");
    }

    @Test
    void theSwitchRefusesWithoutTheLockOrAWholeVersionAndTouchesNothing() {
        String active = store.activeVersion().await().atMost(Duration.ofSeconds(5)).orElse(null);
        String key = ModelKeys.version(VERSION);
        try {
            send(Request.cmd(Command.HSET).arg(key).arg("n:a").arg("b:1.0").arg(ModelKeys.META).arg("{}"));
            send(Request.cmd(Command.PEXPIRE).arg(key).arg(60_000));
            send(Request.cmd(Command.SET).arg(ModelKeys.BUILD_LOCK).arg("another-build").arg("PX").arg(60_000));
            RuntimeException notOurs = assertThrows(RuntimeException.class,
                    () -> store.activate(VERSION, "this-build", Duration.ofHours(1)).await().atMost(Duration.ofSeconds(5)));
            assertTrue(notOurs.getMessage().startsWith(ModelKeys.REFUSED), notOurs.getMessage());

            send(Request.cmd(Command.SET).arg(ModelKeys.BUILD_LOCK).arg("this-build").arg("PX").arg(60_000));
            send(Request.cmd(Command.HDEL).arg(key).arg(ModelKeys.META));
            RuntimeException partial = assertThrows(RuntimeException.class,
                    () -> store.activate(VERSION, "this-build", Duration.ofHours(1)).await().atMost(Duration.ofSeconds(5)));
            assertTrue(partial.getMessage().contains("no meta field"), partial.getMessage());

            assertEquals(active, store.activeVersion().await().atMost(Duration.ofSeconds(5)).orElse(null), "the pointer stays");
            assertTrue(send(Request.cmd(Command.PTTL).arg(key)).toLong() > 0, "the unswitched version keeps its expiry");
        } finally {
            send(Request.cmd(Command.DEL).arg(key).arg(ModelKeys.BUILD_LOCK));
        }
    }

    @Test
    void renewingExtendsTheOwnersLockAndItsUnswitchedVersionOnly() {
        String key = ModelKeys.version(VERSION);
        try {
            send(Request.cmd(Command.SET).arg(ModelKeys.BUILD_LOCK).arg("this-build").arg("PX").arg(1_000));
            send(Request.cmd(Command.HSET).arg(key).arg("n:a").arg("b:1.0"));
            send(Request.cmd(Command.PEXPIRE).arg(key).arg(1_000));
            assertTrue(store.renewLock("this-build", VERSION, Duration.ofMinutes(3)).await().atMost(Duration.ofSeconds(5)));
            assertTrue(send(Request.cmd(Command.PTTL).arg(ModelKeys.BUILD_LOCK)).toLong() > 170_000);
            assertTrue(send(Request.cmd(Command.PTTL).arg(key)).toLong() > 170_000, "the version being written follows its lock");

            send(Request.cmd(Command.PERSIST).arg(key)); // switched to: it must never expire again
            assertTrue(store.renewLock("this-build", VERSION, Duration.ofMinutes(3)).await().atMost(Duration.ofSeconds(5)));
            assertEquals(-1, send(Request.cmd(Command.PTTL).arg(key)).toLong());

            assertFalse(store.renewLock("another-build", VERSION, Duration.ofMinutes(10)).await().atMost(Duration.ofSeconds(5)));
            assertTrue(send(Request.cmd(Command.PTTL).arg(ModelKeys.BUILD_LOCK)).toLong() <= 180_000, "another's lock is not extended");
        } finally {
            send(Request.cmd(Command.DEL).arg(key).arg(ModelKeys.BUILD_LOCK));
        }
    }

    @Test
    void aSwitchAnsweredLateIsSentAgainAndFindsItselfDone() throws Exception {
        // Redis holding writes (CLIENT PAUSE WRITE blocks every script) for 1.2 s: the pointer is read, the switch
        // waits past its budget (500 ms) and is sent again; once Redis runs them, the first switches and the second
        // finds the pointer on its version: a success, not a build recorded failed while its model is live.
        String active = store.activeVersion().await().atMost(Duration.ofSeconds(5)).orElse(null);
        String key = ModelKeys.version(VERSION);
        try {
            send(Request.cmd(Command.HSET).arg(key).arg("n:a").arg("b:1.0").arg(ModelKeys.META).arg("{}"));
            send(Request.cmd(Command.PEXPIRE).arg(key).arg(60_000));
            send(Request.cmd(Command.SET).arg(ModelKeys.BUILD_LOCK).arg("this-build").arg("PX").arg(60_000));
            send(Request.cmd(Command.CLIENT).arg("PAUSE").arg(1_200).arg("WRITE"));
            CompletableFuture<Optional<String>> switching = store.activate(VERSION, "this-build", Duration.ofHours(1))
                    .subscribeAsCompletionStage();
            Thread.sleep(700);
            assertFalse(switching.isDone(), "the first switch waits for Redis");
            switching.get(15, TimeUnit.SECONDS);
            assertEquals(VERSION, store.activeVersion().await().atMost(Duration.ofSeconds(5)).orElse(null));
            assertEquals(-1, send(Request.cmd(Command.PTTL).arg(key)).toLong(), "the version switched to never expires");
        } finally {
            send(Request.cmd(Command.CLIENT).arg("UNPAUSE"));
            if (active == null) {
                send(Request.cmd(Command.DEL).arg(ModelKeys.ACTIVE));
            } else {
                send(Request.cmd(Command.SET).arg(ModelKeys.ACTIVE).arg(active));
                send(Request.cmd(Command.PERSIST).arg(ModelKeys.version(active))); // the switch gave it an expiry
            }
            send(Request.cmd(Command.DEL).arg(key).arg(ModelKeys.BUILD_LOCK));
            activeModel.refresh().await().atMost(Duration.ofSeconds(5));
        }
    }

    private Response send(Request request) {
        return redis.send(request).await().atMost(Duration.ofSeconds(5));
    }

    private long count(String where) {
        return pool.query("SELECT count(*) FROM model_build WHERE " + where).execute().await().indefinitely()
                .iterator().next().getLong(0);
    }
}
