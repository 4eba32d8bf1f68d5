package dev.pertinence.spark;

import dev.pertinence.copurchase.ModelCodec;
import dev.pertinence.copurchase.ModelKeys;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.function.ForeachPartitionFunction;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.params.SetParams;
import scala.Tuple3;

/**
 * Writes a model in the service's Redis layout ({@link ModelKeys}, {@link ModelCodec}) and
 * activates it as the service does (RedisModelStore): fields of a new version hash first, written
 * pipelined from the executors that hold them, then the pointer switched in one GETSET, the
 * previous version left to expire, and the switch announced on the channel replicas follow.
 */
final class RedisModelWriter {

    /** As the service writes: so many fields per HSET, so many HSETs per pipelined round trip. */
    private static final int FIELDS_PER_COMMAND = 200;
    private static final int COMMANDS_PER_BATCH = 20;

    private RedisModelWriter() {
    }

    /** The service's build lock, so a service build and a Spark build never race; false when another holds it. */
    static boolean tryLock(RedisTarget target, String owner, Duration ttl) {
        try (UnifiedJedis redis = target.open()) {
            return "OK".equals(redis.set(ModelKeys.BUILD_LOCK, owner, SetParams.setParams().nx().px(ttl.toMillis())));
        }
    }

    static Optional<String> lockOwner(RedisTarget target) {
        try (UnifiedJedis redis = target.open()) {
            return Optional.ofNullable(redis.get(ModelKeys.BUILD_LOCK));
        }
    }

    static void unlock(RedisTarget target, String owner) {
        try (UnifiedJedis redis = target.open()) {
            redis.eval(ModelKeys.RELEASE_LOCK, List.of(ModelKeys.BUILD_LOCK), List.of(owner));
        }
    }

    /**
     * Runs on the executors: each writes the neighbour lists of its partition. Until the switch the
     * version expires after {@code unpublished} (the lock's time): a driver that dies mid-write (evicted,
     * out of memory) leaves nothing behind for ever; {@link #activate} removes the expiry first.
     */
    static ForeachPartitionFunction<Tuple3<String, String, Integer>> neighbourWriter(RedisTarget target, String version,
                                                                                    Duration unpublished) {
        return rows -> writePartition(target, ModelKeys.version(version), rows, unpublished.toSeconds());
    }

    private static void writePartition(RedisTarget target, String key, Iterator<Tuple3<String, String, Integer>> rows,
                                       long unpublishedSeconds) {
        try (UnifiedJedis redis = target.open(); AbstractPipeline pipeline = redis.pipelined()) {
            Map<String, String> fields = new HashMap<>();
            int commands = 0;
            while (rows.hasNext()) {
                Tuple3<String, String, Integer> row = rows.next();
                fields.put(ModelKeys.neighboursField(row._1()), row._2());
                if (fields.size() == FIELDS_PER_COMMAND) {
                    pipeline.hset(key, fields);
                    pipeline.expire(key, unpublishedSeconds);
                    fields = new HashMap<>();
                    if (++commands % COMMANDS_PER_BATCH == 0) {
                        pipeline.sync();
                    }
                }
            }
            if (!fields.isEmpty()) {
                pipeline.hset(key, fields);
                pipeline.expire(key, unpublishedSeconds);
            }
            pipeline.sync();
        }
    }

    /** The driver's part of a version: popularity and the build's description. */
    static void writeSummary(RedisTarget target, String version, SparkModel model, String meta, Duration unpublished) {
        try (UnifiedJedis redis = target.open()) {
            redis.hset(ModelKeys.version(version), Map.of(
                    ModelKeys.POPULAR_SKUS, ModelCodec.encodeShares(model.popularity().bySku()),
                    ModelKeys.POPULAR_CATEGORIES, ModelCodec.encodeShares(model.popularity().byCategory()),
                    ModelKeys.META, meta));
            redis.expire(ModelKeys.version(version), unpublished.toSeconds());
        }
    }

    /** The service's switch (RedisModelStore.activate); returns the version it replaced. */
    static Optional<String> activate(RedisTarget target, String version, Duration previousTtl) {
        try (UnifiedJedis redis = target.open()) {
            // before the switch: a version pointed at must never expire (dying between the two leaves a version
            // that lives on unpointed at, which a later build's previous-version expiry does not reach: the lesser harm)
            redis.persist(ModelKeys.version(version));
            Optional<String> previous = Optional.ofNullable(redis.getSet(ModelKeys.ACTIVE, version)).filter(p -> !p.equals(version));
            previous.ifPresent(old -> redis.expire(ModelKeys.version(old), previousTtl.toSeconds()));
            redis.publish(ModelKeys.CHANGED_CHANNEL, version);
            return previous;
        }
    }

    /** After a failed build: a half-written version is never pointed at; drop it rather than leave it. */
    static void discard(RedisTarget target, String version) {
        try (UnifiedJedis redis = target.open()) {
            redis.del(ModelKeys.version(version));
        }
    }
}
