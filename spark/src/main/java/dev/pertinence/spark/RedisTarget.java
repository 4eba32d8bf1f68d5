package dev.pertinence.spark;

import java.io.Serializable;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.JedisCluster;
import redis.clients.jedis.JedisPooled;
import redis.clients.jedis.UnifiedJedis;

/**
 * Where the model goes: one Redis, or a Redis Cluster whose keys Jedis routes by slot. Serializable, so each
 * executor opens its own connection from it. The password is the URI's, else {@code QUARKUS_REDIS_PASSWORD}
 * (the service's variable).
 */
record RedisTarget(List<String> uris, boolean cluster, String password) implements Serializable {

    private static final int TIMEOUT_MILLIS = 10_000;

    UnifiedJedis open() {
        Set<HostAndPort> nodes = new LinkedHashSet<>();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS);
        if (password != null && !password.isEmpty()) {
            config.password(password);
        }
        for (String uri : uris) {
            URI parsed = URI.create(uri);
            nodes.add(new HostAndPort(parsed.getHost(), parsed.getPort() < 0 ? 6379 : parsed.getPort()));
            String userInfo = parsed.getUserInfo();
            if (userInfo != null && !userInfo.isEmpty()) {
                int colon = userInfo.indexOf(':');
                if (colon > 0) {
                    config.user(userInfo.substring(0, colon));
                }
                config.password(colon >= 0 ? userInfo.substring(colon + 1) : userInfo);
            }
            config.ssl(uri.startsWith("rediss://"));
        }
        return cluster ? new JedisCluster(nodes, config.build()) : new JedisPooled(nodes.iterator().next(), config.build());
    }

    @Override
    public String toString() {
        return "RedisTarget[" + uris.stream().map(JobOptions::redact).toList() + (cluster ? ", cluster" : "") + "]";
    }
}
