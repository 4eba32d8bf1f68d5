package dev.pertinence.spark;

import dev.pertinence.copurchase.ModelCodec;
import dev.pertinence.copurchase.ModelKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the co-purchase model on Spark and publishes it exactly as the service's own build does
 * (docs/model-build.md): same baskets, same measures and selection (the service's pure code),
 * same Redis layout and pointer switch, recorded in model_build with trigger {@code spark}.
 *
 * <pre>spark-submit --class dev.pertinence.spark.CoPurchaseJob pertinence-spark.jar --purchases … --redis …</pre>
 */
public final class CoPurchaseJob {

    private static final Logger LOG = LoggerFactory.getLogger(CoPurchaseJob.class);

    /** What a run did. */
    public record Outcome(UUID id, String version, long baskets, int items, long pairs, long neighbours, Optional<String> replaced) {
    }

    private final SparkSession spark;
    private final JobOptions options;
    private final Clock clock;

    public CoPurchaseJob(SparkSession spark, JobOptions options, Clock clock) {
        this.spark = spark;
        this.options = options;
        this.clock = clock;
    }

    public static void main(String[] args) {
        JobOptions options;
        try {
            options = JobOptions.parse(args, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        SparkSession spark = SparkSession.builder().appName("pertinence-co-purchase").getOrCreate();
        try {
            Outcome outcome = new CoPurchaseJob(spark, options, Clock.systemUTC()).run();
            System.out.println("Model " + outcome.version() + " built on Spark: " + outcome);
        } finally {
            spark.stop();
        }
    }

    /** Counts only, writes nothing: the model as Spark counts it (tests, measurements). */
    SparkModel count(Instant now) {
        spark.conf().set("spark.sql.session.timeZone", "UTC"); // a customer's basket is a UTC day, as in the service
        return SparkModelBuild.build(PurchaseSource.baskets(spark, options, now.minus(options.window())),
                PurchaseSource.categories(spark, options), options.minSupport(), options.topK(), options.maxBasketSize());
    }

    /**
     * Builds, writes and activates a new version, recording the build. Refused (IllegalStateException, nothing
     * recorded) while another build holds the lock; a failed build is recorded as failed and its half-written
     * version dropped, the active one untouched.
     */
    public Outcome run() {
        UUID id = UUID.randomUUID();
        Instant started = clock.instant();
        String version = ModelKeys.VERSION_TIME.format(started) + "-" + id.toString().substring(0, 8);
        RedisTarget redis = new RedisTarget(options.redis(), options.redisCluster(), options.redisPassword());
        if (options.writesRedis() && !RedisModelWriter.tryLock(redis, id.toString(), options.lockTtl())) {
            throw new IllegalStateException("a model build is already running"
                    + RedisModelWriter.lockOwner(redis).map(owner -> ": " + owner).orElse(""));
        }
        BuildRecord record = new BuildRecord(options);
        try {
            record.started(id, started);
            if (!record.enabled()) {
                LOG.warn("No --database: build {} is not recorded in model_build", id);
            }
            // once the pointer names this version, replicas serve it: a failure after that (the EXPIRE of the old
            // one, the announcement, the build row) must not delete it, or every replica loses its model
            boolean switched = false;
            try {
                SparkModel model = count(started);
                Optional<String> replaced = Optional.empty();
                if (options.writesRedis()) {
                    model.neighbours().foreachPartition(RedisModelWriter.neighbourWriter(redis, version, options.lockTtl()));
                    RedisModelWriter.writeSummary(redis, version, model, ModelCodec.encodeMeta(version, started,
                            model.baskets(), model.items(), options.minSupport(), options.topK()), options.lockTtl());
                    switched = true;
                    replaced = RedisModelWriter.activate(redis, version, options.previousVersionTtl());
                }
                model.neighbours().unpersist();
                record.succeeded(id, started, clock.instant(), version, model);
                return new Outcome(id, version, model.baskets(), model.items(), model.pairs(), model.neighbourCount(), replaced);
            } catch (Exception e) { // Spark throws AnalysisException, checked, without declaring it
                LOG.error("Model build " + id + " failed", e);
                if (options.writesRedis() && !switched) {
                    try {
                        RedisModelWriter.discard(redis, version);
                    } catch (RuntimeException cleanup) {
                        e.addSuppressed(cleanup);
                    }
                }
                record.failed(id, started, clock.instant(), String.valueOf(rootMessage(e)));
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(rootMessage(e), e);
            }
        } finally {
            if (options.writesRedis()) {
                RedisModelWriter.unlock(redis, id.toString());
            }
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? e.toString() : cause.getMessage();
    }
}
