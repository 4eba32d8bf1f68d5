package dev.pertinence.contact.store;

import dev.pertinence.common.redis.LuaScript;
import dev.pertinence.common.redis.Replies;
import dev.pertinence.decision.ContactCaps;
import dev.pertinence.decision.ContactHistory;
import dev.pertinence.decision.Exposure;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Command;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Request;
import io.vertx.mutiny.redis.client.Response;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A person's contact state in Redis (layout in {@link ContactKeys}): read before a decision,
 * reserved atomically after it, updated by outcomes.
 */
@ApplicationScoped
public class ContactStore {

    /**
     * Counts what the caps count (contacts per channel and per day: distinct decisions; exposures
     * per offer), ignoring reservations older than the hold, and reserves the offers that still
     * fit, in the order given, only if the contact itself fits. All in one script: two decisions
     * for the same person cannot both take the last place.
     */
    private static final LuaScript RESERVE = new LuaScript("""
            local now, hold = tonumber(ARGV[1]), tonumber(ARGV[2])
            local decision, channel = ARGV[3], ARGV[4]
            local chanCap, chanWin = tonumber(ARGV[5]), tonumber(ARGV[6])
            local dayCap, dayWin = tonumber(ARGV[7]), tonumber(ARGV[8])
            local offerCap, offerWin = tonumber(ARGV[9]), tonumber(ARGV[10])
            local retention = tonumber(ARGV[11])
            local old = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', '(' .. (now - retention), 'LIMIT', 0, 200)
            for _, m in ipairs(old) do
              redis.call('HDEL', KEYS[2], string.match(m, '^(.*)|[^|]*$'))
              redis.call('ZREM', KEYS[1], m)
            end
            local longest = math.max(chanWin, dayWin, offerWin)
            local live = redis.call('ZRANGEBYSCORE', KEYS[1], '(' .. (now - longest), '+inf', 'WITHSCORES')
            local chanSeen, daySeen, perOffer = {}, {}, {}
            local nChan, nDay = 0, 0
            for i = 1, #live, 2 do
              local m, at = live[i], tonumber(live[i + 1])
              local key, ch = string.match(m, '^(.*)|([^|]*)$')
              local st = redis.call('HGET', KEYS[2], key)
              if st == 'r' and at <= now - hold then
                redis.call('ZREM', KEYS[1], m)
                redis.call('HDEL', KEYS[2], key)
              else
                local d, o = string.sub(key, 1, 36), string.sub(key, 38)
                if chanCap > 0 and ch == channel and at > now - chanWin and not chanSeen[d] then
                  chanSeen[d] = true
                  nChan = nChan + 1
                end
                if at > now - dayWin and not daySeen[d] then
                  daySeen[d] = true
                  nDay = nDay + 1
                end
                if at > now - offerWin then
                  perOffer[o] = (perOffer[o] or 0) + 1
                end
              end
            end
            local granted = {}
            if (chanCap == 0 or nChan < chanCap) and nDay < dayCap then
              for i = 12, #ARGV do
                local o = ARGV[i]
                if (perOffer[o] or 0) < offerCap then
                  local key = decision .. '|' .. o
                  redis.call('ZADD', KEYS[1], now, key .. '|' .. channel)
                  redis.call('HSET', KEYS[2], key, 'r')
                  granted[#granted + 1] = o
                end
              end
            end
            redis.call('PEXPIRE', KEYS[1], retention)
            redis.call('PEXPIRE', KEYS[2], retention)
            return granted""");

    /**
     * Applies one outcome to the person's state. Idempotent (the same member, the same field), and
     * order-tolerant: an impression after a response does not undo it, a positive answer stands.
     */
    private static final LuaScript APPLY = new LuaScript("""
            local kind, key, channel = ARGV[1], ARGV[2], ARGV[3]
            local at, retention = tonumber(ARGV[4]), tonumber(ARGV[5])
            local member = key .. '|' .. channel
            local current = redis.call('HGET', KEYS[2], key)
            if kind == 'impression' then
              if not current or current == 'r' then
                redis.call('HSET', KEYS[2], key, 's')
                redis.call('ZADD', KEYS[1], at, member)
              end
            else
              if current ~= '+' then
                redis.call('HSET', KEYS[2], key, (kind == 'refuse' or kind == 'dismiss') and '-' or '+')
              end
              if not current or current == 'r' then
                redis.call('ZADD', KEYS[1], at, member)
              end
              if kind == 'refuse' then
                redis.call('ZADD', KEYS[3], at, ARGV[6])
              end
            end
            local now = tonumber(ARGV[7])
            redis.call('ZREMRANGEBYSCORE', KEYS[3], '-inf', '(' .. (now - retention))
            for i = 1, 3 do redis.call('PEXPIRE', KEYS[i], retention) end
            return 1""");

    private final Redis redis;

    public ContactStore(Redis redis) {
        this.redis = redis;
    }

    /** The person's exposures and refusals since {@code since}, newest first: one round trip. */
    public Uni<ContactHistory> read(String customerId, Instant since) {
        String from = String.valueOf(since.toEpochMilli());
        return redis.batch(List.of(
                        Request.cmd(Command.ZRANGEBYSCORE).arg(ContactKeys.exposures(customerId)).arg(from).arg("+inf").arg("WITHSCORES"),
                        Request.cmd(Command.HGETALL).arg(ContactKeys.status(customerId)),
                        Request.cmd(Command.ZRANGEBYSCORE).arg(ContactKeys.refusals(customerId)).arg(from).arg("+inf").arg("WITHSCORES")))
                .map(replies -> toHistory(replies.get(0), replies.get(1), replies.get(2)));
    }

    private static ContactHistory toHistory(Response exposureReply, Response statusReply, Response refusalReply) {
        Map<String, String> statuses = new HashMap<>();
        for (String[] pair : Replies.pairs(statusReply)) {
            statuses.put(pair[0], pair[1]);
        }
        List<Exposure> exposures = new ArrayList<>();
        for (String[] pair : Replies.pairs(exposureReply)) {
            String member = pair[0];
            int lastBar = member.lastIndexOf('|');
            String key = member.substring(0, lastBar);
            if (key.length() < 38) {
                continue; // not a member this service wrote
            }
            exposures.add(new Exposure(key.substring(0, 36), key.substring(37), member.substring(lastBar + 1),
                    Instant.ofEpochMilli((long) Double.parseDouble(pair[1])), status(statuses.get(key))));
        }
        exposures.sort(Comparator.comparing(Exposure::at).reversed());
        List<ContactHistory.Refusal> refusals = new ArrayList<>();
        for (String[] pair : Replies.pairs(refusalReply)) {
            String[] parts = pair[0].split("\\|", 3);
            if (parts.length == 3) {
                refusals.add(new ContactHistory.Refusal(parts[1], parts[2].isEmpty() ? null : parts[2],
                        Instant.ofEpochMilli((long) Double.parseDouble(pair[1]))));
            }
        }
        refusals.sort(Comparator.comparing(ContactHistory.Refusal::at).reversed());
        return new ContactHistory(List.copyOf(exposures), List.copyOf(refusals));
    }

    private static Exposure.Status status(String code) {
        if (code == null) {
            return Exposure.Status.SHOWN;
        }
        return switch (code) {
            case "r" -> Exposure.Status.RESERVED;
            case "+" -> Exposure.Status.ANSWERED;
            case "-" -> Exposure.Status.DECLINED;
            default -> Exposure.Status.SHOWN;
        };
    }

    /**
     * Reserves, atomically, those of {@code offerIds} (best first) that the caps still allow for
     * this decision; returns them. None when the contact itself is over a cap.
     */
    public Uni<Set<String>> reserve(String customerId, String decisionId, String channel, List<String> offerIds,
                                    ContactCaps caps, Duration hold, Duration retention, Instant now) {
        List<String> args = new ArrayList<>(11 + offerIds.size());
        args.add(String.valueOf(now.toEpochMilli()));
        args.add(String.valueOf(hold.toMillis()));
        args.add(decisionId);
        args.add(channel);
        args.add(String.valueOf(caps.channel() == null ? 0 : caps.channel().count()));
        args.add(String.valueOf(caps.channel() == null ? 0 : caps.channel().window().toMillis()));
        args.add(String.valueOf(caps.daily().count()));
        args.add(String.valueOf(caps.daily().window().toMillis()));
        args.add(String.valueOf(caps.offer().count()));
        args.add(String.valueOf(caps.offer().window().toMillis()));
        args.add(String.valueOf(retention.toMillis()));
        args.addAll(offerIds);
        return RESERVE.run(redis, List.of(ContactKeys.exposures(customerId), ContactKeys.status(customerId)), args)
                .map(reply -> new HashSet<>(Replies.strings(reply)));
    }

    /** Applies an outcome (impression, response, refusal) to the person's state. */
    public Uni<Void> apply(String customerId, String type, String decisionId, String offerId, String channel,
                           String category, String eventId, Instant at, Duration retention, Instant now) {
        return APPLY.run(redis,
                        List.of(ContactKeys.exposures(customerId), ContactKeys.status(customerId), ContactKeys.refusals(customerId)),
                        List.of(type, decisionId + "|" + offerId, channel, String.valueOf(at.toEpochMilli()),
                                String.valueOf(retention.toMillis()), eventId + "|" + offerId + "|" + (category == null ? "" : category),
                                String.valueOf(now.toEpochMilli())))
                .replaceWithVoid();
    }
}
