package dev.pertinence.spark;

import dev.pertinence.copurchase.CoPurchaseCounter;
import dev.pertinence.copurchase.CoPurchaseModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared grocery baskets (../../shared/data/groceries.csv, 9,835 real baskets) as purchase lines in the
 * service's import format, plus lines that exercise the rest of the basket definition: a customer's lines on
 * one UTC day (across midnight: two baskets), anonymous lines without an order (each alone) and a line older
 * than the window. The same baskets, grouped here by hand, feed the service's CoPurchaseCounter.
 */
final class Groceries {

    static final Path FILE = Path.of("../../shared/data/groceries.csv");

    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    final List<List<String>> baskets = new ArrayList<>();
    final List<String> csvLines = new ArrayList<>();
    final Map<String, String> categories = new LinkedHashMap<>();
    /** purchases.csv (import format) and products.csv (sku,name,category,price), once {@link #writtenTo} wrote them. */
    Path purchases;
    Path products;

    /** The baskets, written as purchases.csv and products.csv into {@code directory}. */
    static Groceries writtenTo(Path directory) throws IOException {
        Groceries groceries = new Groceries();
        groceries.write(directory);
        return groceries;
    }

    Groceries() {
        Instant yesterday = now.minus(1, ChronoUnit.DAYS);
        List<String> lines;
        try {
            lines = Files.readAllLines(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int number = 0;
        for (String line : lines) {
            number++;
            List<String> basket = Arrays.stream(line.split(",")).map(String::trim).filter(s -> !s.isEmpty()).distinct().toList();
            baskets.add(basket);
            for (String sku : basket) {
                csvLines.add("g-" + number + ",," + sku + ",1,," + yesterday);
                // a category for most items, none for some: categories count per basket, and a neighbour may have none
                if (sku.length() % 5 != 0) {
                    categories.putIfAbsent(sku, "cat-" + (sku.charAt(0) % 6));
                }
            }
        }
        // a customer's lines without an order: one basket per UTC day, however close the times
        Instant midnight = LocalDate.ofInstant(yesterday, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();
        customerLine("alice", "whole milk", midnight.minusSeconds(600));
        customerLine("alice", "yogurt", midnight.minusSeconds(300));
        customerLine("alice", "butter", midnight.plusSeconds(300));
        customerLine("alice", "yogurt", midnight.plusSeconds(900));
        baskets.add(List.of("whole milk", "yogurt"));
        baskets.add(List.of("butter", "yogurt"));
        // no order, no customer: each line is a basket of its own
        csvLines.add(",,soda,2,1.50," + yesterday);
        csvLines.add(",,soda,1,," + yesterday);
        baskets.add(List.of("soda"));
        baskets.add(List.of("soda"));
        // older than the window (P730D): not learnt from
        csvLines.add("old-1,,whole milk,1,," + now.minus(800, ChronoUnit.DAYS));
        csvLines.add("old-1,,soda,1,," + now.minus(800, ChronoUnit.DAYS));
    }

    private void customerLine(String customer, String sku, Instant at) {
        csvLines.add("," + customer + "," + sku + ",1,2.00," + at);
    }

    private void write(Path directory) throws IOException {
        purchases = directory.resolve("purchases.csv");
        List<String> out = new ArrayList<>();
        out.add(PurchaseSource.CSV_HEADER);
        out.addAll(csvLines);
        Files.write(purchases, out);
        products = directory.resolve("products.csv");
        List<String> productLines = new ArrayList<>();
        productLines.add("sku,name,category,price");
        categories.forEach((sku, category) -> productLines.add(sku + "," + sku + "," + category + ",1.00"));
        Files.write(products, productLines);
    }

    /** The service's in-process build of the same baskets. */
    CoPurchaseModel counted(int minSupport, int topK, int maxBasketSize) {
        Map<String, String> known = new HashMap<>(categories);
        CoPurchaseCounter counter = new CoPurchaseCounter(known::get, maxBasketSize);
        baskets.forEach(counter::addBasket);
        return counter.build(minSupport, topK);
    }
}
