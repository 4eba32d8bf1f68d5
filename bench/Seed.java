import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a realistic benchmark data set (fixed seed, so every run is the same):
 * products.csv (20,000 products in 200 categories), purchases.csv, consents.csv (every customer agreed to
 * profiling, so decisions use their history as before consent existed; one in two to email offers), and
 * offers-N.json for N offers. Two scenarios:
 * <ul>
 * <li>{@code light}: 1,000,000 lines of 100,000 customers (10 each on average), orders of 2-8 items drawn from
 * each customer's favourite product groups plus popular items, over a year; three offers in four carry a rule;</li>
 * <li>{@code heavy}: customers with a long history, as a real online retailer's year (issue 17): 4,000 customers
 * with 30-300 purchase lines each (log-normal, median about 60, mean about 85), the same kind of orders over a year;
 * every offer carries a rule, one in four walking the history.</li>
 * </ul>
 * Usage: java bench/Seed.java OUT_DIR light|heavy [offers...]
 */
public class Seed {

    static final int PRODUCTS = 20_000;
    static final int CATEGORIES = 200;
    static final int GROUP_SIZE = 10; // products of a group are bought together
    static final int CUSTOMERS = 100_000;
    static final int LINES = 1_000_000;
    static final int HEAVY_CUSTOMERS = 4_000;

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        boolean heavy = switch (args[1]) {
            case "light" -> false;
            case "heavy" -> true;
            default -> throw new IllegalArgumentException("scenario: light or heavy, not " + args[1]);
        };
        Files.createDirectories(out);
        SplittableRandom random = new SplittableRandom(42);
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("products.csv"))) {
            w.write("sku,name,category,price\n");
            for (int p = 0; p < PRODUCTS; p++) {
                w.write(String.format(Locale.ROOT, "%s,Product %d,%s,%.2f%n", sku(p), p, category(p), 1 + random.nextInt(20_000) / 100.0));
            }
        }
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        int groups = PRODUCTS / GROUP_SIZE;
        int customers = heavy ? HEAVY_CUSTOMERS : CUSTOMERS;
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("purchases.csv"))) {
            w.write("order_id,customer_id,sku,quantity,price,timestamp\n");
            if (heavy) {
                heavyPurchases(w, random, now, groups);
            } else {
                lightPurchases(w, random, now, groups);
            }
        }
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("consents.csv"))) {
            w.write("customer_id,purpose,channel,granted,source,recorded_at\n");
            Instant signedUp = now.minus(400, ChronoUnit.DAYS);
            for (int c = 0; c < customers; c++) {
                w.write("cu" + c + ",profiling,,true,loyalty-signup," + signedUp + "\n");
                w.write("cu" + c + ",offers,email," + (c % 2 == 0) + ",loyalty-signup," + signedUp + "\n");
            }
        }
        for (int i = 2; i < args.length; i++) {
            offers(out, Integer.parseInt(args[i]), heavy);
        }
    }

    /** 100,000 customers (everyone orders at least once), 1,000,000 lines. */
    static void lightPurchases(BufferedWriter w, SplittableRandom random, Instant now, int groups) throws IOException {
        int lines = 0;
        int order = 0;
        while (lines < LINES) {
            int customer = order < CUSTOMERS ? order : random.nextInt(CUSTOMERS); // everyone orders at least once
            SplittableRandom taste = new SplittableRandom(customer); // a customer's favourite groups are stable
            int[] favourite = {taste.nextInt(groups), taste.nextInt(groups), taste.nextInt(groups)};
            int items = 2 + random.nextInt(7);
            Instant at = now.minus(random.nextInt(365 * 24 * 60), ChronoUnit.MINUTES);
            String orderId = "or" + (order++);
            java.util.Set<Integer> basket = new java.util.HashSet<>();
            for (int i = 0; i < items; i++) {
                int product = random.nextInt(10) < 7
                        ? favourite[random.nextInt(3)] * GROUP_SIZE + random.nextInt(GROUP_SIZE)
                        : popular(random);
                basket.add(product);
            }
            for (int product : basket) {
                w.write(orderId + ",cu" + customer + "," + sku(product) + ",1,9.99," + at + "\n");
                lines++;
            }
        }
    }

    /** Each customer's year: orders of 2-8 items until their number of lines (30-300, log-normal) is reached. */
    static void heavyPurchases(BufferedWriter w, SplittableRandom random, Instant now, int groups) throws IOException {
        int order = 0;
        for (int customer = 0; customer < HEAVY_CUSTOMERS; customer++) {
            SplittableRandom taste = new SplittableRandom(customer);
            int[] favourite = {taste.nextInt(groups), taste.nextInt(groups), taste.nextInt(groups), taste.nextInt(groups)};
            double gaussian = Math.sqrt(-2 * Math.log(1 - random.nextDouble())) * Math.cos(2 * Math.PI * random.nextDouble());
            int target = (int) Math.max(30, Math.min(300, Math.round(60 * Math.exp(0.8 * gaussian))));
            int lines = 0;
            while (lines < target) {
                Instant at = now.minus(random.nextInt(365 * 24 * 60), ChronoUnit.MINUTES);
                String orderId = "oh" + (order++);
                java.util.Set<Integer> basket = new java.util.HashSet<>();
                int items = Math.min(2 + random.nextInt(7), target - lines);
                while (basket.size() < items) {
                    basket.add(random.nextInt(10) < 7
                            ? favourite[random.nextInt(favourite.length)] * GROUP_SIZE + random.nextInt(GROUP_SIZE)
                            : popular(random));
                }
                for (int product : basket) {
                    w.write(orderId + ",cu" + customer + "," + sku(product) + ",1,9.99," + at + "\n");
                    lines++;
                }
            }
        }
    }

    /**
     * offers-N.json: offer o is the same in every file (its own seed). Light: three in four carry a rule (a quarter
     * exclude owners of the target, a quarter read history and context, a quarter read segments); heavy: every
     * one does, the fourth quarter walking the history.
     */
    static void offers(Path out, int count, boolean heavy) throws IOException {
        try (BufferedWriter w = Files.newBufferedWriter(out.resolve("offers-" + count + ".json"))) {
            w.write("[");
            for (int o = 0; o < count; o++) {
                SplittableRandom offerRandom = new SplittableRandom(1_000_000L + o);
                int target = offerRandom.nextInt(PRODUCTS);
                String rule = switch (o % 4) {
                    case 0 -> "!('" + sku(target) + "' in history.skus)";
                    case 1 -> heavy ? "history.count > 2 || context.channel == 'web'" : "history.count > 0 || context.channel == 'web'";
                    case 2 -> heavy ? "history.purchases.exists(p, p.category == '" + category(target + 10) + "' && p.daysAgo < 180)"
                            + " || customer.loyaltyPoints > 500" : "";
                    default -> "!('vip' in customer.segments)";
                };
                String targets = o % 10 == 9
                        ? "\"targetSkus\": [], \"targetCategories\": [\"" + category(target) + "\"]"
                        : "\"targetSkus\": [\"" + sku(target) + "\", \"" + sku(target + 1) + "\"], \"targetCategories\": []";
                w.write((o == 0 ? "" : ",\n") + String.format(Locale.ROOT,
                        "{\"id\": \"bo%05d\", \"title\": \"Offer %d\", \"message\": \"Message %d\", \"category\": \"%s\", %s,"
                                + " \"channels\": [\"web\", \"app\"], \"placements\": [\"home\"], \"businessValue\": %.1f,"
                                + " \"lever\": 1.0, \"rule\": \"%s\"}",
                        o, o, o, category(target), targets, 1 + offerRandom.nextInt(100) / 10.0, rule));
            }
            w.write("]\n");
        }
    }

    static String sku(int product) {
        return "sk" + (product % PRODUCTS);
    }

    static String category(int product) {
        return "cat" + ((product % PRODUCTS) / GROUP_SIZE % CATEGORIES);
    }

    /** Zipf-like: a few products sell a lot. */
    static int popular(SplittableRandom random) {
        return (int) Math.floor(Math.pow(random.nextDouble(), 3) * PRODUCTS);
    }
}
