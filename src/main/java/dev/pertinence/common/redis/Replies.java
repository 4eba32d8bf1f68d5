package dev.pertinence.common.redis;

import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;

/** Reads Redis replies the same way under RESP2 (flat arrays) and RESP3 (maps, nested pairs). */
public final class Replies {

    private Replies() {
    }

    /** Field-value pairs of HGETALL, or member-score pairs of a WITHSCORES range. */
    public static List<String[]> pairs(Response reply) {
        return pairs(reply == null ? null : reply.getDelegate());
    }

    /** A sorted-set member and its score, a whole number (epoch milliseconds, a version). */
    public record Scored(String member, long score) {
    }

    /**
     * Member-score pairs of a WITHSCORES range, scores read as whole numbers where they arrive: under
     * RESP3 a score is a double, which {@code toString()} formatted ("1.764026453836E12") only for it
     * to be parsed back, per member, on the decision path.
     */
    public static List<Scored> scored(io.vertx.redis.client.Response reply) {
        List<Scored> scored = new ArrayList<>(reply == null ? 0 : reply.size());
        forEachPair(reply, (member, score) -> scored.add(new Scored(member, wholeNumber(score))));
        return scored;
    }

    /** A score or count as a whole number: a RESP3 number as it is, a RESP2 bulk string parsed. */
    public static long wholeNumber(io.vertx.redis.client.Response value) {
        return value.type() == ResponseType.NUMBER ? value.toNumber().longValue() : wholeNumber(value.toString());
    }

    /**
     * A whole number written as digits or as a double ("1.764026453836E12" under RESP3), read without
     * an exception on the way: a NumberFormatException per member once cost a third of the decision
     * path's CPU (measured with async-profiler, docs/benchmarks.md).
     */
    public static long wholeNumber(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < '0' || c > '9') && !(i == 0 && c == '-')) {
                return (long) Double.parseDouble(value);
            }
        }
        return Long.parseLong(value);
    }

    public static List<String[]> pairs(io.vertx.redis.client.Response reply) {
        List<String[]> pairs = new ArrayList<>();
        forEachPair(reply, (key, value) -> pairs.add(new String[] {key, value.toString()}));
        return pairs;
    }

    /** Each pair of a reply, its first half as text: a RESP3 map, RESP3 nested pairs, or a RESP2 flat array. */
    private static void forEachPair(io.vertx.redis.client.Response reply, BiConsumer<String, io.vertx.redis.client.Response> pair) {
        if (reply == null || reply.size() == 0) {
            return;
        }
        if (reply.isMap()) {
            for (String key : reply.getKeys()) {
                pair.accept(key, reply.get(key));
            }
        } else if (reply.get(0).type() == ResponseType.MULTI) {
            for (io.vertx.redis.client.Response nested : reply) {
                pair.accept(nested.get(0).toString(), nested.get(1));
            }
        } else {
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                pair.accept(reply.get(i).toString(), reply.get(i + 1));
            }
        }
    }
}
