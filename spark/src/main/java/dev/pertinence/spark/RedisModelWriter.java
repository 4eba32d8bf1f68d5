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
import org.apache.spark.util.LongAccumulator;
import redis.clients.jedis.AbstractPipeline;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;
import scala.Tuple3;

/**
 * Writes a model in the service's Redis layout ({@link ModelKeys}, {@link ModelCodec}) and
 * activates it as the service does (RedisModelStore): fields of a new version hash first, written
 * pipelined from the executors that hold them, then one script on the model's slot that checks the
 * lock is still the build's, switches the pointer, leaves the previous version to expire and
 * announces the switch on the channel replicas follow.
 */
final class RedisModelWriter {

    /** As the service writes: so many fields per HSET, so many HSETs per pipelined round trip. */
    private static final int FIELDS_PER_COMMAND = 200;
    private static final int COMMANDS_PER_BATCH = 20;

    private RedisModelWriter() {
    }

    /**
     * The service's build lock, so a service build and a Spark build never race; false when another holds it. A lock
     * found already {@code owner}'s is ours: JedisCluster sends SET NX again after a lost reply (a read timeout), and
     * the second finds the first's lock ({@code owner} is this build's own id, no other build has it).
     */
    static boolean tryLock(RedisTarget target, String owner, Duration ttl) {
        try (UnifiedJedis redis = target.open()) {
            return "OK".equals(redis.set(ModelKeys.BUILD_LOCK, owner, SetParams.setParams().nx().px(ttl.toMillis())))
                    || owner.equals(redis.get(ModelKeys.BUILD_LOCK));
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
     * Extends the lock by {@code ttl} while {@code owner} holds it, and the expiry of its unswitched version with it
     * ({@link ModelKeys#RENEW_LOCK}); false when the lock is gone or another's.
     */
    static boolean renew(UnifiedJedis redis, String owner, String version, Duration ttl) {
        Object renewed = redis.eval(ModelKeys.RENEW_LOCK, List.of(ModelKeys.BUILD_LOCK, ModelKeys.version(version)),
                List.of(owner, Long.toString(ttl.toMillis())));
        return Long.valueOf(1).equals(renewed);
    }

    /**
     * Runs on the executors: each writes the neighbour lists of its partition, counting the fields it wrote in
     * {@code written} (the driver puts the total in the version's meta, which the switch checks). Until the switch the
     * version expires after {@code unpublished} (the lock's time): a driver that dies mid-write (evicted, out of
     * memory) leaves nothing behind for ever; {@link #activate} removes the expiry first, and a task still writing
     * after it ({@link ModelKeys#EXPIRE_UNSWITCHED}) never gives it back.
     */
    static ForeachPartitionFunction<Tuple3<String, String, Integer>> neighbourWriter(RedisTarget target, String version,
                                                                                    Duration unpublished, LongAccumulator written) {
        return rows -> written.add(writePartition(target, version, rows, unpublished.toMillis()));
    }

    private static long writePartition(RedisTarget target, String version, Iterator<Tuple3<String, String, Integer>> rows,
                                       long unpublishedMillis) {
        String key = ModelKeys.version(version);
        List<String> expiryKeys = List.of(ModelKeys.ACTIVE, key);
        List<String> expiryArgs = List.of(version, Long.toString(unpublishedMillis));
        long fieldsWritten = 0;
        try (UnifiedJedis redis = target.open(); AbstractPipeline pipeline = redis.pipelined()) {
            Map<String, String> fields = new HashMap<>();
            int commands = 0;
            while (rows.hasNext()) {
                Tuple3<String, String, Integer> row = rows.next();
                fields.put(ModelKeys.neighboursField(row._1()), row._2());
                fieldsWritten++;
                if (fields.size() == FIELDS_PER_COMMAND) {
                    pipeline.hset(key, fields);
                    pipeline.eval(ModelKeys.EXPIRE_UNSWITCHED, expiryKeys, expiryArgs);
                    fields = new HashMap<>();
                    if (++commands % COMMANDS_PER_BATCH == 0) {
                        pipeline.sync();
                    }
                }
            }
            if (!fields.isEmpty()) {
                pipeline.hset(key, fields);
                pipeline.eval(ModelKeys.EXPIRE_UNSWITCHED, expiryKeys, expiryArgs);
            }
            pipeline.sync();
        }
        return fieldsWritten;
    }

    /** The driver's part of a version: popularity and the build's description. */
    static void writeSummary(RedisTarget target, String version, SparkModel model, String meta, Duration unpublished) {
        try (UnifiedJedis redis = target.open()) {
            redis.hset(ModelKeys.version(version), Map.of(
                    ModelKeys.POPULAR_SKUS, ModelCodec.encodeShares(model.popularity().bySku()),
                    ModelKeys.POPULAR_CATEGORIES, ModelCodec.encodeShares(model.popularity().byCategory()),
                    ModelKeys.META, meta));
            redis.pexpire(ModelKeys.version(version), unpublished.toMillis());
        }
    }

    /** The switch refused: the lock is no longer the build's, or its version is not whole; nothing was touched. */
    static final class SwitchRefused extends IllegalStateException {
        SwitchRefused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /**
     * The service's switch (RedisModelStore.activate, the same script: {@link ModelKeys#SWITCH}): while {@code owner}
     * still holds the lock and the version is whole, the pointer names it, it no longer expires, the previous one
     * expires after {@code previousTtl} and replicas hear of it, all at once. Returns the version it replaced.
     *
     * @throws SwitchRefused when the script refused (nothing touched)
     */
    static Optional<String> activate(RedisTarget target, String version, String owner, Duration previousTtl) {
        try (UnifiedJedis redis = target.open()) {
            String current = redis.get(ModelKeys.ACTIVE);
            String previousKey = ModelKeys.version(current == null ? version : current);
            Object previous = redis.eval(ModelKeys.SWITCH,
                    List.of(ModelKeys.BUILD_LOCK, ModelKeys.ACTIVE, ModelKeys.version(version), previousKey),
                    List.of(owner, version, current == null ? "" : current, Long.toString(previousTtl.toSeconds()),
                            ModelKeys.CHANGED_CHANNEL));
            return Optional.ofNullable((String) previous).filter(p -> !p.equals(version));
        } catch (JedisDataException e) {
            if (String.valueOf(e.getMessage()).contains(ModelKeys.REFUSED)) {
                throw new SwitchRefused("the switch to " + version + " was refused: " + e.getMessage(), e);
            }
            throw e;
        }
    }

    /**
     * After a failed build: a half-written version is never pointed at; drop it rather than leave it. Through
     * {@link ModelKeys#DISCARD}: refused (false, nothing deleted) when the pointer names it, as after a switch whose
     * reply was lost.
     */
    static boolean discard(RedisTarget target, String version) {
        try (UnifiedJedis redis = target.open()) {
            Object discarded = redis.eval(ModelKeys.DISCARD, List.of(ModelKeys.ACTIVE, ModelKeys.version(version)), List.of(version));
            return !Long.valueOf(-1).equals(discarded);
        }
    }
}
