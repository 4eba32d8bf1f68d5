package dev.pertinence.common.redis;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Redis;
import io.vertx.mutiny.redis.client.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script run atomically by Redis: sent by its SHA-1 (EVALSHA), and in full only when the
 * server does not know it yet (after a restart or a failover). Every key it touches is passed in
 * KEYS and shares one hash slot, so it runs unchanged on Redis Cluster.
 */
public final class LuaScript {

    private final String source;
    private final String sha;

    public LuaScript(String source) {
        this.source = source;
        try {
            this.sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(source.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Uni<Response> run(Redis redis, List<String> keys, List<String> args) {
        return Uni.createFrom().completionStage(() -> runNow(redis.getDelegate(), keys, args).toCompletionStage())
                .map(reply -> reply == null ? null : Response.newInstance(reply));
    }

    /** The same on the bare Vert.x client: a future, no Mutiny operators (for the decision path). */
    public io.vertx.core.Future<io.vertx.redis.client.Response> runNow(io.vertx.redis.client.Redis redis, List<String> keys,
                                                                      List<String> args) {
        return redis.send(coreRequest(io.vertx.redis.client.Command.EVALSHA, sha, keys, args))
                .recover(failure -> String.valueOf(failure.getMessage()).startsWith("NOSCRIPT")
                        ? redis.send(coreRequest(io.vertx.redis.client.Command.EVAL, source, keys, args))
                        : io.vertx.core.Future.failedFuture(failure));
    }

    private static io.vertx.redis.client.Request coreRequest(io.vertx.redis.client.Command command, String script,
                                                             List<String> keys, List<String> args) {
        io.vertx.redis.client.Request request = io.vertx.redis.client.Request.cmd(command).arg(script).arg(keys.size());
        keys.forEach(request::arg);
        args.forEach(request::arg);
        return request;
    }
}
