package dev.pertinence.outcome.store;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.redis.HashSlots;
import dev.pertinence.common.redis.LuaScript;
import dev.pertinence.common.redis.Replies;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Per-offer response counters in Redis, for live learning: one hash per offer,
 * {@code pertinence:{o:<offerId>}:responses}, field {@code <segment>|<channel>|<type>} → count
 * (and {@code <segment>|<channel>|value} → conversion value). An outcome counts once: a marker
 * key per event id, in the same slot, is set by the same script that counts.
 */
@ApplicationScoped
public class ResponseCounters {

    private static final long MARKER_TTL_SECONDS = 86_400;
    private static final LuaScript COUNT = new LuaScript("""
            if not redis.call('SET', KEYS[2], '1', 'NX', 'EX', ARGV[5]) then return false end
            redis.call('HINCRBY', KEYS[1], ARGV[1] .. '|' .. ARGV[2] .. '|' .. ARGV[3], 1)
            if ARGV[4] ~= '' then
              redis.call('HINCRBYFLOAT', KEYS[1], ARGV[1] .. '|' .. ARGV[2] .. '|value', ARGV[4])
            end
            if ARGV[6] ~= '' then redis.call('PEXPIRE', KEYS[1], ARGV[6]) end
            return redis.call('HGETALL', KEYS[1])""");
    private static final int PER_BATCH = 500;

    private final Redis redis;
    private final boolean cluster;
    /** Counting an outcome: a request waits for it (past it, the sweep counts the outcome). */
    private final Duration countBudget;
    /** One pipeline of the reload: background work. */
    private final Duration readBudget;

    public ResponseCounters(Redis redis, PertinenceConfig config,
                            @ConfigProperty(name = "quarkus.redis.client-type", defaultValue = "standalone") String clientType) {
        this.redis = redis;
        this.cluster = "cluster".equals(clientType);
        this.countBudget = config.redis().commandTimeout();
        this.readBudget = config.redis().backgroundTimeout();
    }

    static String key(String offerId) {
        return "pertinence:{o:" + offerId + "}:responses";
    }

    /**
     * Counts one outcome unless its event was counted before; returns the offer's counters after
     * it (null when it was a repeat).
     *
     * @param memory how long the counters live after this outcome; null: for ever (an offer's)
     */
    public Uni<Map<String, String>> count(String eventId, String offerId, String segment, String channel, String type,
                                          String value, Duration memory) {
        return COUNT.run(redis, List.of(key(offerId), "pertinence:{o:" + offerId + "}:event:" + eventId),
                        List.of(segment, channel, type, value == null ? "" : value, String.valueOf(MARKER_TTL_SECONDS),
                                memory == null ? "" : String.valueOf(memory.toMillis())))
                .ifNoItem().after(countBudget).fail()
                .map(reply -> reply == null ? null : toMap(reply));
    }

    /**
     * Every listed offer's counters (offers without any are left out): HGETALLs pipelined
     * {@value #PER_BATCH} at a time. Each offer's key has its own slot, so on a Redis Cluster a
     * pipeline is split by slot (the client refuses a batch whose keys live on different nodes, and
     * a slot never spans two; bench/cluster.sh found it) and the pieces are sent together; on a
     * single server it is one batch.
     */
    public Uni<Map<String, Map<String, String>>> all(List<String> offerIds) {
        Map<String, Map<String, String>> counters = new ConcurrentHashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (int i = 0; i < offerIds.size(); i += PER_BATCH) {
            List<String> chunk = offerIds.subList(i, Math.min(i + PER_BATCH, offerIds.size()));
            Collection<List<String>> pipelines = cluster
                    ? chunk.stream().collect(Collectors.groupingBy(id -> HashSlots.of(key(id)))).values() : List.of(chunk);
            chain = chain.chain(() -> Uni.join().all(pipelines.stream().map(pipeline -> read(pipeline, counters)).toList())
                    .andFailFast().replaceWithVoid());
        }
        return chain.map(done -> counters);
    }

    private Uni<Void> read(List<String> offerIds, Map<String, Map<String, String>> counters) {
        List<Request> requests = new ArrayList<>(offerIds.size());
        offerIds.forEach(id -> requests.add(Request.cmd(Command.HGETALL).arg(key(id))));
        return redis.batch(requests).ifNoItem().after(readBudget).fail().invoke(replies -> {
            for (int j = 0; j < offerIds.size(); j++) {
                Map<String, String> fields = toMap(replies.get(j));
                if (!fields.isEmpty()) {
                    counters.put(offerIds.get(j), fields);
                }
            }
        }).replaceWithVoid();
    }

    /**
     * Sets an offer's counters to what PostgreSQL counted (after Redis lost its data): the fields
     * given replace theirs, others stay. Returns once written.
     */
    public Uni<Void> restore(String offerId, Map<String, String> fields) {
        Request hset = Request.cmd(Command.HSET).arg(key(offerId));
        fields.forEach((field, value) -> hset.arg(field).arg(value));
        return redis.send(hset).ifNoItem().after(readBudget).fail().replaceWithVoid();
    }

    private static Map<String, String> toMap(Response reply) {
        Map<String, String> fields = new HashMap<>();
        for (String[] pair : Replies.pairs(reply)) {
            fields.put(pair[0], pair[1]);
        }
        return fields;
    }
}
