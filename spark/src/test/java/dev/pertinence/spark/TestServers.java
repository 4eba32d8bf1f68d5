package dev.pertinence.spark;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import org.apache.spark.sql.SparkSession;
import org.flywaydb.core.Flyway;
import redis.embedded.RedisServer;

/**
 * One local Spark, one embedded Redis and one embedded PostgreSQL (the service's schema, by its own
 * Flyway migrations) for all the module's tests: each starts once per test JVM.
 */
final class TestServers {

    private static SparkSession spark;
    private static RedisServer redis;
    private static int redisPort;
    private static EmbeddedPostgres postgres;

    private TestServers() {
    }

    static synchronized SparkSession spark() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("pertinence-spark-test")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "4")
                    .config("spark.default.parallelism", "4")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.sql.adaptive.enabled", "true")
                    .getOrCreate();
            spark.sparkContext().setLogLevel("WARN");
        }
        return spark;
    }

    static synchronized String redisUri() {
        try {
            if (redis == null) {
                redisPort = freePort();
                redis = RedisServer.newRedisServer().port(redisPort).bind("127.0.0.1")
                        .setting("save \"\"").setting("appendonly no").build();
                redis.start();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    try {
                        redis.stop();
                    } catch (IOException e) {
                        // the JVM is going away
                    }
                }));
            }
            return "redis://127.0.0.1:" + redisPort;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A JDBC URL of a database migrated to the service's schema (../src/main/resources/db/migration). */
    static synchronized String postgresUrl() {
        try {
            if (postgres == null) {
                postgres = EmbeddedPostgres.builder().setPort(freePort()).start();
                Flyway.configure().dataSource(postgres.getPostgresDatabase())
                        .locations("filesystem:../src/main/resources/db/migration").load().migrate();
            }
            return postgres.getJdbcUrl("postgres", "postgres");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
