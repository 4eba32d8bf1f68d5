package dev.pertinence.spark;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.date_format;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.raise_error;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import dev.pertinence.identity.CustomerReference;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Properties;
import org.apache.spark.api.java.function.FilterFunction;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.util.LongAccumulator;

/**
 * Reads purchase lines as {@code (basket, sku)} rows, with the service's basket definition
 * (ModelBuildService.BASKETS): an order; without an order id, a customer's purchases on one UTC
 * day; without either, the line alone. Lines older than the window are not read.
 */
final class PurchaseSource {

    /** The service's purchase import header (purchase/service/PurchaseCsv.HEADER). */
    static final String CSV_HEADER = "order_id,customer_id,sku,quantity,price,timestamp";

    private PurchaseSource() {
    }

    /** What a file's customer filter (with {@code --database} only) left out, counted on the executors. */
    record LeftOut(LongAccumulator erased, LongAccumulator unreadable) {
        static LeftOut in(SparkSession spark) {
            return new LeftOut(spark.sparkContext().longAccumulator("lines of customers no longer known"),
                    spark.sparkContext().longAccumulator("lines whose customer reference the import would refuse"));
        }
    }

    /**
     * @param leftOut counts the lines of a file export left out because their customer was erased since, or their
     *                customer reference is one the import refuses (with {@code --database} only)
     */
    static Dataset<Row> baskets(SparkSession spark, JobOptions options, Instant since, LeftOut leftOut,
                                DatabaseSnapshot snapshot) {
        String source = options.purchases();
        Dataset<Row> lines;
        if (source.startsWith("jdbc:")) {
            lines = fromDatabase(spark, options, since, snapshot);
        } else {
            lines = source.startsWith("csv:")
                    ? fromFile(spark.read().option("header", "true").csv(path(source)), true)
                    : fromFile(spark.read().parquet(path(source)), false);
            if (options.database() != null) {
                lines = withoutErased(spark, options, lines, leftOut);
            }
        }
        return lines.filter(col("purchased_at").geq(lit(Timestamp.from(since))))
                .select(basketKey().as("basket"), col("sku"));
    }

    /** Categories as {@code (sku, category)}, known categories only; from the purchases' snapshot when in their database. */
    static Dataset<Row> categories(SparkSession spark, JobOptions options, DatabaseSnapshot snapshot) {
        String source = options.products();
        Dataset<Row> products;
        if (source.equals("none")) {
            return spark.sql("SELECT CAST(NULL AS STRING) AS sku, CAST(NULL AS STRING) AS category WHERE false");
        } else if (source.startsWith("jdbc:")) {
            products = spark.read().jdbc(source, "(SELECT sku, category FROM product WHERE category IS NOT NULL) p",
                    snapshot != null && source.equals(options.purchases()) ? snapshot.adoptedBy(credentials(options)) : credentials(options));
        } else if (source.startsWith("csv:")) {
            products = spark.read().option("header", "true").csv(path(source));
        } else {
            products = spark.read().parquet(path(source));
        }
        return products.select(trim(col("sku")).as("sku"), col("category").cast("string").as("category"))
                .filter(col("sku").isNotNull().and(col("category").isNotNull()).and(col("category").notEqual("")))
                .dropDuplicates("sku");
    }

    /**
     * A file export taken before an erasure still holds the erased person's lines; the database no longer names
     * them anywhere (the erasure deletes the customer, their identifiers and merged-away ids, and keeps no list of
     * whom it erased: docs/privacy.md). So a line is kept when it has no customer or its customer is known there,
     * as a customer id, an identifier or a merged-away id (what the import resolves), and left out otherwise:
     * erased, or never known to the service (an export from elsewhere: such lines are dropped too, and counted).
     * The file's reference is first spelt as the import stores it ({@link #customerKey}: {@code EMAIL:Jane@X.com}
     * is {@code email:jane@x.com}, {@code phone:06 12 34 56 78} is {@code phone:+33612345678}); a reference the import
     * refuses is left out and counted apart. A kept line names the customer the import would store it under (the
     * identifier's or merged-away id's customer): its basket is that customer's day, as in the service.
     */
    private static Dataset<Row> withoutErased(SparkSession spark, JobOptions options, Dataset<Row> lines, LeftOut leftOut) {
        // an identifier's customer first, as the import resolves (PurchaseWriter.RESOLVE_CUSTOMERS), then ids
        Dataset<Row> known = spark.read().jdbc(options.database(), """
                (SELECT DISTINCT ON (reference) reference AS known_reference, customer_id AS known_customer
                 FROM (SELECT reference, customer_id, 0 AS rank FROM customer_identifier
                       UNION ALL SELECT id, id, 1 FROM customer) r
                 ORDER BY reference, rank) known""", credentials(options));
        String countryCode = options.defaultPhoneCountryCode();
        UserDefinedFunction importKey = udf((UDF1<String, String>) raw -> customerKey(raw, countryCode), DataTypes.StringType);
        LongAccumulator erased = leftOut.erased();
        LongAccumulator unreadable = leftOut.unreadable();
        Dataset<Row> keyed = lines.withColumn("customer_key", importKey.apply(col("customer_id")));
        return keyed.join(known, keyed.col("customer_key").equalTo(known.col("known_reference")), "left")
                .filter((FilterFunction<Row>) line -> {
                    if (line.isNullAt(line.fieldIndex("customer_id"))) {
                        return true;
                    }
                    if (line.isNullAt(line.fieldIndex("customer_key"))) {
                        unreadable.add(1);
                        return false;
                    }
                    if (line.isNullAt(line.fieldIndex("known_customer"))) {
                        erased.add(1);
                        return false;
                    }
                    return true;
                })
                .withColumn("customer_id", col("known_customer"))
                .drop("customer_key", "known_reference", "known_customer");
    }

    /**
     * A file's customer column as the import stores it ({@code CustomerReference.parse(raw, code).key()}, the service's
     * own code), or null where the import refuses it (it would refuse the whole file).
     */
    static String customerKey(String raw, String defaultCountryCode) {
        if (raw == null) {
            return null;
        }
        try {
            return CustomerReference.parse(raw, defaultCountryCode).key();
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** The same expression as the service's SQL; the session's time zone is UTC (CoPurchaseJob). */
    private static Column basketKey() {
        return coalesce(
                concat(lit("o:"), col("order_id")),
                concat(lit("c:"), col("customer_id"), lit(":"), date_format(col("purchased_at"), "yyyy-MM-dd")),
                concat(lit("l:"), col("id").cast("string")));
    }

    /**
     * A partitioned read by purchase id: each of {@code partitions} executors' tasks reads one id range. The
     * bounds are read first, within the window; the window is applied in PostgreSQL too (purchase_newest_index).
     * The bounds and every range are read in one snapshot ({@link DatabaseSnapshot}): one state of the table.
     */
    private static Dataset<Row> fromDatabase(SparkSession spark, JobOptions options, Instant since, DatabaseSnapshot snapshot) {
        long lower = 0;
        long upper = 0;
        try (PreparedStatement bounds = snapshot.connection().prepareStatement("SELECT min(id), max(id) FROM purchase WHERE purchased_at >= ?")) {
            bounds.setTimestamp(1, Timestamp.from(since));
            try (ResultSet rows = bounds.executeQuery()) {
                if (rows.next() && rows.getObject(1) != null) {
                    lower = rows.getLong(1);
                    upper = rows.getLong(2);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read purchase id bounds: " + e.getMessage(), e);
        }
        String table = "(SELECT id, order_id, customer_id, sku, purchased_at FROM purchase WHERE purchased_at >= TIMESTAMPTZ '"
                + since + "') purchases";
        Properties properties = snapshot.adoptedBy(credentials(options));
        int partitions = upper > lower ? options.partitions() : 1;
        return spark.read().jdbc(options.purchases(), table, "id", lower, upper + 1, partitions, properties);
    }

    /**
     * A file in the import format. A line without a SKU or with an unreadable timestamp fails the build, as it
     * refuses the whole file in the service's import, rather than being skipped unnoticed.
     */
    private static Dataset<Row> fromFile(Dataset<Row> raw, boolean csv) {
        String[] columns = raw.columns();
        boolean hasTimestamp = Arrays.asList(columns).contains("timestamp");
        if (csv && !String.join(",", columns).equalsIgnoreCase(CSV_HEADER)) {
            throw new IllegalArgumentException("--purchases: the CSV header must be " + CSV_HEADER + ", found " + String.join(",", columns));
        }
        Column time = col(hasTimestamp ? "timestamp" : "purchased_at");
        Column parsed = time.try_cast("timestamp");
        Column sku = trim(col("sku"));
        return raw.select(
                monotonically_increasing_id().as("id"),
                emptyAsNull(col("order_id")).as("order_id"),
                emptyAsNull(col("customer_id")).as("customer_id"),
                when(sku.isNull().or(sku.equalTo("")), raise_error(lit("--purchases: a line has no sku"))).otherwise(sku).as("sku"),
                when(parsed.isNull(), raise_error(concat(lit("--purchases: unreadable timestamp '"), time.cast("string"), lit("'"))))
                        .otherwise(parsed).as("purchased_at"));
    }

    private static Column emptyAsNull(Column column) {
        Column text = trim(column.cast("string"));
        return when(text.equalTo(""), lit(null).cast("string")).otherwise(text);
    }

    static Properties credentials(JobOptions options) {
        Properties properties = new Properties();
        if (options.dbUser() != null) {
            properties.setProperty("user", options.dbUser());
        }
        if (options.dbPassword() != null) {
            properties.setProperty("password", options.dbPassword());
        }
        properties.setProperty("driver", "org.postgresql.Driver");
        return properties;
    }

    private static String path(String source) {
        return source.substring(source.indexOf(':') + 1);
    }
}
