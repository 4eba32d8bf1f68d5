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
 * Where the model goes: one Redis, or a Redis Cluster whose keys Jedis routes by slot. Serializable,
 * so each executor opens its own connection from it.
 */
record RedisTarget(List<String> uris, boolean cluster) implements Serializable {

    private static final int TIMEOUT_MILLIS = 10_000;

    UnifiedJedis open() {
        if (!cluster) {
            return new JedisPooled(URI.create(uris.get(0)), TIMEOUT_MILLIS);
        }
        Set<HostAndPort> seeds = new LinkedHashSet<>();
        DefaultJedisClientConfig.Builder config = DefaultJedisClientConfig.builder()
                .connectionTimeoutMillis(TIMEOUT_MILLIS).socketTimeoutMillis(TIMEOUT_MILLIS);
        for (String uri : uris) {
            URI parsed = URI.create(uri);
            seeds.add(new HostAndPort(parsed.getHost(), parsed.getPort() < 0 ? 6379 : parsed.getPort()));
            String userInfo = parsed.getUserInfo();
            if (userInfo != null) {
                int colon = userInfo.indexOf(':');
                if (colon > 0) {
                    config.user(userInfo.substring(0, colon));
                }
                config.password(colon >= 0 ? userInfo.substring(colon + 1) : userInfo);
            }
            config.ssl(uri.startsWith("rediss://"));
        }
        return new JedisCluster(seeds, config.build());
    }
}
