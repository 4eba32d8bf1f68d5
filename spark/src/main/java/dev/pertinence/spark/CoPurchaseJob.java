package dev.pertinence.spark;

import dev.pertinence.copurchase.ModelCodec;
import dev.pertinence.copurchase.ModelKeys;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.LongAccumulator;
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
        try (DatabaseSnapshot snapshot = snapshot()) {
            return count(now, snapshot);
        }
    }

    private SparkModel count(Instant now, DatabaseSnapshot snapshot) {
        spark.conf().set("spark.sql.session.timeZone", "UTC"); // a customer's basket is a UTC day, as in the service
        PurchaseSource.LeftOut leftOut = PurchaseSource.LeftOut.in(spark);
        SparkModel model = SparkModelBuild.build(PurchaseSource.baskets(spark, options, now.minus(options.window()), leftOut, snapshot),
                PurchaseSource.categories(spark, options, snapshot), options.minSupport(), options.topK(), options.maxBasketSize());
        if (leftOut.erased().value() > 0) {
            LOG.warn("{} lines of the export left out: their customer is not known to the database (erased since the export)",
                    leftOut.erased().value());
        }
        if (leftOut.unreadable().value() > 0) {
            LOG.warn("{} lines of the export left out: their customer reference is one the service's import refuses",
                    leftOut.unreadable().value());
        }
        return model;
    }

    /**
     * Builds, writes and activates a new version, recording the build. Refused (IllegalStateException, nothing
     * recorded) while another build holds the lock; a failed build is recorded as failed and its half-written
     * version dropped, the active one untouched. The lock is short ({@code --lock-ttl}) and renewed while this
     * driver lives ({@link LockRenewal}); builds whose rows still say running once it is taken died, and are
     * marked so. A run that writes no model ({@code --redis none}) takes no lock and is not recorded.
     */
    public Outcome run() {
        UUID id = UUID.randomUUID();
        Instant started = clock.instant();
        String version = ModelKeys.VERSION_TIME.format(started) + "-" + id.toString().substring(0, 8);
        if (!options.writesRedis()) {
            SparkModel model = count(started);
            model.neighbours().unpersist();
            return new Outcome(id, version, model.baskets(), model.items(), model.pairs(), model.neighbourCount(), Optional.empty());
        }
        RedisTarget redis = new RedisTarget(options.redis(), options.redisCluster(), options.redisPassword());
        String owner = id.toString();
        if (!RedisModelWriter.tryLock(redis, owner, options.lockTtl())) {
            throw new IllegalStateException("a model build is already running"
                    + RedisModelWriter.lockOwner(redis).map(other -> ": " + other).orElse(""));
        }
        BuildRecord record = new BuildRecord(options);
        try (LockRenewal renewal = LockRenewal.start(redis, owner, version, options.lockTtl())) {
            record.markAbandoned();
            record.started(id, started);
            if (!record.enabled()) {
                LOG.warn("No --database: build {} is not recorded in model_build", id);
            }
            // once the pointer may name this version, replicas may serve it: a failure from the switch on that is not
            // its refusal (a lost connection) must not delete it; unswitched, it expires with the lock on its own
            boolean mayBeSwitched = false;
            try (DatabaseSnapshot snapshot = snapshot()) {
                SparkModel model = count(started, snapshot);
                if (renewal.lost()) {
                    throw new IllegalStateException("the build lock expired during the build: another build may have started");
                }
                LongAccumulator written = spark.sparkContext().longAccumulator("neighbour fields written");
                model.neighbours().foreachPartition(RedisModelWriter.neighbourWriter(redis, version, options.lockTtl(), written));
                RedisModelWriter.writeSummary(redis, version, model, ModelCodec.encodeMeta(version, started, model.baskets(),
                        model.items(), options.minSupport(), options.topK(), ModelKeys.wholeFields(written.value())), options.lockTtl());
                mayBeSwitched = true;
                Optional<String> replaced = RedisModelWriter.activate(redis, version, owner, options.previousVersionTtl());
                model.neighbours().unpersist();
                record.succeeded(id, started, clock.instant(), version, model);
                return new Outcome(id, version, model.baskets(), model.items(), model.pairs(), model.neighbourCount(), replaced);
            } catch (Exception e) { // Spark throws AnalysisException, checked, without declaring it
                LOG.error("Model build " + id + " failed", e);
                if (!mayBeSwitched || e instanceof RedisModelWriter.SwitchRefused) {
                    try {
                        if (!RedisModelWriter.discard(redis, version)) {
                            LOG.warn("Model build {}: version {} is the active one (its switch happened), kept", id, version);
                        }
                    } catch (RuntimeException cleanup) {
                        e.addSuppressed(cleanup);
                    }
                }
                record.failed(id, started, clock.instant(), String.valueOf(rootMessage(e)));
                throw e instanceof RuntimeException runtime ? runtime : new IllegalStateException(rootMessage(e), e);
            }
        } finally {
            RedisModelWriter.unlock(redis, owner);
        }
    }

    /** For a JDBC read: one snapshot for all its partitions, held until the build has written its model. */
    private DatabaseSnapshot snapshot() {
        return options.purchases().startsWith("jdbc:")
                ? DatabaseSnapshot.export(options.purchases(), PurchaseSource.credentials(options))
                : null;
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? e.toString() : cause.getMessage();
    }
}
