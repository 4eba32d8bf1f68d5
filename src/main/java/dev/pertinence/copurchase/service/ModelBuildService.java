package dev.pertinence.copurchase.service;

import static dev.pertinence.common.store.Timestamps.instant;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.problem.ClientProblem;
import dev.pertinence.common.store.BlockingTransaction;
import dev.pertinence.copurchase.CoPurchaseCounter;
import dev.pertinence.copurchase.CoPurchaseModel;
import dev.pertinence.copurchase.ModelBuild;
import dev.pertinence.copurchase.ModelCodec;
import dev.pertinence.copurchase.store.ActiveModel;
import dev.pertinence.copurchase.ModelKeys;
import dev.pertinence.copurchase.store.RedisModelStore;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Builds the co-purchase model from the purchases in PostgreSQL, writes it to Redis under a new
 * version and activates it. One build at a time across all replicas (a Redis lock); the build
 * runs on a worker thread while the request that asked for it has already been answered.
 */
@ApplicationScoped
public class ModelBuildService {

    private static final Logger LOG = Logger.getLogger(ModelBuildService.class);
    /**
     * Short, and renewed every third of it while the build runs: a replica killed mid-build (-9, evicted) holds the
     * lock minutes, not hours; the next build to take it marks the row abandoned ({@link ModelBuild#MARK_ABANDONED}).
     */
    private static final Duration LOCK_TTL = Duration.ofMinutes(3);

    /** A basket: an order; else one customer's purchases on one UTC day; else the line alone. */
    private static final String BASKETS = """
            SELECT array_agg(DISTINCT sku) FROM purchase WHERE purchased_at >= $1
            GROUP BY COALESCE('o:' || order_id, 'c:' || customer_id || ':' || (purchased_at AT TIME ZONE 'UTC')::date, 'l:' || id)""";
    private static final String INSERT = """
            INSERT INTO model_build (id, status, trigger, requested_at, min_support, top_k) VALUES ($1, 'running', $2, $3, $4, $5)""";
    private static final String SELECT = """
            SELECT id, status, trigger, requested_at, started_at, finished_at, duration_ms, model_version, baskets, items,
                   pairs, neighbours, min_support, top_k, error FROM model_build""";

    private final Pool pool;
    private final RedisModelStore store;
    private final ActiveModel activeModel;
    private final PertinenceConfig.Model config;
    private final Clock clock;

    public ModelBuildService(Pool pool, RedisModelStore store, ActiveModel activeModel, PertinenceConfig config, Clock clock) {
        this.pool = pool;
        this.store = store;
        this.activeModel = activeModel;
        this.config = config.model();
        this.clock = clock;
    }

    /**
     * Starts a build unless one is running anywhere; answers at once with the build's record. When anything fails
     * after the lock may have been taken (PostgreSQL refusing the row, the lock's reply lost), the lock is released
     * if it is this build's (ModelKeys.RELEASE_LOCK compares owners), so the next build does not wait its 3 minutes.
     */
    public Uni<ModelBuild> start(String trigger) {
        UUID id = UUID.randomUUID();
        return store.tryLock(id.toString(), LOCK_TTL)
                .chain(locked -> locked ? markAbandoned().chain(() -> record(id, trigger)) : refuseWhileRunning())
                .onFailure().call(failure -> store.unlock(id.toString()).onFailure().recoverWithNull())
                .invoke(build -> Infrastructure.getDefaultWorkerPool().execute(() -> run(id)));
    }

    public Uni<ModelBuild> get(UUID id) {
        return pool.preparedQuery(SELECT + " WHERE id = $1").execute(Tuple.of(id))
                .map(rows -> {
                    if (rows.size() == 0) {
                        throw ClientProblem.notFound("model build", id.toString());
                    }
                    return build(rows.iterator().next());
                });
    }

    /** The latest builds of any trigger (or of {@code trigger}), newest request first; the Spark job's among them. */
    public Uni<List<ModelBuild>> recent(int limit, String trigger) {
        Uni<RowSet<Row>> rows = trigger == null
                ? pool.preparedQuery(SELECT + " ORDER BY requested_at DESC, id LIMIT $1").execute(Tuple.of(limit))
                : pool.preparedQuery(SELECT + " WHERE trigger = $2 ORDER BY requested_at DESC, id LIMIT $1").execute(Tuple.of(limit, trigger));
        return rows.map(found -> {
            List<ModelBuild> builds = new ArrayList<>();
            found.forEach(row -> builds.add(build(row)));
            return builds;
        });
    }

    public Uni<ModelBuild> latestSucceeded() {
        return pool.query(SELECT + " WHERE status = 'succeeded' ORDER BY finished_at DESC LIMIT 1").execute()
                .map(rows -> rows.size() == 0 ? null : build(rows.iterator().next()));
    }

    /** Once the lock is ours: rows still running belong to builds that died holding it (the Spark job's included). */
    private Uni<Void> markAbandoned() {
        return pool.query(ModelBuild.MARK_ABANDONED).execute()
                .invoke(rows -> {
                    if (rows.rowCount() > 0) {
                        LOG.warnf("%d model build(s) marked failed: %s", rows.rowCount(), ModelBuild.ABANDONED);
                    }
                })
                .replaceWithVoid();
    }

    private Uni<ModelBuild> record(UUID id, String trigger) {
        return pool.preparedQuery(INSERT)
                .execute(Tuple.of(id, trigger, OffsetDateTime.now(clock), config.minSupport(), config.topK()))
                .chain(() -> get(id));
    }

    private Uni<ModelBuild> refuseWhileRunning() {
        return store.lockOwner().map(owner -> {
            throw ClientProblem.conflict("a model build is already running" + owner.map(o -> ": " + o).orElse(""));
        });
    }

    /** Blocking: runs on a worker thread. */
    void run(UUID id) {
        Instant started = clock.instant();
        String owner = id.toString();
        String version = ModelKeys.VERSION_TIME.format(started) + "-" + id.toString().substring(0, 8);
        Cancellable renewal = renewLock(owner, version);
        try {
            update("UPDATE model_build SET started_at = $2 WHERE id = $1", Tuple.of(id, started.atOffset(ZoneOffset.UTC)));
            CoPurchaseModel model = count(started);
            store.write(version, model, meta(version, model, started), LOCK_TTL).await().atMost(Duration.ofMinutes(10));
            store.activate(version, owner, config.previousVersionTtl()).await().atMost(Duration.ofMinutes(1));
            refreshAfterSwitch(version);
            Instant finished = clock.instant();
            update("""
                    UPDATE model_build SET status = 'succeeded', finished_at = $2, duration_ms = $3, model_version = $4,
                        baskets = $5, items = $6, pairs = $7, neighbours = $8 WHERE id = $1""",
                    Tuple.from(new Object[] {id, finished.atOffset(ZoneOffset.UTC), Duration.between(started, finished).toMillis(),
                        version, model.baskets(), model.items(), model.pairs(), model.neighbourCount()}));
            LOG.infof("Model %s built from %d baskets in %d ms: %d items, %d pairs, %d neighbours", version,
                    model.baskets(), Duration.between(started, finished).toMillis(), model.items(), model.pairs(), model.neighbourCount());
        } catch (RuntimeException e) {
            LOG.error("Model build " + id + " failed", e);
            Instant finished = clock.instant();
            update("UPDATE model_build SET status = 'failed', finished_at = $2, duration_ms = $3, error = $4 WHERE id = $1",
                    Tuple.of(id, finished.atOffset(ZoneOffset.UTC), Duration.between(started, finished).toMillis(),
                            String.valueOf(e.getMessage())));
        } finally {
            renewal.cancel();
            store.unlock(owner).await().atMost(Duration.ofSeconds(10));
        }
    }

    /**
     * The switch is done and announced: every replica, this one included, follows the announcement or its periodic
     * pointer read. Reading it here at once only spares this replica that wait, so a failure is logged and the build
     * stays a success (its model is live).
     */
    private void refreshAfterSwitch(String version) {
        try {
            activeModel.refresh().await().atMost(Duration.ofMinutes(1));
        } catch (RuntimeException e) {
            LOG.warnf("Model %s is live, but this replica could not read it at once (it will at its next pointer read): %s",
                    version, e.toString());
        }
    }

    /** Every third of the lock's time until cancelled; a lock found lost is left so: the switch refuses. */
    private Cancellable renewLock(String owner, String version) {
        return Multi.createFrom().ticks().every(LOCK_TTL.dividedBy(3))
                .onOverflow().drop()
                .onItem().transformToUniAndConcatenate(tick -> store.renewLock(owner, version, LOCK_TTL)
                        .onFailure().invoke(failure -> LOG.warnf("Model build %s: the build lock was not renewed: %s", owner, failure))
                        .onFailure().recoverWithItem(true))
                .select().where(renewed -> !renewed)
                .select().first()
                .subscribe().with(lost -> LOG.warnf("Model build %s no longer holds the build lock: it will not be switched to", owner));
    }

    private CoPurchaseModel count(Instant now) {
        Map<String, String> categories = new HashMap<>();
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            tx.stream("SELECT sku, category FROM product WHERE category IS NOT NULL", Tuple.tuple(), 10_000,
                    row -> categories.put(row.getString(0), row.getString(1)));
            CoPurchaseCounter counter = new CoPurchaseCounter(categories::get, config.maxBasketSize());
            tx.stream(BASKETS, Tuple.of(now.minus(config.window()).atOffset(ZoneOffset.UTC)), 5_000,
                    row -> counter.addBasket(Arrays.asList(row.getArrayOfStrings(0))));
            return counter.build(config.minSupport(), config.topK());
        }
    }

    private String meta(String version, CoPurchaseModel model, Instant builtAt) {
        return ModelCodec.encodeMeta(version, builtAt, model.baskets(), model.items(), config.minSupport(), config.topK(),
                ModelKeys.wholeFields(model.neighbours().size()));
    }

    private void update(String sql, Tuple arguments) {
        pool.preparedQuery(sql).execute(arguments).await().atMost(Duration.ofSeconds(30));
    }

    private static ModelBuild build(Row row) {
        return new ModelBuild(row.getUUID("id"), row.getString("status"), row.getString("trigger"),
                instant(row.getOffsetDateTime("requested_at")), instant(row.getOffsetDateTime("started_at")),
                instant(row.getOffsetDateTime("finished_at")), row.getLong("duration_ms"), row.getString("model_version"),
                row.getLong("baskets"), row.getInteger("items"), row.getLong("pairs"), row.getLong("neighbours"),
                row.getInteger("min_support"), row.getInteger("top_k"), row.getString("error"));
    }
}
