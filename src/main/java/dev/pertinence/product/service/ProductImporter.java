package dev.pertinence.product.service;

import dev.pertinence.common.ApiPatterns;
import dev.pertinence.common.csv.CsvLine;
import dev.pertinence.common.csv.CsvProblem;
import dev.pertinence.common.store.BlockingTransaction;
import dev.pertinence.product.store.ProductDirectory;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bulk product upsert from CSV ({@code sku,name,category,price[,margin]}), streamed in chunks
 * inside one transaction: a bad line refuses the whole file and names the line.
 */
@ApplicationScoped
public class ProductImporter {

    static final String HEADER = "sku,name,category,price";
    private static final int CHUNK = 2_000;
    private static final String UPSERT = """
            INSERT INTO product (sku, name, category, price, margin)
            SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]::numeric[], $5::text[]::numeric[])
            ON CONFLICT (sku) DO UPDATE SET name = EXCLUDED.name, category = EXCLUDED.category,
                price = EXCLUDED.price, margin = COALESCE(EXCLUDED.margin, product.margin), updated_at = now()""";

    private final Pool pool;
    private final ProductDirectory directory;

    public ProductImporter(Pool pool, ProductDirectory directory) {
        this.pool = pool;
        this.directory = directory;
    }

    /** What an import stored: data lines read, rows inserted or replaced, and how long it took. */
    public record Imported(long lines, long stored, long durationMs) {
    }

    /** Runs on a worker thread: reads the stream as it arrives. */
    public Imported importCsv(BufferedReader reader) {
        long started = System.nanoTime();
        try (BlockingTransaction tx = BlockingTransaction.begin(pool)) {
            String header = reader.readLine();
            boolean withMargin = checkHeader(header);
            Map<String, Row> chunk = new LinkedHashMap<>();
            long lines = 0;
            long stored = 0;
            long lineNumber = 1;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                lines++;
                Row row = parse(line, lineNumber, withMargin);
                chunk.put(row.sku, row); // the last line for a SKU wins, as it would across chunks
                if (chunk.size() >= CHUNK) {
                    stored += flush(tx, chunk);
                }
            }
            stored += flush(tx, chunk);
            tx.commit();
            directory.changed().await().atMost(Duration.ofMinutes(1));
            return new Imported(lines, stored, (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean checkHeader(String header) {
        String normalised = header == null ? "" : header.replace("\uFEFF", "").trim().toLowerCase();
        if (normalised.equals(HEADER)) {
            return false;
        }
        if (normalised.equals(HEADER + ",margin")) {
            return true;
        }
        throw CsvProblem.header(HEADER + "[,margin]", header);
    }

    private static Row parse(String line, long lineNumber, boolean withMargin) {
        List<String> fields;
        try {
            fields = CsvLine.split(line);
        } catch (IllegalArgumentException e) {
            throw CsvProblem.at(lineNumber, "line", e.getMessage());
        }
        int expected = withMargin ? 5 : 4;
        if (fields.size() != expected) {
            throw CsvProblem.at(lineNumber, "line", "expected " + expected + " fields, found " + fields.size());
        }
        String sku = fields.get(0).trim();
        if (!sku.matches(ApiPatterns.ID)) {
            throw CsvProblem.at(lineNumber, "sku", ApiPatterns.ID_MESSAGE);
        }
        String name = fields.get(1).trim();
        if (name.isEmpty() || name.length() > 200) {
            throw CsvProblem.at(lineNumber, "name", "must be 1-200 characters");
        }
        String category = fields.get(2).trim();
        return new Row(sku, name, category.isEmpty() ? null : category,
                decimal(fields.get(3), lineNumber, "price", true),
                withMargin ? decimal(fields.get(4), lineNumber, "margin", false) : null);
    }

    private static BigDecimal decimal(String raw, long lineNumber, String column, boolean nonNegative) {
        String value = raw.trim();
        if (value.isEmpty()) {
            return null;
        }
        try {
            BigDecimal decimal = new BigDecimal(value);
            if ((nonNegative && decimal.signum() < 0) || decimal.abs().compareTo(BigDecimal.valueOf(1_000_000_000)) > 0) {
                throw CsvProblem.at(lineNumber, column, "out of range");
            }
            return decimal;
        } catch (NumberFormatException e) {
            throw CsvProblem.at(lineNumber, column, "'" + dev.pertinence.common.problem.LogSafe.value(value) + "' is not a number");
        }
    }

    private static long flush(BlockingTransaction tx, Map<String, Row> chunk) {
        if (chunk.isEmpty()) {
            return 0;
        }
        int n = chunk.size();
        String[] skus = new String[n];
        String[] names = new String[n];
        String[] categories = new String[n];
        String[] prices = new String[n];
        String[] margins = new String[n];
        int i = 0;
        for (Row row : chunk.values()) {
            skus[i] = row.sku;
            names[i] = row.name;
            categories[i] = row.category;
            prices[i] = row.price == null ? null : row.price.toPlainString();
            margins[i] = row.margin == null ? null : row.margin.toPlainString();
            i++;
        }
        chunk.clear();
        return tx.execute(UPSERT, Tuple.of(skus, names, categories, prices, margins)).rowCount();
    }

    private record Row(String sku, String name, String category, BigDecimal price, BigDecimal margin) {
    }

}
