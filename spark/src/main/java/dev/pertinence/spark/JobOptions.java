package dev.pertinence.spark;

import java.io.Serializable;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one run of the job reads, builds and writes. Model settings carry the names and defaults
 * of the service's {@code pertinence.model.*} (common/config/PertinenceConfig.java), so one
 * configuration reads the same on both sides. Database credentials come from the environment
 * ({@code QUARKUS_DATASOURCE_USERNAME}, {@code QUARKUS_DATASOURCE_PASSWORD}, {@code QUARKUS_REDIS_PASSWORD},
 * as the service reads them), never from the command line.
 *
 * @param purchases       {@code jdbc:postgresql://…}, {@code csv:PATH} (the service's import format) or {@code parquet:PATH}
 * @param products        where categories come from: {@code jdbc:postgresql://…}, {@code csv:PATH} (the product import
 *                        format), {@code parquet:PATH} or {@code none}; by default the purchases' database, else none
 * @param database        where the build is recorded (model_build) and, for a file, erased customers looked up; by
 *                        default the purchases' database, else none
 * @param redis           Redis URIs ({@code redis://host:port}, several seeds for a cluster), or {@code none}: build
 *                        and count only (measurements)
 * @param redisCluster    {@code --redis-client-type cluster}: route keys by slot
 * @param partitions      partitions of the JDBC read (by purchase id)
 * @param defaultPhoneCountryCode digits completing a national phone number in a file's customer column, as the service's
 *                        import reads it ({@code pertinence.identity.default-phone-country-code}: the option, else
 *                        {@code PERTINENCE_IDENTITY_DEFAULT_PHONE_COUNTRY_CODE}, else 33); null ({@code none}): refused
 */
public record JobOptions(
        String purchases,
        String products,
        String database,
        List<String> redis,
        boolean redisCluster,
        int partitions,
        int minSupport,
        int topK,
        int maxBasketSize,
        Duration window,
        Duration previousVersionTtl,
        Duration lockTtl,
        String defaultPhoneCountryCode,
        String dbUser,
        String dbPassword,
        String redisPassword) implements Serializable {

    public static final String USAGE = """
            usage: spark-submit --class dev.pertinence.spark.CoPurchaseJob pertinence-spark.jar
              --purchases jdbc:postgresql://HOST/DB | csv:PATH | parquet:PATH   (required)
              [--products jdbc:postgresql://… | csv:PATH | parquet:PATH | none]
              [--database jdbc:postgresql://…]      where the build is recorded (and, for a file, erasures looked up)
              [--redis redis://HOST:PORT[,redis://…] | none]   (required)
              [--redis-client-type standalone|cluster]
              [--partitions 8] [--min-support 3] [--top-k 20] [--max-basket-size 100] [--window P730D]
              [--previous-version-ttl PT1H] [--lock-ttl PT3M]
              [--default-phone-country-code 33|none]   national phone numbers of a file's customers (with --database)
            environment: QUARKUS_DATASOURCE_USERNAME, QUARKUS_DATASOURCE_PASSWORD, QUARKUS_REDIS_PASSWORD (optional),
              PERTINENCE_IDENTITY_DEFAULT_PHONE_COUNTRY_CODE (the service's setting; the option wins)""";

    private static final Set<String> NAMES = Set.of("purchases", "products", "database", "redis", "redis-client-type",
            "partitions", "min-support", "top-k", "max-basket-size", "window", "previous-version-ttl", "lock-ttl", "default-phone-country-code");

    public JobOptions {
        redis = List.copyOf(redis);
    }

    /** @throws IllegalArgumentException naming the option at fault, with the usage */
    public static JobOptions parse(String[] args, Map<String, String> env) {
        Map<String, String> given = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw invalid(arg, "not an option");
            }
            String name = arg.substring(2);
            String value;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            } else if (i + 1 < args.length) {
                value = args[++i];
            } else {
                throw invalid(arg, "has no value");
            }
            if (!NAMES.contains(name)) {
                throw invalid(arg, "unknown option");
            }
            if (given.put(name, value) != null) {
                throw invalid(arg, "given twice");
            }
        }
        String purchases = required(given, "purchases");
        source("purchases", purchases, false);
        boolean fromDatabase = purchases.startsWith("jdbc:");
        String products = given.getOrDefault("products", fromDatabase ? purchases : "none");
        source("products", products, true);
        String database = given.getOrDefault("database", fromDatabase ? purchases : null);
        if (database != null && !database.startsWith("jdbc:postgresql:")) {
            throw invalid("--database", "must be a jdbc:postgresql: URL");
        }
        String redis = required(given, "redis");
        List<String> uris = redis.equals("none") ? List.of() : List.of(redis.split(","));
        for (String uri : uris) {
            if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
                throw invalid("--redis", "'" + redact(uri) + "' is not a redis:// URI");
            }
        }
        String clientType = given.getOrDefault("redis-client-type", "standalone");
        if (!clientType.equals("standalone") && !clientType.equals("cluster")) {
            throw invalid("--redis-client-type", "must be standalone or cluster");
        }
        return new JobOptions(purchases, products, database, uris, clientType.equals("cluster"),
                positive(given, "partitions", 8), positive(given, "min-support", 3), positive(given, "top-k", 20),
                positive(given, "max-basket-size", 100), duration(given, "window", "P730D"),
                duration(given, "previous-version-ttl", "PT1H"), duration(given, "lock-ttl", "PT3M"), countryCode(given, env),
                env.get("QUARKUS_DATASOURCE_USERNAME"), env.get("QUARKUS_DATASOURCE_PASSWORD"), env.get("QUARKUS_REDIS_PASSWORD"));
    }

    public boolean writesRedis() {
        return !redis.isEmpty();
    }

    private static void source(String option, String value, boolean noneAllowed) {
        if (value.startsWith("jdbc:postgresql:") || (value.startsWith("csv:") || value.startsWith("parquet:")) && value.indexOf(':') < value.length() - 1
                || noneAllowed && value.equals("none")) {
            return;
        }
        throw invalid("--" + option, "'" + redact(value) + "' is not jdbc:postgresql:…, csv:PATH or parquet:PATH" + (noneAllowed ? " or none" : ""));
    }

    private static String required(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null || value.isBlank()) {
            throw invalid("--" + name, "is required");
        }
        return value;
    }

    private static int positive(Map<String, String> given, String name, int defaultValue) {
        String value = given.get(name);
        if (value == null) {
            return defaultValue;
        }
        try {
            int parsed = Integer.parseInt(value);
            if (parsed >= 1) {
                return parsed;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw invalid("--" + name, "'" + value + "' is not a whole number of at least 1");
    }

    private static Duration duration(Map<String, String> given, String name, String defaultValue) {
        String value = given.getOrDefault(name, defaultValue);
        try {
            Duration parsed = Duration.parse(value);
            if (!parsed.isNegative() && !parsed.isZero()) {
                return parsed;
            }
        } catch (DateTimeParseException e) {
            // refused below
        }
        throw invalid("--" + name, "'" + value + "' is not a positive ISO-8601 duration (P730D, PT1H)");
    }

    /** As the service's CustomerResolver reads its setting: 1-3 digits, or none. */
    private static String countryCode(Map<String, String> given, Map<String, String> env) {
        String value = given.getOrDefault("default-phone-country-code",
                env.getOrDefault("PERTINENCE_IDENTITY_DEFAULT_PHONE_COUNTRY_CODE", "33")).trim();
        if (value.equals("none")) {
            return null;
        }
        if (!value.matches("[1-9][0-9]{0,2}")) {
            throw invalid("--default-phone-country-code", "'" + value + "' is not 1-3 digits or none");
        }
        return value;
    }

    private static IllegalArgumentException invalid(String option, String problem) {
        return new IllegalArgumentException(option + ": " + problem + "\n" + USAGE);
    }

    @Override
    public String toString() {
        return "JobOptions[purchases=" + redact(purchases) + ", products=" + redact(products) + ", database=" + redact(database)
                + ", redis=" + redis.stream().map(JobOptions::redact).toList() + ", cluster=" + redisCluster + ", partitions=" + partitions
                + ", minSupport=" + minSupport + ", topK=" + topK + ", maxBasketSize=" + maxBasketSize + ", window=" + window + "]";
    }

    /** URLs may carry a password (redis://:secret@host, jdbc:…?password=…): never print it. */
    static String redact(String url) {
        return url == null ? null : url.replaceAll("(?i)(password=)[^&]*", "$1***").replaceAll("(//[^/@]*:)[^/@]*@", "$1***@");
    }
}
