package dev.pertinence.contact.store;

import dev.pertinence.common.config.PertinenceConfig;
import dev.pertinence.common.redis.LuaScript;
import dev.pertinence.common.redis.Replies;
import dev.pertinence.decision.Cap;
import dev.pertinence.decision.ContactCaps;
import dev.pertinence.decision.ContactHistory;
import dev.pertinence.decision.Exposure;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * A person's contact state in Redis (layout in {@link ContactKeys}): read before a decision,
 * reserved atomically after it, updated by outcomes.
 */
@ApplicationScoped
public class ContactStore {

    /**
     * Counts what the caps count (contacts per channel and per day: distinct decisions; exposures
     * per offer), dropping reservations older than the hold, and reserves the offers that still
     * fit, in the order given, only if the contact itself fits. All in one script: two decisions
     * for the same person cannot both take the last place. Members: see {@link ContactKeys}.
     */
    private static final LuaScript RESERVE = new LuaScript("""
            local now, hold = tonumber(ARGV[1]), tonumber(ARGV[2])
            local decision, channel = ARGV[3], ARGV[4]
            local chanCap, chanWin = tonumber(ARGV[5]), tonumber(ARGV[6])
            local dayCap, dayWin = tonumber(ARGV[7]), tonumber(ARGV[8])
            local retention = tonumber(ARGV[9])
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '1000000000', '(' .. (now - retention))
            local longest = math.max(chanWin, dayWin, hold)
            for i = 10, #ARGV, 3 do
              longest = math.max(longest, tonumber(ARGV[i + 2]))
            end
            local live = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - longest), '+inf', 'WITHSCORES')
            local chanSeen, daySeen, perOffer, lapsed = {}, {}, {}, {}
            local nChan, nDay = 0, 0
            for i = 1, #live, 2 do
              local m, at = live[i], tonumber(live[i + 1])
              if string.sub(m, -1) == 'r' and at <= now - hold then
                lapsed[#lapsed + 1] = m
              else
                local first = string.find(m, '|', 1, true)
                local second = string.find(m, '|', first + 1, true)
                local d, o = string.sub(m, 1, first - 1), string.sub(m, first + 1, second - 1)
                local ch = string.sub(m, second + 1, -3)
                if chanCap > 0 and ch == channel and at > now - chanWin and not chanSeen[d] then
                  chanSeen[d] = true
                  nChan = nChan + 1
                end
                if at > now - dayWin and not daySeen[d] then
                  daySeen[d] = true
                  nDay = nDay + 1
                end
                local times = perOffer[o]
                if not times then
                  times = {}
                  perOffer[o] = times
                end
                times[#times + 1] = at
              end
            end
            if #lapsed > 0 then
              redis.call('ZREM', KEYS[1], unpack(lapsed))
            end
            local granted, add = {}, {}
            if (chanCap == 0 or nChan < chanCap) and nDay < dayCap then
              for i = 10, #ARGV, 3 do
                local o, cap, window = ARGV[i], tonumber(ARGV[i + 1]), tonumber(ARGV[i + 2])
                local shown = 0
                for _, at in ipairs(perOffer[o] or {}) do
                  if at > now - window then shown = shown + 1 end
                end
                if shown < cap then
                  granted[#granted + 1] = o
                  add[#add + 1] = now
                  add[#add + 1] = decision .. '|' .. o .. '|' .. channel .. '|r'
                end
              end
            end
            add[#add + 1] = tonumber(redis.call('ZSCORE', KEYS[1], '~v') or '0') + 1
            add[#add + 1] = '~v'
            redis.call('ZADD', KEYS[1], unpack(add))
            redis.call('PEXPIRE', KEYS[1], retention)
            return granted""");

    /**
     * The common case in three commands: nothing was reserved for the person since the decision
     * read their state (the version member {@code ~v} is unchanged), so the offers the decision
     * chose under its caps still fit; they are added, with the next version. Reservations the
     * decision saw lapse are removed on the way. Returns nil when the version moved: then
     * {@link #RESERVE} counts again.
     */
    private static final LuaScript RESERVE_IF_UNCHANGED = new LuaScript("""
            if tonumber(redis.call('ZSCORE', KEYS[1], '~v') or '0') ~= tonumber(ARGV[1]) then
              return false
            end
            local count = tonumber(ARGV[6])
            if count > 0 then
              local lapsed = {}
              for i = 7, 6 + count do lapsed[#lapsed + 1] = ARGV[i] end
              redis.call('ZREM', KEYS[1], unpack(lapsed))
            end
            local add = {}
            for i = 7 + count, #ARGV do
              add[#add + 1] = ARGV[2]
              add[#add + 1] = ARGV[4] .. '|' .. ARGV[i] .. '|' .. ARGV[5] .. '|r'
            end
            add[#add + 1] = tonumber(ARGV[1]) + 1
            add[#add + 1] = '~v'
            redis.call('ZADD', KEYS[1], unpack(add))
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            return 1""");

    /**
     * Applies one outcome to the person's state: moves the (decision, offer) member to its new
     * status. Idempotent and order-tolerant: an impression after an answer changes nothing, a
     * positive answer stands, a refusal dates the member to when it was refused (suppression
     * runs from then), and an answer without a reported impression counts as shown.
     */
    private static final LuaScript APPLY = new LuaScript("""
            local kind, base, at = ARGV[1], ARGV[2], ARGV[3]
            local retention, now = tonumber(ARGV[4]), tonumber(ARGV[5])
            local current, score = nil, nil
            for _, status in ipairs({'r', 's', '+', '-', 'x'}) do
              score = redis.call('ZSCORE', KEYS[1], base .. status)
              if score then
                current = status
                break
              end
            end
            local fresh = (not current) or current == 'r'
            local next = current
            if kind == 'impression' then
              if fresh then next = 's' end
            elseif kind == 'refuse' then
              if current ~= '+' then next = 'x' end
            elseif kind == 'dismiss' then
              if current ~= '+' and current ~= 'x' then next = '-' end
            else
              next = '+'
            end
            if fresh or (next == 'x' and current ~= 'x') then
              score = at
            end
            if next ~= current or score == at then
              if current then redis.call('ZREM', KEYS[1], base .. current) end
              redis.call('ZADD', KEYS[1], score, base .. next)
              if not current then redis.call('ZINCRBY', KEYS[1], 1, '~v') end
            end
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '1000000000', '(' .. (now - retention))
            redis.call('PEXPIRE', KEYS[1], retention)
            return next""");

    /**
     * Adds another person's members (pairs of score, member) to this person's state and moves the
     * version past both (so a decision that read either state before recounts). Idempotent.
     */
    private static final LuaScript FOLD = new LuaScript("""
            local version = math.max(tonumber(redis.call('ZSCORE', KEYS[1], '~v') or '0'), tonumber(ARGV[2]))
            for i = 3, #ARGV, 2 do
              redis.call('ZADD', KEYS[1], ARGV[i], ARGV[i + 1])
            end
            redis.call('ZADD', KEYS[1], version + 1, '~v')
            redis.call('PEXPIRE', KEYS[1], ARGV[1])
            return (#ARGV - 2) / 2""");

    /**
     * Restores members written before Redis lost its data (triples of member base
     * {@code <decision>|<offer>|<channel>|}, status and score), merged with what was written since:
     * a (decision, offer) already present keeps its status, except a reservation, which a restored
     * exposure replaces (as {@link #APPLY} would). Moves the version, so a decision that read the
     * state before counts again. Idempotent.
     */
    private static final LuaScript RESTORE = new LuaScript("""
            local retention, now = tonumber(ARGV[1]), tonumber(ARGV[2])
            local restored = 0
            for i = 3, #ARGV, 3 do
              local base, status, at = ARGV[i], ARGV[i + 1], ARGV[i + 2]
              local current = nil
              for _, s in ipairs({'r', 's', '+', '-', 'x'}) do
                if redis.call('ZSCORE', KEYS[1], base .. s) then
                  current = s
                  break
                end
              end
              if not current or (current == 'r' and status ~= 'r') then
                if current then redis.call('ZREM', KEYS[1], base .. current) end
                redis.call('ZADD', KEYS[1], at, base .. status)
                restored = restored + 1
              end
            end
            redis.call('ZINCRBY', KEYS[1], 1, '~v')
            redis.call('ZREMRANGEBYSCORE', KEYS[1], '1000000000', '(' .. (now - retention))
            redis.call('PEXPIRE', KEYS[1], retention)
            return restored""");

    private final Redis redis;
    private final io.vertx.redis.client.Redis core;
    private final io.micrometer.core.instrument.Counter unchanged;
    private final io.micrometer.core.instrument.Counter recounted;
    /** Outside a decision (which has its own): an outcome's, a merge's or an erasure's step. */
    private final Duration budget;

    public ContactStore(Redis redis, io.micrometer.core.instrument.MeterRegistry meters, PertinenceConfig config) {
        this.redis = redis;
        this.budget = config.redis().commandTimeout();
        this.core = redis.getDelegate();
        String description = "Reservations under contact caps, by path: unchanged state (3 commands) or counted again";
        this.unchanged = io.micrometer.core.instrument.Counter.builder("pertinence.contact.reservations")
                .tag("path", "unchanged").description(description).register(meters);
        this.recounted = io.micrometer.core.instrument.Counter.builder("pertinence.contact.reservations")
                .tag("path", "recounted").description(description).register(meters);
    }

    /**
     * What a decision read of a person's contact state: their history, the state's version (the
     * reservation checks it did not move), and the reservations it saw lapse (removed then).
     */
    public record ContactState(ContactHistory history, long version, List<String> lapsed) {
        public static final ContactState NONE = new ContactState(ContactHistory.NONE, 0, List.of());
    }

    /**
     * The person's exposures and refusals since {@code since}, newest first: two plain commands in
     * one round trip, no script. The version is read first: a reservation landing between the two
     * reads makes the later check fail safe (counted again), never pass wrongly. A refused
     * exposure is also a refusal, of its offer and of the offer's category.
     */
    public Future<ContactState> read(String customerId, Instant since, Instant lapsedBefore, Function<String, String> categoryOf) {
        String key = ContactKeys.contacts(customerId);
        return core.batch(List.of(io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.ZSCORE).arg(key).arg("~v"),
                        io.vertx.redis.client.Request.cmd(io.vertx.redis.client.Command.ZRANGEBYSCORE).arg(key)
                                .arg(since.toEpochMilli()).arg("+inf").arg("WITHSCORES")))
                .map(replies -> {
                    List<Replies.Scored> members = Replies.scored(replies.get(1));
                    List<String> lapsed = new ArrayList<>(0);
                    long lapsedAt = lapsedBefore.toEpochMilli();
                    for (Replies.Scored member : members) {
                        if (member.score() < lapsedAt && member.member().endsWith("|r")) {
                            lapsed.add(member.member());
                        }
                    }
                    return new ContactState(parse(members, categoryOf),
                            replies.get(0) == null ? 0 : Replies.wholeNumber(replies.get(0)), lapsed);
                });
    }

    static ContactHistory parse(List<Replies.Scored> members, Function<String, String> categoryOf) {
        List<Exposure> exposures = new ArrayList<>(members.size());
        List<ContactHistory.Refusal> refusals = new ArrayList<>(0);
        for (Replies.Scored member : members) {
            String m = member.member();
            int first = m.indexOf('|');
            int second = first < 0 ? -1 : m.indexOf('|', first + 1);
            int last = m.lastIndexOf('|');
            if (second < 0 || last <= second || last != m.length() - 2) {
                continue; // not a member this service wrote
            }
            Instant at = Instant.ofEpochMilli(member.score());
            String offerId = m.substring(first + 1, second);
            char status = m.charAt(last + 1);
            exposures.add(new Exposure(m.substring(0, first), offerId, m.substring(second + 1, last), at, status(status)));
            if (status == 'x') {
                refusals.add(new ContactHistory.Refusal(offerId, categoryOf.apply(offerId), at));
            }
        }
        exposures.sort(NEWEST_FIRST);
        refusals.sort(Comparator.comparing(ContactHistory.Refusal::at).reversed());
        return new ContactHistory(List.copyOf(exposures), List.copyOf(refusals));
    }

    private static final Comparator<Exposure> NEWEST_FIRST = Comparator.comparing(Exposure::at).reversed();

    private static Exposure.Status status(char code) {
        return switch (code) {
            case 'r' -> Exposure.Status.RESERVED;
            case '+' -> Exposure.Status.ANSWERED;
            case '-', 'x' -> Exposure.Status.DECLINED;
            default -> Exposure.Status.SHOWN;
        };
    }

    /**
     * Reserves, atomically, those of {@code offers} (best first, each with its frequency cap) that
     * the caps still allow for this decision; returns them. None when the contact itself is over a
     * cap. First the 3-command script for the state {@code seen} unchanged, else the recount.
     */
    public Future<Set<String>> reserve(String customerId, String decisionId, String channel, Map<String, Cap> offers,
                                    ContactCaps caps, Duration hold, Duration retention, Instant now, ContactState seen) {
        List<String> offerIds = List.copyOf(offers.keySet());
        List<String> fast = new ArrayList<>(6 + seen.lapsed().size() + offerIds.size());
        fast.add(String.valueOf(seen.version()));
        fast.add(String.valueOf(now.toEpochMilli()));
        fast.add(String.valueOf(retention.toMillis()));
        fast.add(decisionId);
        fast.add(channel);
        fast.add(String.valueOf(seen.lapsed().size()));
        fast.addAll(seen.lapsed());
        fast.addAll(offerIds);
        return RESERVE_IF_UNCHANGED.runNow(core, List.of(ContactKeys.contacts(customerId)), fast)
                .compose(reply -> {
                    if (reply != null) {
                        unchanged.increment();
                        return Future.succeededFuture(new HashSet<>(offerIds));
                    }
                    recounted.increment();
                    return reserveCounting(customerId, decisionId, channel, offers, caps, hold, retention, now);
                });
    }

    /** The full check: counts what the caps count, as they are now, and reserves what still fits. */
    private Future<Set<String>> reserveCounting(String customerId, String decisionId, String channel, Map<String, Cap> offers,
                                             ContactCaps caps, Duration hold, Duration retention, Instant now) {
        List<String> args = new ArrayList<>(9 + 3 * offers.size());
        args.add(String.valueOf(now.toEpochMilli()));
        args.add(String.valueOf(hold.toMillis()));
        args.add(decisionId);
        args.add(channel);
        args.add(String.valueOf(caps.channel() == null ? 0 : caps.channel().count()));
        args.add(String.valueOf(caps.channel() == null ? 0 : caps.channel().window().toMillis()));
        args.add(String.valueOf(caps.daily().count()));
        args.add(String.valueOf(caps.daily().window().toMillis()));
        args.add(String.valueOf(retention.toMillis()));
        offers.forEach((offerId, cap) -> {
            args.add(offerId);
            args.add(String.valueOf(cap.count()));
            args.add(String.valueOf(cap.window().toMillis()));
        });
        return RESERVE.runNow(core, List.of(ContactKeys.contacts(customerId)), args)
                .map(reply -> {
                    Set<String> granted = new HashSet<>();
                    reply.forEach(item -> granted.add(item.toString()));
                    return granted;
                });
    }

    /** Applies an outcome (impression, answer, refusal) to the person's state. */
    public Uni<Void> apply(String customerId, String type, String decisionId, String offerId, String channel, Instant at,
                           Duration retention, Instant now) {
        return APPLY.run(redis, List.of(ContactKeys.contacts(customerId)),
                        List.of(type, decisionId + "|" + offerId + "|" + channel + "|", String.valueOf(at.toEpochMilli()),
                                String.valueOf(retention.toMillis()), String.valueOf(now.toEpochMilli())))
                .ifNoItem().after(budget).fail()
                .replaceWithVoid();
    }

    /**
     * Folds one person's contact state into another's (a merge: their pressure must not reset).
     * Two keys in two hash slots, so two steps: read the one, add to the other. Returns how many
     * entries were folded. The emptied key is removed by {@link #forget} once the merge is committed.
     */
    public Uni<Integer> fold(String fromCustomerId, String intoCustomerId, Duration retention) {
        String from = ContactKeys.contacts(fromCustomerId);
        return redis.send(Request.cmd(Command.ZRANGE).arg(from).arg(0).arg(-1).arg("WITHSCORES"))
                .ifNoItem().after(budget).fail()
                .chain(reply -> {
            List<String> args = new ArrayList<>();
            args.add(String.valueOf(retention.toMillis()));
            args.add("0");
            for (Replies.Scored member : Replies.scored(reply.getDelegate())) {
                if (member.member().equals("~v")) {
                    args.set(1, String.valueOf(member.score()));
                } else {
                    args.add(String.valueOf(member.score()));
                    args.add(member.member());
                }
            }
            if (args.size() == 2) {
                return Uni.createFrom().item(0);
            }
            return FOLD.run(redis, List.of(ContactKeys.contacts(intoCustomerId)), args)
                    .ifNoItem().after(budget).fail()
                    .map(moved -> moved.toInteger());
        });
    }

    /** One member to restore: the (decision, offer) on a channel, its status code (r, s, +, -, x) and time. */
    public record Restored(String decisionId, String offerId, String channel, char status, Instant at) {
    }

    /** Restores a person's members from PostgreSQL after Redis lost its data ({@link #RESTORE}); returns how many were missing. */
    public Uni<Integer> restore(String customerId, List<Restored> members, Duration retention, Instant now, Duration budget) {
        List<String> args = new ArrayList<>(2 + 3 * members.size());
        args.add(String.valueOf(retention.toMillis()));
        args.add(String.valueOf(now.toEpochMilli()));
        for (Restored member : members) {
            args.add(member.decisionId() + "|" + member.offerId() + "|" + member.channel() + "|");
            args.add(String.valueOf(member.status()));
            args.add(String.valueOf(member.at().toEpochMilli()));
        }
        return RESTORE.run(redis, List.of(ContactKeys.contacts(customerId)), args)
                .ifNoItem().after(budget).fail()
                .map(restored -> restored.toInteger());
    }

    /** Removes every contact entry of a person (after a merge folded them elsewhere, or an erasure). */
    public Uni<Void> forget(String customerId) {
        return redis.send(Request.cmd(Command.DEL).arg(ContactKeys.contacts(customerId)))
                .ifNoItem().after(budget).fail()
                .replaceWithVoid();
    }
}
