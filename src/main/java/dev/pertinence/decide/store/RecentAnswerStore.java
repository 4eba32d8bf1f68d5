package dev.pertinence.decide.store;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Collection;
import java.util.List;

/**
 * The answers a person was given lately, per channel and placement, so that a refreshed screen gets
 * the same one back on any replica: one hash per person, {@code pertinence:{c:<id>}:recent} (the
 * person's slot, beside their contact state), field {@code <channel>|<placement>}, value the answer
 * as JSON. The key expires a refresh window after its last write; each value says when it was kept.
 */
@ApplicationScoped
public class RecentAnswerStore {

    private final Redis redis;

    public RecentAnswerStore(Redis redis) {
        this.redis = redis;
    }

    public static String key(String customerId) {
        return "pertinence:{c:" + customerId + "}:recent";
    }

    /** The answer kept for this channel and placement; null when none. */
    public Uni<String> read(String customerId, String field, Duration budget) {
        return redis.send(Request.cmd(Command.HGET).arg(key(customerId)).arg(field))
                .ifNoItem().after(budget).fail()
                .map(reply -> reply == null ? null : reply.toString());
    }

    /** Keeps the answer, the key living {@code window} from now (one slot: one batch on a cluster too). */
    public Uni<Void> write(String customerId, String field, String answer, Duration window, Duration budget) {
        String key = key(customerId);
        return redis.batch(List.of(Request.cmd(Command.HSET).arg(key).arg(field).arg(answer),
                        Request.cmd(Command.PEXPIRE).arg(key).arg(window.toMillis())))
                .ifNoItem().after(budget).fail()
                .replaceWithVoid();
    }

    /**
     * Every answer kept for each of these people (they bought something): one DEL each, at most 64 at a time (each key
     * in its own slot: no multi-key command on a cluster), within {@code budget} for all.
     */
    public Uni<Void> forget(Collection<String> customerIds, Duration budget) {
        return Multi.createFrom().iterable(customerIds)
                .onItem().transformToUni(id -> redis.send(Request.cmd(Command.DEL).arg(key(id)))).merge(64)
                .collect().last()
                .ifNoItem().after(budget).fail()
                .replaceWithVoid();
    }

    /** Every answer kept for the person (they answered an offer, were merged away or erased). */
    public Uni<Void> forget(String customerId, Duration budget) {
        return redis.send(Request.cmd(Command.DEL).arg(key(customerId)))
                .ifNoItem().after(budget).fail()
                .map(Response::toLong)
                .replaceWithVoid();
    }
}
