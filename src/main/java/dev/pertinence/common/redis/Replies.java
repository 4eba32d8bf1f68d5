package dev.pertinence.common.redis;

import io.vertx.mutiny.redis.client.Response;
import io.vertx.redis.client.ResponseType;
import java.util.ArrayList;
import java.util.List;

/** Reads Redis replies the same way under RESP2 (flat arrays) and RESP3 (maps, nested pairs). */
public final class Replies {

    private Replies() {
    }

    /** Field-value pairs of HGETALL, or member-score pairs of a WITHSCORES range. */
    public static List<String[]> pairs(Response reply) {
        return pairs(reply == null ? null : reply.getDelegate());
    }

    public static List<String[]> pairs(io.vertx.redis.client.Response reply) {
        List<String[]> pairs = new ArrayList<>();
        if (reply == null || reply.size() == 0) {
            return pairs;
        }
        if (reply.isMap()) {
            for (String key : reply.getKeys()) {
                pairs.add(new String[] {key, reply.get(key).toString()});
            }
        } else if (reply.get(0).type() == ResponseType.MULTI) {
            for (io.vertx.redis.client.Response pair : reply) {
                pairs.add(new String[] {pair.get(0).toString(), pair.get(1).toString()});
            }
        } else {
            for (int i = 0; i + 1 < reply.size(); i += 2) {
                pairs.add(new String[] {reply.get(i).toString(), reply.get(i + 1).toString()});
            }
        }
        return pairs;
    }
}
