package dev.pertinence.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** The command line: the service's model settings and defaults, credentials from the environment, and every bad option named. */
class JobOptionsTest {

    @Test
    void defaultsAreTheServicesModelSettingsAndTheDatabaseIsThePurchasesOne() {
        JobOptions options = JobOptions.parse(new String[] {"--purchases", "jdbc:postgresql://db/pertinence", "--redis", "redis://r:6379"},
                Map.of("QUARKUS_DATASOURCE_USERNAME", "builder", "QUARKUS_DATASOURCE_PASSWORD", "s3cret"));
        assertEquals(3, options.minSupport());
        assertEquals(20, options.topK());
        assertEquals(100, options.maxBasketSize());
        assertEquals(Duration.ofDays(730), options.window());
        assertEquals(Duration.ofHours(1), options.previousVersionTtl());
        assertEquals(Duration.ofMinutes(3), options.lockTtl(), "short: renewed while the driver lives, gone soon after it dies");
        assertEquals("jdbc:postgresql://db/pertinence", options.products());
        assertEquals("jdbc:postgresql://db/pertinence", options.database());
        assertEquals(List.of("redis://r:6379"), options.redis());
        assertFalse(options.redisCluster());
        assertEquals("builder", options.dbUser());
        assertFalse(options.toString().contains("s3cret"));
        assertEquals("33", options.defaultPhoneCountryCode(), "the service's default");
    }

    @Test
    void theDefaultPhoneCountryCodeIsTheServicesSettingAndTheOptionWins() {
        String[] args = {"--purchases", "csv:/p", "--redis", "none"};
        Map<String, String> env = Map.of("PERTINENCE_IDENTITY_DEFAULT_PHONE_COUNTRY_CODE", "44");
        assertEquals("44", JobOptions.parse(args, env).defaultPhoneCountryCode(), "the service's variable");
        assertEquals("1", JobOptions.parse(new String[] {"--purchases", "csv:/p", "--redis", "none", "--default-phone-country-code", "1"},
                env).defaultPhoneCountryCode());
        assertEquals(null, JobOptions.parse(args, Map.of("PERTINENCE_IDENTITY_DEFAULT_PHONE_COUNTRY_CODE", "none"))
                .defaultPhoneCountryCode(), "none: national numbers refused, as in the service");
    }

    @Test
    void filesAndAClusterAndEveryModelSetting() {
        JobOptions options = JobOptions.parse(new String[] {"--purchases=csv:/exports/p.csv", "--redis",
                "redis://a:7000,redis://b:7001", "--redis-client-type", "cluster", "--min-support", "5", "--top-k", "10",
                "--max-basket-size", "50", "--window", "P365D", "--partitions", "64"}, Map.of());
        assertEquals("none", options.products());
        assertEquals(null, options.database(), "a file run is recorded only where --database says");
        assertEquals(List.of("redis://a:7000", "redis://b:7001"), options.redis());
        assertTrue(options.redisCluster());
        assertEquals(5, options.minSupport());
        assertEquals(10, options.topK());
        assertEquals(50, options.maxBasketSize());
        assertEquals(Duration.ofDays(365), options.window());
        assertEquals(64, options.partitions());
        assertFalse(JobOptions.parse(new String[] {"--purchases", "parquet:/p", "--redis", "none"}, Map.of()).writesRedis());
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "--redis redis://r                                      | --purchases: is required",
        "--purchases mysql://x --redis redis://r                 | --purchases: 'mysql://x' is not",
        "--purchases csv: --redis redis://r                      | --purchases: 'csv:' is not",
        "--purchases csv:/p                                      | --redis: is required",
        "--purchases csv:/p --redis localhost:6379               | --redis: 'localhost:6379' is not a redis:// URI",
        "--purchases csv:/p --redis none --min-support 0         | --min-support: '0' is not a whole number of at least 1",
        "--purchases csv:/p --redis none --top-k many            | --top-k: 'many' is not a whole number",
        "--purchases csv:/p --redis none --window 2y             | --window: '2y' is not a positive ISO-8601 duration",
        "--purchases csv:/p --redis none --window PT0S           | --window: 'PT0S' is not a positive",
        "--purchases csv:/p --redis none --colour red            | --colour: unknown option",
        "--purchases csv:/p --redis none --top-k                 | --top-k: has no value",
        "--purchases csv:/p --redis none --top-k 3 --top-k 4     | --top-k: given twice",
        "--purchases csv:/p --redis none extra                   | extra: not an option",
        "--purchases csv:/p --redis none --redis-client-type x   | --redis-client-type: must be standalone or cluster",
        "--purchases csv:/p --redis none --products json:/x      | --products: 'json:/x' is not",
        "--purchases csv:/p --redis none --database mysql://x    | --database: must be a jdbc:postgresql: URL",
        "--purchases csv:/p --redis none --default-phone-country-code +33 | --default-phone-country-code: '+33' is not 1-3 digits or none"})
    void everyBadOptionIsNamedWithTheUsage(String args, String message) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> JobOptions.parse(args.trim().split("\\s+"), Map.of()));
        assertTrue(refused.getMessage().startsWith(message.trim()), refused.getMessage());
        assertTrue(refused.getMessage().contains("usage: spark-submit"), refused.getMessage());
    }

    @Test
    void aRefusedUrlIsNamedWithoutItsPassword() {
        for (String[] args : new String[][] {{"--purchases", "mysql://db/p?password=hunter2", "--redis", "none"},
                {"--purchases", "csv:/p", "--redis", "http://:hunter2@r:6379"}}) {
            IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> JobOptions.parse(args, Map.of()));
            assertFalse(refused.getMessage().contains("hunter2"), refused.getMessage());
            assertTrue(refused.getMessage().contains("***"), refused.getMessage());
        }
    }

    @Test
    void passwordsInUrlsAreNeverPrinted() {
        assertEquals("redis://:***@host:6379", JobOptions.redact("redis://:secret@host:6379"));
        assertEquals("jdbc:postgresql://db/p?user=a&password=***", JobOptions.redact("jdbc:postgresql://db/p?user=a&password=x"));
    }
}
