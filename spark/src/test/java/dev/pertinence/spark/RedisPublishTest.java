package dev.pertinence.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.copurchase.CoPurchaseModel;
import dev.pertinence.copurchase.ModelCodec;
import dev.pertinence.copurchase.ModelKeys;
import dev.pertinence.decision.Neighbour;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;

/**
 * The job against a real (embedded) Redis: it writes a new version in the service's layout, switches the
 * pointer the replicas read, lets the previous version expire and announces the switch; what it wrote
 * decodes, with the service's codec, to what the service's own build makes of the same baskets.
 */
class RedisPublishTest {

    @TempDir
    static Path directory;
    static Groceries groceries;
    JedisPooled redis;

    @BeforeAll
    static void files() throws IOException {
        groceries = Groceries.writtenTo(directory);
    }

    @BeforeEach
    void clean() {
        redis = new JedisPooled(java.net.URI.create(TestServers.redisUri()));
        redis.flushAll();
    }

    private JobOptions options(String purchasesSource) {
        return JobOptions.parse(new String[] {"--purchases", purchasesSource, "--products", "csv:" + groceries.products,
                "--redis", TestServers.redisUri()}, Map.of());
    }

    @Test
    void writesTheServicesLayoutActivatesItAndAnnouncesIt() throws Exception {
        redis.set(ModelKeys.ACTIVE, "20200101T000000-previous");
        redis.hset(ModelKeys.version("20200101T000000-previous"), "pop", "x\t1.0\n");
        List<String> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        JedisPubSub listener = follow(announced);

        CoPurchaseJob.Outcome outcome = new CoPurchaseJob(TestServers.spark(), options("csv:" + groceries.purchases), Clock.systemUTC())
                .run();

        assertEquals(outcome.version(), redis.get(ModelKeys.ACTIVE), "the pointer replicas read");
        assertTrue(outcome.version().matches("\\d{8}T\\d{6}-[0-9a-f]{8}"), outcome.version());
        assertEquals(List.of(outcome.version()), announcedUntilEnd(announced), "announced on " + ModelKeys.CHANGED_CHANNEL);
        assertEquals("20200101T000000-previous", outcome.replaced().orElseThrow());
        long ttl = redis.ttl(ModelKeys.version("20200101T000000-previous"));
        assertTrue(ttl > 0 && ttl <= 3600, "the previous version expires after previous-version-ttl: " + ttl);
        assertEquals(-1, redis.ttl(ModelKeys.version(outcome.version())), "the active version does not expire");
        assertEquals(null, redis.get(ModelKeys.BUILD_LOCK), "the build lock is released");

        CoPurchaseModel expected = groceries.counted(3, 20, 100);
        Map<String, String> hash = redis.hgetAll(ModelKeys.version(outcome.version()));
        Map<String, List<Neighbour>> written = new HashMap<>();
        hash.forEach((field, value) -> {
            if (field.startsWith("n:")) {
                written.put(field.substring(2), ModelCodec.decodeNeighbours(value));
            }
        });
        Models.assertSameNeighbours(expected.neighbours(), written);
        assertEquals(expected.neighbours().size() + 3, hash.size(), "one field per item with neighbours, plus pop, cat and meta");
        Models.assertSameShares(expected.popularity().bySku(), ModelCodec.decodeShares(hash.get(ModelKeys.POPULAR_SKUS)), "pop");
        Models.assertSameShares(expected.popularity().byCategory(), ModelCodec.decodeShares(hash.get(ModelKeys.POPULAR_CATEGORIES)), "cat");
        String meta = hash.get(ModelKeys.META);
        assertTrue(meta.contains("\"fields\":" + hash.size() + "}"), "the switch checks the version has them all: " + meta);
        assertTrue(meta.contains("\"version\":\"" + outcome.version() + "\"") && meta.contains("\"baskets\":" + expected.baskets())
                && meta.contains("\"minSupport\":3") && meta.contains("\"topK\":20"), meta);
        assertEquals(expected.neighbourCount(), outcome.neighbours());
        listener.unsubscribe();
    }

    /** Follows the channel replicas follow, as they do, from a thread of its own; returns once subscribed. */
    private JedisPubSub follow(List<String> messages) throws Exception {
        CompletableFuture<String> subscribed = new CompletableFuture<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                messages.add(message);
            }

            @Override
            public void onSubscribe(String channel, int subscribedChannels) {
                subscribed.complete(channel);
            }
        };
        Thread follower = new Thread(() -> redis.subscribe(listener, ModelKeys.CHANGED_CHANNEL));
        follower.setDaemon(true);
        follower.start();
        subscribed.get(10, TimeUnit.SECONDS);
        return listener;
    }

    /** What was announced before a last message of the test's own: every announcement, in order, none missed. */
    private List<String> announcedUntilEnd(List<String> messages) throws InterruptedException {
        redis.publish(ModelKeys.CHANGED_CHANNEL, "end");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!messages.contains("end") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals("end", messages.get(messages.size() - 1));
        return messages.subList(0, messages.size() - 1);
    }

    @Test
    void aVersionNeverSwitchedToExpiresOnItsOwn() throws Exception {
        RedisTarget target = new RedisTarget(List.of(TestServers.redisUri()), false, null);
        List<scala.Tuple3<String, String, Integer>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 450; i++) {
            rows.add(new scala.Tuple3<>("sku-" + i, "sku-" + (i + 1) + ":1.0", 1));
        }
        // what an executor writes before its driver dies: the version is there, pointed at by nothing
        org.apache.spark.util.LongAccumulator written = TestServers.spark().sparkContext().longAccumulator();
        RedisModelWriter.neighbourWriter(target, "20990101T000000-orphan", Duration.ofMinutes(3), written).call(rows.iterator());
        String key = ModelKeys.version("20990101T000000-orphan");
        assertEquals(450, redis.hlen(key));
        assertEquals(450, written.value(), "the fields it wrote, for the meta");
        long ttl = redis.ttl(key);
        assertTrue(ttl > 0 && ttl <= 180, "an unpublished version expires after the lock's time: " + ttl);
        redis.set(ModelKeys.BUILD_LOCK, "the-build");
        redis.hset(key, ModelKeys.META, "{}");
        RedisModelWriter.activate(target, "20990101T000000-orphan", "the-build", Duration.ofHours(1));
        assertEquals(-1, redis.ttl(key), "once switched to, it does not expire");
        // a task still writing after the switch (a speculative copy, a slow executor) gives it no expiry back
        RedisModelWriter.neighbourWriter(target, "20990101T000000-orphan", Duration.ofMinutes(3), written).call(rows.iterator());
        assertEquals(-1, redis.ttl(key), "a late writer never makes the live model expire");
    }

    @Test
    void renewingExtendsTheOwnersLockAndItsUnswitchedVersionOnly() {
        String writing = ModelKeys.version("20990101T000000-writing");
        String active = ModelKeys.version("20990101T000000-active");
        redis.set(ModelKeys.BUILD_LOCK, "the-build", SetParams.setParams().px(1000));
        redis.hset(writing, "n:a", "b:1.0");
        redis.pexpire(writing, 1000);
        redis.hset(active, "n:a", "b:1.0");
        try (UnifiedJedis jedis = new RedisTarget(List.of(TestServers.redisUri()), false, null).open()) {
            assertTrue(RedisModelWriter.renew(jedis, "the-build", "20990101T000000-writing", Duration.ofMinutes(3)));
            assertTrue(redis.pttl(ModelKeys.BUILD_LOCK) > 170_000, "the lock, renewed: " + redis.pttl(ModelKeys.BUILD_LOCK));
            assertTrue(redis.pttl(writing) > 170_000, "its unswitched version follows: " + redis.pttl(writing));

            assertTrue(RedisModelWriter.renew(jedis, "the-build", "20990101T000000-active", Duration.ofMinutes(3)));
            assertEquals(-1, redis.pttl(active), "a version without expiry (switched to) never gets one back");

            redis.set(ModelKeys.BUILD_LOCK, "another-build", SetParams.setParams().px(1000));
            redis.pexpire(writing, 1000);
            assertFalse(RedisModelWriter.renew(jedis, "the-build", "20990101T000000-writing", Duration.ofMinutes(3)));
            assertTrue(redis.pttl(ModelKeys.BUILD_LOCK) <= 1000, "another's lock is not extended");
            assertTrue(redis.pttl(writing) <= 1000, "nor a version of a build that lost its lock");
        }
    }

    @Test
    void aBuildOutlivesALockShorterThanItselfAndReleasesItAtTheEnd() throws Exception {
        Duration ttl = Duration.ofSeconds(1);
        JobOptions options = JobOptions.parse(new String[] {"--purchases", "csv:" + groceries.purchases,
                "--products", "csv:" + groceries.products, "--redis", TestServers.redisUri(), "--lock-ttl", ttl.toString()}, Map.of());
        long begun = System.nanoTime();
        CompletableFuture<CoPurchaseJob.Outcome> run = CompletableFuture.supplyAsync(
                () -> new CoPurchaseJob(TestServers.spark(), options, Clock.systemUTC()).run());
        long longest = 0;
        while (!run.isDone()) {
            longest = Math.max(longest, redis.pttl(ModelKeys.BUILD_LOCK));
            Thread.sleep(20);
        }
        // unrenewed, the lock would have expired before the switch, which would then have refused
        CoPurchaseJob.Outcome outcome = run.get();
        long elapsed = (System.nanoTime() - begun) / 1_000_000;
        assertTrue(elapsed > ttl.toMillis(), "the build outlived its lock's first term: " + elapsed + " ms");
        assertTrue(longest > 0 && longest <= ttl.toMillis(), "never longer than --lock-ttl: " + longest);
        assertEquals(outcome.version(), redis.get(ModelKeys.ACTIVE));
        assertEquals(null, redis.get(ModelKeys.BUILD_LOCK), "released at the end");
    }

    @Test
    void aLiveDriverKeepsItsLockAndVersionAndADeadOnesExpireWithinTheLocksTime() throws Exception {
        RedisTarget target = new RedisTarget(List.of(TestServers.redisUri()), false, null);
        Duration ttl = Duration.ofSeconds(1);
        String version = ModelKeys.version("20990101T000000-driver");
        assertTrue(RedisModelWriter.tryLock(target, "the-build", ttl));
        redis.hset(version, "n:a", "b:1.0");
        redis.pexpire(version, ttl.toMillis());
        try (LockRenewal renewal = LockRenewal.start(target, "the-build", "20990101T000000-driver", ttl)) {
            for (int i = 0; i < 15; i++) { // three terms of the lock
                Thread.sleep(200);
                assertEquals("the-build", redis.get(ModelKeys.BUILD_LOCK), "held while the driver lives");
                assertTrue(redis.exists(version), "its version too");
            }
            assertFalse(renewal.lost());
        } // the driver dies: nothing renews any more
        Thread.sleep(ttl.toMillis() + 300);
        assertFalse(redis.exists(ModelKeys.BUILD_LOCK), "the dead driver's lock is gone within the lock's time");
        assertFalse(redis.exists(version), "and so is its unswitched version");
    }

    @Test
    void theSwitchRefusesWithoutTheLockOrAWholeVersionAndTouchesNothing() {
        RedisTarget target = new RedisTarget(List.of(TestServers.redisUri()), false, null);
        String version = ModelKeys.version("20990101T000000-new");
        redis.set(ModelKeys.ACTIVE, "20200101T000000-current");
        redis.hset(version, Map.of("n:a", "b:1.0", ModelKeys.META, "{}"));
        redis.pexpire(version, 60_000);

        redis.set(ModelKeys.BUILD_LOCK, "another-build");
        RedisModelWriter.SwitchRefused notOurs = assertThrows(RedisModelWriter.SwitchRefused.class,
                () -> RedisModelWriter.activate(target, "20990101T000000-new", "the-build", Duration.ofHours(1)));
        assertTrue(notOurs.getMessage().contains("lock is no longer held"), notOurs.getMessage());
        redis.del(ModelKeys.BUILD_LOCK);
        assertThrows(RedisModelWriter.SwitchRefused.class,
                () -> RedisModelWriter.activate(target, "20990101T000000-new", "the-build", Duration.ofHours(1)), "no lock at all");
        assertEquals("20200101T000000-current", redis.get(ModelKeys.ACTIVE));
        assertTrue(redis.pttl(version) > 0, "an unswitched version keeps its expiry");

        redis.set(ModelKeys.BUILD_LOCK, "the-build");
        redis.hdel(version, ModelKeys.META);
        RedisModelWriter.SwitchRefused partial = assertThrows(RedisModelWriter.SwitchRefused.class,
                () -> RedisModelWriter.activate(target, "20990101T000000-new", "the-build", Duration.ofHours(1)));
        assertTrue(partial.getMessage().contains("no meta field"), partial.getMessage());
        assertEquals("20200101T000000-current", redis.get(ModelKeys.ACTIVE));

        // meta written last, but a field lost since (evicted under a volatile maxmemory policy, the key expired and
        // written again by the driver): the count the meta names is not there
        redis.hset(version, ModelKeys.META, "{\"version\":\"20990101T000000-new\",\"fields\":3}");
        RedisModelWriter.SwitchRefused lost = assertThrows(RedisModelWriter.SwitchRefused.class,
                () -> RedisModelWriter.activate(target, "20990101T000000-new", "the-build", Duration.ofHours(1)));
        assertTrue(lost.getMessage().contains("has 2 fields of 3"), lost.getMessage());
        assertEquals("20200101T000000-current", redis.get(ModelKeys.ACTIVE));

        redis.hset(version, ModelKeys.META, "{\"version\":\"20990101T000000-new\",\"fields\":2}");
        assertEquals("20200101T000000-current",
                RedisModelWriter.activate(target, "20990101T000000-new", "the-build", Duration.ofHours(1)).orElseThrow());
        assertEquals("20990101T000000-new", redis.get(ModelKeys.ACTIVE));
        assertEquals(-1, redis.pttl(version));
    }

    /**
     * JedisCluster sends a command again when its reply is lost (a read timeout): the second SET NX of the lock, or
     * the second switch, finds the first's work done, and must take it as done, never as another's lock or a moved
     * pointer (whose failure would then discard the version replicas serve).
     */
    @Test
    void aLockOrSwitchSentAgainAfterItsReplyWasLostIsTakenAsDoneAndTheLiveVersionIsNeverDiscarded() throws Exception {
        RedisTarget target = new RedisTarget(List.of(TestServers.redisUri()), false, null);
        assertTrue(RedisModelWriter.tryLock(target, "the-build", Duration.ofMinutes(1)));
        assertTrue(RedisModelWriter.tryLock(target, "the-build", Duration.ofMinutes(1)), "its own lock, sent again");
        assertFalse(RedisModelWriter.tryLock(target, "another-build", Duration.ofMinutes(1)), "another's");

        String version = "20990101T000000-resent";
        String key = ModelKeys.version(version);
        String previousKey = ModelKeys.version("20200101T000000-current");
        redis.set(ModelKeys.ACTIVE, "20200101T000000-current");
        redis.hset(previousKey, ModelKeys.POPULAR_SKUS, "x\t1.0\n");
        redis.hset(key, Map.of("n:a", "b:1.0", ModelKeys.META, "{}"));
        redis.pexpire(key, 60_000);
        List<String> announced = new java.util.concurrent.CopyOnWriteArrayList<>();
        JedisPubSub listener = follow(announced);

        // the very command RedisModelWriter.activate sends, twice: the first ran, its reply never came back
        List<String> keys = List.of(ModelKeys.BUILD_LOCK, ModelKeys.ACTIVE, key, previousKey);
        List<String> args = List.of("the-build", version, "20200101T000000-current", "3600", ModelKeys.CHANGED_CHANNEL);
        assertEquals("20200101T000000-current", redis.eval(ModelKeys.SWITCH, keys, args));
        redis.persist(previousKey); // to see whether the second EXPIREs it again
        redis.del(ModelKeys.BUILD_LOCK); // even once the lock has expired meanwhile
        assertEquals("20200101T000000-current", redis.eval(ModelKeys.SWITCH, keys, args), "sent again: done, not refused");
        assertEquals(Optional.empty(), RedisModelWriter.activate(target, version, "the-build", Duration.ofHours(1)), "and read afresh");
        assertEquals(version, redis.get(ModelKeys.ACTIVE));
        assertEquals(-1, redis.ttl(previousKey), "no second EXPIRE of the previous version");
        assertEquals(-1, redis.ttl(key), "the active version does not expire");
        assertEquals(List.of(version), announcedUntilEnd(announced), "announced once");
        listener.unsubscribe();

        // a build that failed after such a switch tries to drop its version: the active one is never deleted
        assertFalse(RedisModelWriter.discard(target, version));
        assertEquals(2, redis.hlen(key), "the version replicas serve stays whole");
        redis.set(ModelKeys.ACTIVE, "20200101T000000-current");
        assertTrue(RedisModelWriter.discard(target, version), "a version the pointer does not name is dropped");
        assertFalse(redis.exists(key));
    }

    @Test
    void aBuildThatLosesItsLockFailsCleanlyAndLeavesNothing() throws Exception {
        redis.set(ModelKeys.ACTIVE, "20200101T000000-current");
        CompletableFuture<CoPurchaseJob.Outcome> run = CompletableFuture.supplyAsync(
                () -> new CoPurchaseJob(TestServers.spark(), options("csv:" + groceries.purchases), Clock.systemUTC()).run());
        while (!redis.exists(ModelKeys.BUILD_LOCK) && !run.isDone()) {
            Thread.sleep(10);
        }
        // its lock expired (a long pause) and another build took it
        redis.set(ModelKeys.BUILD_LOCK, "another-build");
        java.util.concurrent.ExecutionException failed = assertThrows(java.util.concurrent.ExecutionException.class,
                () -> run.get(120, TimeUnit.SECONDS));
        assertTrue(failed.getCause().getMessage().contains("lock"), failed.getCause().getMessage());
        assertEquals("20200101T000000-current", redis.get(ModelKeys.ACTIVE), "the active model stays");
        assertEquals("another-build", redis.get(ModelKeys.BUILD_LOCK), "the other build's lock is not freed");
        assertEquals(java.util.Set.of(ModelKeys.ACTIVE, ModelKeys.BUILD_LOCK), redis.keys("*"), "its version is gone");
    }

    @Test
    void refusesWhileAnotherBuildHoldsTheLockAndTouchesNothing() {
        redis.set(ModelKeys.ACTIVE, "20200101T000000-current");
        redis.set(ModelKeys.BUILD_LOCK, "a-service-build");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new CoPurchaseJob(TestServers.spark(), options("csv:" + groceries.purchases), Clock.systemUTC()).run());
        assertTrue(refused.getMessage().contains("a-service-build"), refused.getMessage());
        assertEquals("20200101T000000-current", redis.get(ModelKeys.ACTIVE));
        assertEquals("a-service-build", redis.get(ModelKeys.BUILD_LOCK), "another build's lock is never freed");
        assertEquals(2, redis.keys("*").size());
    }

    @Test
    void aBadLineFailsTheBuildLeavesTheActiveModelAndFreesTheLock() throws IOException {
        Path bad = directory.resolve("bad.csv");
        Files.write(bad, List.of(PurchaseSource.CSV_HEADER, "o-1,,milk,1,,2026-11-29T10:00:00Z", "o-1,,bread,1,,yesterday"));
        redis.set(ModelKeys.ACTIVE, "20200101T000000-current");
        RuntimeException failed = assertThrows(RuntimeException.class,
                () -> new CoPurchaseJob(TestServers.spark(), options("csv:" + bad), Clock.systemUTC()).run());
        assertTrue(String.valueOf(failed.getMessage()).contains("unreadable timestamp 'yesterday'"), failed.getMessage());
        assertEquals("20200101T000000-current", redis.get(ModelKeys.ACTIVE), "the active model stays");
        assertEquals(null, redis.get(ModelKeys.BUILD_LOCK), "the lock is freed");
        assertEquals(List.of(ModelKeys.ACTIVE), List.copyOf(redis.keys("*")), "no half-written version is left");

        Path noHeader = directory.resolve("no-header.csv");
        Files.write(noHeader, List.of("o-1,,milk,1,,2026-11-29T10:00:00Z"));
        RuntimeException refused = assertThrows(IllegalArgumentException.class,
                () -> new CoPurchaseJob(TestServers.spark(), options("csv:" + noHeader), Clock.systemUTC()).run());
        assertTrue(refused.getMessage().contains("header must be " + PurchaseSource.CSV_HEADER), refused.getMessage());
        assertFalse(redis.exists(ModelKeys.BUILD_LOCK));
    }
}
