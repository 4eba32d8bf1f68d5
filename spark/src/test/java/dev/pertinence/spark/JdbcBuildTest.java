package dev.pertinence.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pertinence.copurchase.CoPurchaseModel;
import dev.pertinence.copurchase.ModelBuild;
import dev.pertinence.copurchase.ModelCodec;
import dev.pertinence.copurchase.ModelKeys;
import dev.pertinence.decision.Neighbour;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.JedisPooled;

/**
 * The job reading the service's own tables (an embedded PostgreSQL migrated by the service's Flyway scripts)
 * with a partitioned JDBC read, recording its build in model_build with trigger 'spark', where
 * GET /v1/models/co-purchase/builds lists it (ModelBuildListTest in the service).
 */
class JdbcBuildTest {

    static final Map<String, String> ENV = Map.of("QUARKUS_DATASOURCE_USERNAME", "postgres", "QUARKUS_DATASOURCE_PASSWORD", "postgres");
    static Groceries groceries;
    static String url;

    @BeforeAll
    static void purchasesInPostgres() throws SQLException {
        groceries = new Groceries();
        url = TestServers.postgresUrl();
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
            db.setAutoCommit(false);
            db.createStatement().execute("INSERT INTO customer (id) VALUES ('alice') ON CONFLICT DO NOTHING");
            Set<String> skus = new HashSet<>();
            try (PreparedStatement product = db.prepareStatement("INSERT INTO product (sku, name, category) VALUES (?, ?, ?)");
                 PreparedStatement purchase = db.prepareStatement(
                         "INSERT INTO purchase (order_id, customer_id, sku, quantity, purchased_at) VALUES (?, ?, ?, ?, ?)")) {
                for (String line : groceries.csvLines) {
                    String[] f = line.split(",", -1);
                    if (skus.add(f[2])) {
                        product.setString(1, f[2]);
                        product.setString(2, f[2]);
                        product.setString(3, groceries.categories.get(f[2]));
                        product.addBatch();
                    }
                    purchase.setString(1, f[0].isEmpty() ? null : f[0]);
                    purchase.setString(2, f[1].isEmpty() ? null : f[1]);
                    purchase.setString(3, f[2]);
                    purchase.setInt(4, Integer.parseInt(f[3]));
                    purchase.setTimestamp(5, Timestamp.from(Instant.parse(f[5])));
                    purchase.addBatch();
                }
                product.executeBatch();
                purchase.executeBatch();
            }
            db.commit();
        }
    }

    private static JobOptions options(String... extra) {
        String[] base = {"--purchases", url, "--redis", TestServers.redisUri(), "--partitions", "3"};
        String[] args = java.util.Arrays.copyOf(base, base.length + extra.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return JobOptions.parse(args, ENV);
    }

    @Test
    void buildsFromTheServicesTablesAndRecordsTheBuildAsSpark() throws SQLException {
        JedisPooled redis = new JedisPooled(java.net.URI.create(TestServers.redisUri()));
        redis.del(ModelKeys.BUILD_LOCK);
        CoPurchaseJob.Outcome outcome = new CoPurchaseJob(TestServers.spark(), options(), Clock.systemUTC()).run();
        CoPurchaseModel expected = groceries.counted(3, 20, 100);

        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement select = db.prepareStatement("""
                     SELECT status, trigger, model_version, baskets, items, pairs, neighbours, min_support, top_k,
                            started_at, finished_at, duration_ms FROM model_build WHERE id = ?""")) {
            select.setObject(1, outcome.id());
            try (ResultSet row = select.executeQuery()) {
                assertTrue(row.next(), "the build is recorded");
                assertEquals("succeeded", row.getString("status"));
                assertEquals("spark", row.getString("trigger"));
                assertEquals(outcome.version(), row.getString("model_version"));
                assertEquals(expected.baskets(), row.getLong("baskets"));
                assertEquals(expected.items(), row.getInt("items"));
                assertEquals(expected.pairs(), row.getLong("pairs"));
                assertEquals(expected.neighbourCount(), row.getLong("neighbours"));
                assertEquals(3, row.getInt("min_support"));
                assertEquals(20, row.getInt("top_k"));
                assertTrue(row.getLong("duration_ms") >= 0);
                assertTrue(!row.getTimestamp("finished_at").before(row.getTimestamp("started_at")));
            }
        }
        assertEquals(outcome.version(), redis.get(ModelKeys.ACTIVE));
        Map<String, List<Neighbour>> written = new HashMap<>();
        redis.hgetAll(ModelKeys.version(outcome.version())).forEach((field, value) -> {
            if (field.startsWith("n:")) {
                written.put(field.substring(2), ModelCodec.decodeNeighbours(value));
            }
        });
        Models.assertSameNeighbours(expected.neighbours(), written);
        Models.assertSameShares(expected.popularity().byCategory(),
                ModelCodec.decodeShares(redis.hget(ModelKeys.version(outcome.version()), ModelKeys.POPULAR_CATEGORIES)),
                "categories read from the product table");
    }

    @Test
    void aFailedBuildIsRecordedAsFailedWithItsReason() throws SQLException {
        new JedisPooled(java.net.URI.create(TestServers.redisUri())).del(ModelKeys.BUILD_LOCK);
        assertThrows(RuntimeException.class, () -> new CoPurchaseJob(TestServers.spark(),
                options("--products", "csv:/nonexistent/products.csv"), Clock.systemUTC()).run());
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
             ResultSet row = db.createStatement().executeQuery(
                     "SELECT status, error, finished_at FROM model_build WHERE trigger = 'spark' AND status <> 'succeeded'")) {
            assertTrue(row.next());
            assertEquals("failed", row.getString("status"));
            assertTrue(row.getString("error").contains("/nonexistent/products.csv"), row.getString("error"));
            assertTrue(row.getTimestamp("finished_at") != null);
            assertTrue(!row.next(), "one failed build");
        }
    }

    @Test
    void withoutCredentialsTheDatabaseRefusesAndNothingIsWritten() {
        JedisPooled redis = new JedisPooled(java.net.URI.create(TestServers.redisUri()));
        redis.del(ModelKeys.BUILD_LOCK);
        JobOptions anonymous = JobOptions.parse(new String[] {"--purchases", url.replaceAll("\\?.*", ""), "--redis",
                TestServers.redisUri()}, Map.of());
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> new CoPurchaseJob(TestServers.spark(), anonymous, Clock.systemUTC()).run());
        assertTrue(refused.getMessage().startsWith("cannot record the build in model_build"), refused.getMessage());
        assertEquals(null, redis.get(ModelKeys.BUILD_LOCK), "the lock is freed");
    }

    /** A service build killed with -9 (or a Spark driver evicted) leaves its row running; its lock expires in minutes. */
    @Test
    void theNextBuildMarksABuildThatDiedHoldingTheLockAsAbandoned() throws SQLException {
        new JedisPooled(java.net.URI.create(TestServers.redisUri())).del(ModelKeys.BUILD_LOCK); // the dead build's lock expired
        java.util.UUID dead = java.util.UUID.randomUUID();
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement insert = db.prepareStatement("""
                     INSERT INTO model_build (id, status, trigger, requested_at, started_at, min_support, top_k)
                     VALUES (?, 'running', 'schedule', now() - interval '1 hour', now() - interval '1 hour', 3, 20)""")) {
            insert.setObject(1, dead);
            insert.executeUpdate();
        }
        CoPurchaseJob.Outcome outcome = new CoPurchaseJob(TestServers.spark(), options(), Clock.systemUTC()).run();
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement select = db.prepareStatement("SELECT id, status, error, finished_at, duration_ms FROM model_build WHERE id IN (?, ?)")) {
            select.setObject(1, dead);
            select.setObject(2, outcome.id());
            Map<String, String> status = new HashMap<>();
            try (ResultSet row = select.executeQuery()) {
                while (row.next()) {
                    status.put(row.getString("id"), row.getString("status") + ": " + row.getString("error"));
                    if (row.getString("id").equals(dead.toString())) {
                        assertTrue(row.getTimestamp("finished_at") != null);
                        assertTrue(row.getLong("duration_ms") >= 3_600_000, "from its start to now: " + row.getLong("duration_ms"));
                    }
                }
            }
            assertEquals(Map.of(dead.toString(), "failed: " + ModelBuild.ABANDONED, outcome.id().toString(), "succeeded: null"), status);
        }
    }

    /**
     * An export taken before an erasure: with --database, the lines of a customer the database no longer knows are
     * left out before counting; a customer known by id, identifier or merged-away id, and lines without one, stay.
     */
    @Test
    void aFileExportLosesTheLinesOfCustomersErasedSinceItWasTaken(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
            throws Exception {
        known("carol", "email:carol@example.com=email", "dave-merged=merged");
        String at = groceries.now.minus(1, java.time.temporal.ChronoUnit.DAYS).toString();
        List<String> export = new java.util.ArrayList<>(List.of(PurchaseSource.CSV_HEADER));
        for (int i = 0; i < 4; i++) {
            // bob was erased after the export: nothing in the database names him any more
            export.add("x-bob-" + i + ",bob,caviar,1,," + at);
            export.add("x-bob-" + i + ",bob,truffles,1,," + at);
            // carol by her id, her email and an id merged into hers; and an order without a customer
            String[] who = {"carol", "email:carol@example.com", "dave-merged", ""};
            export.add("x-c-" + i + "," + who[i] + ",caviar,1,," + at);
            export.add("x-c-" + i + "," + who[i] + ",champagne,1,," + at);
            export.add("x-other-" + i + ",,bread,1,," + at); // baskets without either: a lift above 1
        }
        java.nio.file.Path file = directory.resolve("export.csv");
        java.nio.file.Files.write(file, export);
        String[] args = {"--purchases", "csv:" + file, "--redis", "none", "--min-support", "2"};

        Map<String, String> unfiltered = neighbours(JobOptions.parse(args, ENV));
        assertTrue(unfiltered.get("caviar").contains("truffles"), "without --database the export is taken as it is: " + unfiltered);

        String[] withDatabase = java.util.Arrays.copyOf(args, args.length + 2);
        withDatabase[args.length] = "--database";
        withDatabase[args.length + 1] = url;
        Map<String, String> filtered = neighbours(JobOptions.parse(withDatabase, ENV));
        assertTrue(filtered.get("caviar").contains("champagne"), "known customers' lines count: " + filtered);
        assertTrue(!filtered.get("caviar").contains("truffles"), "the erased customer's do not: " + filtered);
        assertTrue(!filtered.containsKey("truffles"), filtered.toString());
    }

    /**
     * The export's customer column is what the import was given, in any spelling: it is read as the import reads it
     * (the service's CustomerReference, national phone numbers completed by the service's country code) before the
     * look-up, so a known customer's lines stay whatever the case of their e-mail or the form of their phone number,
     * and name the customer the import would store them under; a reference the import refuses is left out, counted.
     */
    @Test
    void aFileExportsCustomersAreReadAsTheImportSpellsThem(@org.junit.jupiter.api.io.TempDir java.nio.file.Path directory)
            throws Exception {
        known("erin", "email:erin@example.com=email", "phone:+33612345678=phone");
        Instant at = groceries.now.minus(1, java.time.temporal.ChronoUnit.DAYS);
        java.nio.file.Path file = directory.resolve("export.csv");
        java.nio.file.Files.write(file, List.of(PurchaseSource.CSV_HEADER,
                "x-e-1,EMAIL:Erin@Example.COM,oysters,1,," + at,
                "x-e-2,phone:06 12 34 56 78,lemon,1,," + at,
                ",Email: erin@EXAMPLE.com ,bread,1,," + at, // no order: erin's day, whichever way she is named
                ",phone:+33 (0)6 12 34 56 78,butter,1,," + at,
                "x-u-1,email:not-an-address,vinegar,1,," + at, // the import refuses these two
                "x-u-2,phone:12,vinegar,1,," + at,
                "x-b-1,bob,caviar,1,," + at)); // erased
        JobOptions options = JobOptions.parse(new String[] {"--purchases", "csv:" + file, "--redis", "none", "--database", url}, ENV);
        TestServers.spark().conf().set("spark.sql.session.timeZone", "UTC");
        PurchaseSource.LeftOut leftOut = PurchaseSource.LeftOut.in(TestServers.spark());
        Map<String, Set<String>> baskets = new java.util.TreeMap<>();
        PurchaseSource.baskets(TestServers.spark(), options, groceries.now.minus(options.window()), leftOut, null).collectAsList()
                .forEach(row -> baskets.computeIfAbsent(row.getString(0), basket -> new java.util.TreeSet<>()).add(row.getString(1)));
        assertEquals(Map.of("o:x-e-1", Set.of("oysters"), "o:x-e-2", Set.of("lemon"),
                "c:erin:" + at.toString().substring(0, 10), Set.of("bread", "butter")), baskets);
        assertEquals(2, leftOut.unreadable().value(), "references the import refuses");
        assertEquals(1, leftOut.erased().value(), "a customer the database does not know");
    }

    /** The partitions of the JDBC read and its bounds see one state of the table: the snapshot the driver exported. */
    @Test
    void everyPartitionReadsTheSnapshotTheBuildStartedFrom() throws SQLException {
        JobOptions options = JobOptions.parse(new String[] {"--purchases", url, "--redis", "none", "--partitions", "3"}, ENV);
        Instant since = groceries.now.minus(options.window());
        try (DatabaseSnapshot snapshot = DatabaseSnapshot.export(url, PurchaseSource.credentials(options));
             Connection db = DriverManager.getConnection(url, "postgres", "postgres")) {
            org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> lines = PurchaseSource.baskets(TestServers.spark(), options, since,
                    PurchaseSource.LeftOut.in(TestServers.spark()), snapshot);
            // committed after the snapshot, before any partition reads: the last range (open above) would see it
            db.createStatement().execute("""
                    INSERT INTO purchase (order_id, sku, quantity, purchased_at) VALUES ('late-1', 'whole milk', 1, now())""");
            try {
                assertEquals(3, lines.rdd().getNumPartitions());
                assertEquals(0, lines.filter(org.apache.spark.sql.functions.col("basket").equalTo("o:late-1")).count(),
                        "a line committed after the snapshot is not read");
                assertEquals(groceries.csvLines.size() - 2, lines.count(), "every line of the window, as of the snapshot");
            } finally {
                db.createStatement().execute("DELETE FROM purchase WHERE order_id = 'late-1'");
            }
        }
    }

    /**
     * The snapshot's connection sits idle in its transaction while the build counts: a server or role
     * idle_in_transaction_session_timeout shorter than the build must not end it (here 300 ms, as a role's setting).
     */
    @Test
    void theSnapshotOutlivesTheServersIdleInTransactionTimeout() throws Exception {
        String strict = url + (url.contains("?") ? "&" : "?") + "options=-c%20idle_in_transaction_session_timeout%3D300";
        JobOptions options = JobOptions.parse(new String[] {"--purchases", strict, "--redis", "none"}, ENV);
        try (DatabaseSnapshot snapshot = DatabaseSnapshot.export(strict, PurchaseSource.credentials(options))) {
            Thread.sleep(1_000);
            try (java.sql.Statement statement = snapshot.connection().createStatement();
                 ResultSet alive = statement.executeQuery("SELECT count(*) FROM purchase")) {
                assertTrue(alive.next(), "the exporting transaction is still open");
            }
            try (Connection partition = DriverManager.getConnection(strict, PurchaseSource.credentials(options))) {
                partition.setAutoCommit(false);
                for (String adopt : snapshot.adoptedBy(new java.util.Properties()).getProperty("sessionInitStatement").split("; ")) {
                    partition.createStatement().execute(adopt); // a partition can still adopt its snapshot
                }
                partition.rollback();
            }
        }
    }

    /** A customer the database knows, with identifiers given as {@code reference=type}, as the service stores them. */
    private static void known(String customer, String... identifiers) throws SQLException {
        try (Connection db = DriverManager.getConnection(url, "postgres", "postgres");
             PreparedStatement insertCustomer = db.prepareStatement("INSERT INTO customer (id) VALUES (?) ON CONFLICT DO NOTHING");
             PreparedStatement insertIdentifier = db.prepareStatement("""
                     INSERT INTO customer_identifier (reference, type, customer_id, source) VALUES (?, ?, ?, 'test')
                     ON CONFLICT DO NOTHING""")) {
            insertCustomer.setString(1, customer);
            insertCustomer.executeUpdate();
            for (String identifier : identifiers) {
                String[] referenceAndType = identifier.split("=");
                insertIdentifier.setString(1, referenceAndType[0]);
                insertIdentifier.setString(2, referenceAndType[1]);
                insertIdentifier.setString(3, customer);
                insertIdentifier.executeUpdate();
            }
        }
    }

    private static Map<String, String> neighbours(JobOptions options) {
        Map<String, String> bySku = new HashMap<>();
        new CoPurchaseJob(TestServers.spark(), options, Clock.systemUTC()).count(Instant.now()).neighbours().collectAsList()
                .forEach(row -> bySku.put(row._1(), row._2()));
        return bySku;
    }
}
