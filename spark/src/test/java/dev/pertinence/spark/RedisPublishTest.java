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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.JedisPubSub;

/**
 * The job against a real (embedded) Redis: it writes a new version in the service's layout, switches the
 * pointer the replicas read, lets the previous version expire and announces the switch; what it wrote
 * decodes, with the service's codec, to what the service's own build makes of the same baskets.
 */
class RedisPublishTest {

    @TempDir
    static Path directory;
    static Groceries groceries;
    static Path purchases;
    static Path products;
    JedisPooled redis;

    @BeforeAll
    static void files() throws IOException {
        groceries = new Groceries();
        Path[] files = groceries.write(directory);
        purchases = files[0];
        products = files[1];
    }

    @BeforeEach
    void clean() {
        redis = new JedisPooled(java.net.URI.create(TestServers.redisUri()));
        redis.flushAll();
    }

    private JobOptions options(String purchasesSource) {
        return JobOptions.parse(new String[] {"--purchases", purchasesSource, "--products", "csv:" + products,
                "--redis", TestServers.redisUri()}, Map.of());
    }

    @Test
    void writesTheServicesLayoutActivatesItAndAnnouncesIt() throws Exception {
        redis.set(ModelKeys.ACTIVE, "20200101T000000-previous");
        redis.hset(ModelKeys.version("20200101T000000-previous"), "pop", "x\t1.0\n");
        CompletableFuture<String> announced = new CompletableFuture<>();
        JedisPubSub listener = new JedisPubSub() {
            @Override
            public void onMessage(String channel, String message) {
                announced.complete(message);
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

        CoPurchaseJob.Outcome outcome = new CoPurchaseJob(TestServers.spark(), options("csv:" + purchases), Clock.systemUTC()).run();

        assertEquals(outcome.version(), redis.get(ModelKeys.ACTIVE), "the pointer replicas read");
        assertTrue(outcome.version().matches("\\d{8}T\\d{6}-[0-9a-f]{8}"), outcome.version());
        assertEquals(outcome.version(), announced.get(10, TimeUnit.SECONDS), "announced on " + ModelKeys.CHANGED_CHANNEL);
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
        assertTrue(meta.contains("\"version\":\"" + outcome.version() + "\"") && meta.contains("\"baskets\":" + expected.baskets())
                && meta.contains("\"minSupport\":3") && meta.contains("\"topK\":20"), meta);
        assertEquals(expected.neighbourCount(), outcome.neighbours());
        listener.unsubscribe();
    }

    private final CompletableFuture<String> subscribed = new CompletableFuture<>();

    @Test
    void aVersionNeverSwitchedToExpiresOnItsOwn() throws Exception {
        RedisTarget target = new RedisTarget(List.of(TestServers.redisUri()), false, null);
        List<scala.Tuple3<String, String, Integer>> rows = new java.util.ArrayList<>();
        for (int i = 0; i < 450; i++) {
            rows.add(new scala.Tuple3<>("sku-" + i, "sku-" + (i + 1) + ":1.0", 1));
        }
        // what an executor writes before its driver dies: the version is there, pointed at by nothing
        RedisModelWriter.neighbourWriter(target, "20990101T000000-orphan", java.time.Duration.ofMinutes(10)).call(rows.iterator());
        String key = ModelKeys.version("20990101T000000-orphan");
        assertEquals(450, redis.hlen(key));
        long ttl = redis.ttl(key);
        assertTrue(ttl > 0 && ttl <= 600, "an unpublished version expires after the lock's time: " + ttl);
        RedisModelWriter.activate(target, "20990101T000000-orphan", java.time.Duration.ofHours(1));
        assertEquals(-1, redis.ttl(key), "once switched to, it does not expire");
    }

    @Test
    void refusesWhileAnotherBuildHoldsTheLockAndTouchesNothing() {
        redis.set(ModelKeys.ACTIVE, "20200101T000000-current");
        redis.set(ModelKeys.BUILD_LOCK, "a-service-build");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new CoPurchaseJob(TestServers.spark(), options("csv:" + purchases), Clock.systemUTC()).run());
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
