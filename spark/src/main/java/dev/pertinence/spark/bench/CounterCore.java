package dev.pertinence.spark.bench;

import dev.pertinence.copurchase.CoPurchaseCounter;
import dev.pertinence.copurchase.CoPurchaseModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The in-service builder's core, measured alone (docs/model-build.md): CoPurchaseCounter fed the baskets of
 * a purchases.csv from {@link SyntheticPurchases} (an order's lines are consecutive there, so baskets stream
 * as the service's GROUP BY query streams them), then {@code build(minSupport, topK)}. Without the
 * service's PostgreSQL read and Redis write: the counting and selection only.
 *
 * <pre>java -Xmx576m -cp … dev.pertinence.spark.bench.CounterCore DIRECTORY [MIN_SUPPORT=3] [TOP_K=20] [MAX_BASKET=100]</pre>
 */
public final class CounterCore {

    private CounterCore() {
    }

    public static void main(String[] args) throws IOException {
        Path directory = Path.of(args[0]);
        int minSupport = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        int topK = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int maxBasket = args.length > 3 ? Integer.parseInt(args[3]) : 100;
        long start = System.nanoTime();
        Map<String, String> categories = new HashMap<>();
        try (BufferedReader in = Files.newBufferedReader(directory.resolve("products.csv"), StandardCharsets.UTF_8)) {
            in.readLine();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] f = line.split(",", -1);
                categories.put(f[0], f[2]);
            }
        }
        CoPurchaseCounter counter = new CoPurchaseCounter(categories::get, maxBasket);
        try (BufferedReader in = Files.newBufferedReader(directory.resolve("purchases.csv"), StandardCharsets.UTF_8)) {
            in.readLine();
            String order = null;
            List<String> basket = new ArrayList<>();
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                int first = line.indexOf(',');
                int second = line.indexOf(',', first + 1);
                int third = line.indexOf(',', second + 1);
                String id = line.substring(0, first);
                if (!id.equals(order)) {
                    counter.addBasket(basket);
                    basket = new ArrayList<>();
                    order = id;
                }
                basket.add(line.substring(second + 1, third));
            }
            counter.addBasket(basket);
        }
        long counted = System.nanoTime();
        CoPurchaseModel model = counter.build(minSupport, topK);
        long built = System.nanoTime();
        System.out.printf("counter core: %,d baskets, %,d items, %,d pairs, %,d neighbours; counted in %.1f s, selected in %.1f s, %.1f s in all%n",
                model.baskets(), model.items(), model.pairs(), model.neighbourCount(),
                (counted - start) / 1e9, (built - counted) / 1e9, (built - start) / 1e9);
    }
}
