package dev.pertinence.budget.store;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.redis.LuaScript;
import dev.pertinence.decision.OfferBudget;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.mutiny.redis.client.Redis;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The spending of offers' budgets in Redis (layout in {@link BudgetKeys}): read before a decision,
 * reserved atomically after it (never past the count, across replicas), confirmed by what spends
 * it, counted again from PostgreSQL when Redis lost its data.
 */
@ApplicationScoped
public class BudgetStore {

    /** Spent, and held by reservations younger than the hold. Read-only. */
    private static final LuaScript READ = new LuaScript("""
            return {tonumber(redis.call('GET', KEYS[2]) or '0'), redis.call('ZCOUNT', KEYS[1], '(' .. ARGV[1], '+inf')}""");

    /**
     * Drops the lapsed reservations, then holds one unit for the decision if spent + held stays
     * under the count and under the paced allowance. One script: two decisions on two replicas
     * cannot both take the last unit.
     */
    private static final LuaScript RESERVE = new LuaScript("""
            local now, hold = tonumber(ARGV[1]), tonumber(ARGV[2])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - hold)
            local taken = tonumber(redis.call('GET', KEYS[2]) or '0') + redis.call('ZCARD', KEYS[1])
            if taken >= tonumber(ARGV[4]) then return 'spent' end
            if taken >= tonumber(ARGV[5]) then return 'paced' end
            redis.call('ZADD', KEYS[1], now, ARGV[3])
            redis.call('PEXPIRE', KEYS[1], ARGV[6])
            return 'held'""");

    /**
     * Spends one unit for the decision: its reservation (if it has not lapsed) becomes spending.
     * Once per decision: a second confirmation within the memory changes nothing. Returns 1 when counted.
     */
    private static final LuaScript CONFIRM = new LuaScript("""
            local now, memory = tonumber(ARGV[2]), tonumber(ARGV[3])
            if redis.call('ZSCORE', KEYS[3], ARGV[1]) then return 0 end
            redis.call('ZREM', KEYS[1], ARGV[1])
            redis.call('INCR', KEYS[2])
            redis.call('PEXPIRE', KEYS[2], ARGV[4])
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', now - memory)
            redis.call('ZADD', KEYS[3], now, ARGV[1])
            redis.call('PEXPIRE', KEYS[3], ARGV[4])
            return 1""");

    /**
     * After a loss: the spending counted from PostgreSQL, never below what was confirmed since
     * (the larger wins), and the decisions whose outcome the sweep has still to apply marked as
     * confirmed (they are in the count already). Returns the spending now.
     */
    private static final LuaScript RESTORE = new LuaScript("""
            local counted = tonumber(ARGV[1])
            local current = tonumber(redis.call('GET', KEYS[1]) or '0')
            if counted > current then
              redis.call('SET', KEYS[1], counted, 'PX', ARGV[4])
              current = counted
            end
            for i = 5, #ARGV do
              redis.call('ZADD', KEYS[2], 'NX', ARGV[2], ARGV[i])
            end
            if #ARGV >= 5 then redis.call('PEXPIRE', KEYS[2], ARGV[4]) end
            return current""");

    private final Redis redis;
    private final io.vertx.redis.client.Redis core;
    private final Duration budget;
    private final Duration background;

    public BudgetStore(Redis redis, PertinenceConfig config) {
        this.redis = redis;
        this.core = redis.getDelegate();
        this.budget = config.redis().commandTimeout();
        this.background = config.redis().backgroundTimeout();
    }

    /** A window's spending: confirmed, and held now. */
    public record Spending(long spent, long held) {
    }

    /** What a reservation met: held for the decision, or refused because the count or the paced allowance is taken. */
    public enum Held {
        HELD, SPENT, PACED
    }

    /** On the decision path: the bare Vert.x client, a future. */
    public Future<Spending> read(String offerId, OfferBudget.Spend of, Instant windowStart, Instant lapsedBefore) {
        return READ.runNow(core, List.of(BudgetKeys.held(offerId, of, windowStart), BudgetKeys.spent(offerId, of, windowStart)),
                        List.of(String.valueOf(lapsedBefore.toEpochMilli())))
                .map(reply -> new Spending(reply.get(0).toLong(), reply.get(1).toLong()));
    }

    /** Holds one unit of the window for the decision, unless {@code count} or {@code allowance} is taken. */
    public Future<Held> reserve(String offerId, OfferBudget.Spend of, OfferBudget.Window window, String decisionId, Instant now,
                                Duration hold, long count, long allowance) {
        long ttl = Math.max(1, window.end().toEpochMilli() - now.toEpochMilli() + hold.toMillis());
        return RESERVE.runNow(core, List.of(BudgetKeys.held(offerId, of, window.start()), BudgetKeys.spent(offerId, of, window.start())),
                        List.of(String.valueOf(now.toEpochMilli()), String.valueOf(hold.toMillis()), decisionId,
                                String.valueOf(count), String.valueOf(allowance), String.valueOf(ttl)))
                .map(reply -> switch (reply.toString()) {
                    case "held" -> Held.HELD;
                    case "paced" -> Held.PACED;
                    default -> Held.SPENT;
                });
    }

    /** Gives back a unit the decision held and will not use (its offer was withdrawn after). */
    public Future<Void> release(String offerId, OfferBudget.Spend of, Instant windowStart, String decisionId) {
        return core.send(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.ZREM)
                        .arg(BudgetKeys.held(offerId, of, windowStart)).arg(decisionId))
                .mapEmpty();
    }

    /** Spends one unit of the window for the decision; true when counted (false: counted before). */
    public Uni<Boolean> confirm(String offerId, OfferBudget.Spend of, OfferBudget.Window window, String decisionId, Instant now,
                                Duration memory) {
        long ttl = Math.max(1, window.end().toEpochMilli() - now.toEpochMilli()) + memory.toMillis();
        return CONFIRM.run(redis, List.of(BudgetKeys.held(offerId, of, window.start()), BudgetKeys.spent(offerId, of, window.start()),
                                BudgetKeys.confirmed(offerId, of, window.start())),
                        List.of(decisionId, String.valueOf(now.toEpochMilli()), String.valueOf(memory.toMillis()), String.valueOf(ttl)))
                .ifNoItem().after(budget).fail()
                .map(reply -> reply.toLong() == 1);
    }

    /** The window's spending as PostgreSQL counts it (after a loss); returns the spending now. */
    public Uni<Long> restore(String offerId, OfferBudget.Spend of, OfferBudget.Window window, long counted, List<String> pending,
                             Instant now, Duration memory) {
        long ttl = Math.max(1, window.end().toEpochMilli() - now.toEpochMilli()) + memory.toMillis();
        List<String> args = new ArrayList<>(4 + pending.size());
        args.add(String.valueOf(counted));
        args.add(String.valueOf(now.toEpochMilli()));
        args.add(String.valueOf(memory.toMillis()));
        args.add(String.valueOf(ttl));
        args.addAll(pending);
        return RESTORE.run(redis, List.of(BudgetKeys.spent(offerId, of, window.start()), BudgetKeys.confirmed(offerId, of, window.start())),
                        args)
                .ifNoItem().after(background).fail()
                .map(reply -> reply.toLong());
    }

    /** Outside a decision (offer performance): the same read, with the command budget. */
    public Uni<Spending> readNow(String offerId, OfferBudget.Spend of, Instant windowStart, Instant lapsedBefore) {
        return Uni.createFrom().completionStage(() -> read(offerId, of, windowStart, lapsedBefore).toCompletionStage())
                .ifNoItem().after(budget).fail();
    }
}
