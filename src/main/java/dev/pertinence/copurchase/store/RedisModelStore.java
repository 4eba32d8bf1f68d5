package dev.pertinence.copurchase.store;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.copurchase.CoPurchaseModel;
import dev.pertinence.copurchase.ModelCodec;
import dev.pertinence.copurchase.ModelKeys;
import dev.pertinence.decision.Neighbour;
import dev.pertinence.decision.Popularity;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads and writes model versions in Redis (layout in {@link ModelKeys}). Each command has a
 * budget ({@code pertinence.redis.command-timeout}; a batch of a model write
 * {@code pertinence.redis.background-timeout}): a frozen Redis fails the call instead of holding it.
 */
@ApplicationScoped
public class RedisModelStore {

    private static final int FIELDS_PER_COMMAND = 200;
    private static final int COMMANDS_PER_BATCH = 20;

    private final Redis redis;
    private final Duration budget;
    private final Duration batchBudget;

    public RedisModelStore(Redis redis, PertinenceConfig config) {
        this.redis = redis;
        this.budget = config.redis().commandTimeout();
        this.batchBudget = config.redis().backgroundTimeout();
    }

    private Uni<Response> send(Request request) {
        return redis.send(request).ifNoItem().after(budget).fail();
    }

    /**
     * Writes every field of a new version; it stays invisible until {@link #activate}, and expires after
     * {@code unpublished} (the build lock's time, renewed with the lock: {@link #renewLock}) until then, so a build
     * that dies mid-write leaves nothing behind for good.
     */
    public Uni<Void> write(String version, CoPurchaseModel model, String metaJson, Duration unpublished) {
        String key = ModelKeys.version(version);
        List<String> fieldsAndValues = new ArrayList<>();
        model.neighbours().forEach((sku, neighbours) -> {
            fieldsAndValues.add(ModelKeys.neighboursField(sku));
            fieldsAndValues.add(ModelCodec.encodeNeighbours(neighbours));
        });
        fieldsAndValues.add(ModelKeys.POPULAR_SKUS);
        fieldsAndValues.add(ModelCodec.encodeShares(model.popularity().bySku()));
        fieldsAndValues.add(ModelKeys.POPULAR_CATEGORIES);
        fieldsAndValues.add(ModelCodec.encodeShares(model.popularity().byCategory()));
        fieldsAndValues.add(ModelKeys.META);
        fieldsAndValues.add(metaJson);
        List<Request> commands = new ArrayList<>();
        for (int i = 0; i < fieldsAndValues.size(); i += 2 * FIELDS_PER_COMMAND) {
            Request hset = Request.cmd(Command.HSET).arg(key);
            fieldsAndValues.subList(i, Math.min(i + 2 * FIELDS_PER_COMMAND, fieldsAndValues.size())).forEach(hset::arg);
            commands.add(hset);
        }
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < commands.size(); i += COMMANDS_PER_BATCH) {
            List<Request> batch = new ArrayList<>(commands.subList(i, Math.min(i + COMMANDS_PER_BATCH, commands.size())));
            batch.add(Request.cmd(Command.PEXPIRE).arg(key).arg(unpublished.toMillis()));
            chain = chain.chain(() -> redis.batch(batch).ifNoItem().after(batchBudget).fail().replaceWithVoid());
        }
        return chain;
    }

    /**
     * Points readers at {@code version} and lets the previous version expire after {@code previousTtl} so replicas
     * still reading it finish cleanly, announcing it: one script ({@link ModelKeys#SWITCH}, the Spark job's too),
     * refused (a failure whose message starts with {@value ModelKeys#REFUSED}, nothing touched) unless {@code owner}
     * still holds the build lock and the version has its meta field. Returns the previous version (empty as well
     * when a late switch was sent again and found itself done).
     *
     * <p>A switch answered after its budget may still have run (Redis slow, the reply late): the build would then be
     * recorded failed while its model is live. So a timed-out switch is sent again, up to {@value #SWITCH_ATTEMPTS}
     * times: the script finds the pointer already on its version and succeeds (ModelKeys.SWITCH), or switches now.
     * A refusal is not retried.
     */
    public Uni<Optional<String>> activate(String version, String owner, Duration previousTtl) {
        return activeVersion().chain(current -> send(Request.cmd(Command.EVAL).arg(ModelKeys.SWITCH).arg(4)
                        .arg(ModelKeys.BUILD_LOCK).arg(ModelKeys.ACTIVE).arg(ModelKeys.version(version))
                        .arg(ModelKeys.version(current.orElse(version)))
                        .arg(owner).arg(version).arg(current.orElse("")).arg(previousTtl.toSeconds()).arg(ModelKeys.CHANGED_CHANNEL)))
                .map(previous -> Optional.ofNullable(previous).map(Response::toString).filter(p -> !p.equals(version)))
                .onFailure(io.smallrye.mutiny.TimeoutException.class).retry().atMost(SWITCH_ATTEMPTS - 1);
    }

    static final int SWITCH_ATTEMPTS = 4;

    public Uni<Optional<String>> activeVersion() {
        return send(Request.cmd(Command.GET).arg(ModelKeys.ACTIVE))
                .map(response -> Optional.ofNullable(response).map(Response::toString));
    }

    public Uni<Popularity> popularity(String version) {
        return send(Request.cmd(Command.HMGET).arg(ModelKeys.version(version))
                        .arg(ModelKeys.POPULAR_SKUS).arg(ModelKeys.POPULAR_CATEGORIES))
                .map(response -> new Popularity(ModelCodec.decodeShares(text(response.get(0))),
                        ModelCodec.decodeShares(text(response.get(1)))));
    }

    /** The neighbours of each SKU that has any, in one HMGET. */
    public Uni<Map<String, List<Neighbour>>> neighbours(String version, List<String> skus) {
        if (skus.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        Request hmget = Request.cmd(Command.HMGET).arg(ModelKeys.version(version));
        skus.forEach(sku -> hmget.arg(ModelKeys.neighboursField(sku)));
        return send(hmget).map(response -> {
            Map<String, List<Neighbour>> neighbours = new HashMap<>();
            for (int i = 0; i < skus.size(); i++) {
                String text = text(response.get(i));
                if (text != null) {
                    neighbours.put(skus.get(i), ModelCodec.decodeNeighbours(text));
                }
            }
            return neighbours;
        });
    }

    public Uni<Boolean> tryLock(String owner, Duration ttl) {
        return send(Request.cmd(Command.SET).arg(ModelKeys.BUILD_LOCK).arg(owner).arg("NX").arg("PX").arg(ttl.toMillis()))
                .map(response -> response != null && "OK".equals(response.toString()));
    }

    public Uni<Optional<String>> lockOwner() {
        return send(Request.cmd(Command.GET).arg(ModelKeys.BUILD_LOCK))
                .map(response -> Optional.ofNullable(response).map(Response::toString));
    }

    /**
     * Extends the build lock by {@code ttl} while {@code owner} holds it, and the expiry of the version it is writing
     * with it ({@link ModelKeys#RENEW_LOCK}); false when the lock is gone or another's.
     */
    public Uni<Boolean> renewLock(String owner, String version, Duration ttl) {
        return send(Request.cmd(Command.EVAL).arg(ModelKeys.RENEW_LOCK).arg(2).arg(ModelKeys.BUILD_LOCK)
                .arg(ModelKeys.version(version)).arg(owner).arg(ttl.toMillis()))
                .map(response -> response != null && response.toLong() == 1);
    }

    public Uni<Void> unlock(String owner) {
        return send(Request.cmd(Command.EVAL).arg(ModelKeys.RELEASE_LOCK).arg(1).arg(ModelKeys.BUILD_LOCK).arg(owner))
                .replaceWithVoid();
    }

    private static String text(Response response) {
        return response == null ? null : response.toString();
    }
}
