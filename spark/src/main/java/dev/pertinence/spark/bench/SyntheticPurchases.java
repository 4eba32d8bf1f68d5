package dev.pertinence.spark.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * Synthetic purchases for measurements (docs/model-build.md): {@code lines} purchase lines in the service's
 * import format, orders of 1 to 30 distinct items (mean about 4.4, as the grocery baskets), drawn from a
 * long-tailed catalogue of {@code products} SKUs (Zipf, exponent 1: the first SKU in about one basket line
 * in 13, most SKUs rare), dated over the last 300 days; and products.csv with 500 categories.
 *
 * <pre>java -cp pertinence-spark.jar dev.pertinence.spark.bench.SyntheticPurchases LINES DIRECTORY [PRODUCTS] [SEED]</pre>
 */
public final class SyntheticPurchases {

    private SyntheticPurchases() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: SyntheticPurchases LINES DIRECTORY [PRODUCTS=200000] [SEED=42]");
            System.exit(2);
        }
        long lines = Long.parseLong(args[0].replace("_", ""));
        Path directory = Path.of(args[1]);
        int products = args.length > 2 ? Integer.parseInt(args[2]) : 200_000;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        Files.createDirectories(directory);
        writeProducts(directory.resolve("products.csv"), products);
        writePurchases(directory.resolve("purchases.csv"), lines, products, new SplittableRandom(seed));
    }

    private static void writeProducts(Path file, int products) throws IOException {
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            out.write("sku,name,category,price\n");
            for (int i = 0; i < products; i++) {
                out.write("p" + i + ",Product " + i + ",c" + (i % 500) + ",1.00\n");
            }
        }
    }

    private static void writePurchases(Path file, long lines, int products, SplittableRandom random) throws IOException {
        double[] cumulative = new double[products];
        double total = 0;
        for (int i = 0; i < products; i++) {
            total += 1.0 / (i + 1);
            cumulative[i] = total;
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        long written = 0;
        long order = 0;
        int[] basket = new int[30];
        try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING)) {
            out.write("order_id,customer_id,sku,quantity,price,timestamp\n");
            while (written < lines) {
                order++;
                int size = (int) Math.min(Math.min(30, lines - written), 1 + Math.floor(Math.log(random.nextDouble()) / Math.log(0.77)));
                int n = 0;
                while (n < size) {
                    int sku = Arrays.binarySearch(cumulative, random.nextDouble() * total);
                    int item = sku >= 0 ? sku : -sku - 1;
                    boolean seen = false;
                    for (int k = 0; k < n; k++) {
                        seen |= basket[k] == item;
                    }
                    if (!seen) {
                        basket[n++] = item;
                    }
                }
                String at = now.minusSeconds(random.nextLong(300L * 24 * 3600)).toString();
                for (int k = 0; k < n; k++) {
                    out.write("o" + order + ",,p" + basket[k] + ",1,," + at + "\n");
                }
                written += n;
            }
        }
        System.out.printf("%,d lines in %,d orders, %,d products%n", written, order, products);
    }
}
