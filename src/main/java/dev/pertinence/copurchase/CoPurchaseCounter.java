package dev.pertinence.copurchase;

import dev.pertinence.decision.Popularity;
import dev.pertinence.decision.Neighbour;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * Counts items, categories and item pairs over baskets, then keeps for each item its top-K
 * neighbours by log-likelihood ratio among pairs seen in at least {@code minSupport} baskets and
 * positively associated (lift above 1: LLR alone also flags pairs that avoid each other). The
 * measures and the selection are {@link ModelMeasures} and {@link TopNeighbours}, which the Spark
 * job shares (docs/model-build.md). Pure and single-threaded.
 */
public final class CoPurchaseCounter {

    private final Function<String, String> categoryOf;
    private final int maxBasketSize;
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<String> skus = new ArrayList<>();
    private int[] itemCounts = new int[1024];
    private final Map<String, Integer> categoryCounts = new HashMap<>();
    private final PairCounts pairs = new PairCounts();
    private long baskets;

    /**
     * @param categoryOf    the category of a SKU, or null when unknown
     * @param maxBasketSize baskets with more distinct items count for popularity but not for pairs:
     *                      bulk orders would otherwise dominate the pair counts
     */
    public CoPurchaseCounter(Function<String, String> categoryOf, int maxBasketSize) {
        this.categoryOf = categoryOf;
        this.maxBasketSize = maxBasketSize;
    }

    public void addBasket(Collection<String> basket) {
        Set<String> distinct = new LinkedHashSet<>(basket);
        if (distinct.isEmpty()) {
            return;
        }
        baskets++;
        int[] basketIds = new int[distinct.size()];
        Set<String> categories = new HashSet<>();
        int n = 0;
        for (String sku : distinct) {
            int id = idOf(sku);
            itemCounts[id]++;
            basketIds[n++] = id;
            String category = categoryOf.apply(sku);
            if (category != null) {
                categories.add(category);
            }
        }
        categories.forEach(category -> categoryCounts.merge(category, 1, Integer::sum));
        if (n <= maxBasketSize) {
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    pairs.increment(basketIds[i], basketIds[j]);
                }
            }
        }
    }

    public long baskets() {
        return baskets;
    }

    public int itemCount(String sku) {
        Integer id = ids.get(sku);
        return id == null ? 0 : itemCounts[id];
    }

    public int pairCount(String a, String b) {
        Integer x = ids.get(a);
        Integer y = ids.get(b);
        return x == null || y == null ? 0 : pairs.get(x, y);
    }

    /** The association figures of the rule {@code antecedent => consequent}, whatever the support. */
    public Neighbour rule(String antecedent, String consequent) {
        return neighbour(ids.get(antecedent), ids.get(consequent), pairCount(antecedent, consequent));
    }

    public CoPurchaseModel build(int minSupport, int topK) {
        int itemTotal = skus.size();
        TopNeighbours[] best = new TopNeighbours[itemTotal];
        pairs.forEach((a, b, count) -> {
            if (!ModelMeasures.supported(count, minSupport)) {
                return;
            }
            offer(best, a, neighbour(a, b, count), topK);
            offer(best, b, neighbour(b, a, count), topK);
        });
        Map<String, List<Neighbour>> neighbours = new HashMap<>();
        long kept = 0;
        for (int i = 0; i < itemTotal; i++) {
            if (best[i] != null && !best[i].isEmpty()) {
                List<Neighbour> ranked = best[i].ranked();
                neighbours.put(skus.get(i), ranked);
                kept += ranked.size();
            }
        }
        return new CoPurchaseModel(neighbours, popularity(), baskets, itemTotal, pairs.size(), kept);
    }

    private Popularity popularity() {
        Map<String, Double> bySku = new HashMap<>();
        for (int i = 0; i < skus.size(); i++) {
            bySku.put(skus.get(i), ModelMeasures.share(itemCounts[i], baskets));
        }
        Map<String, Double> byCategory = new HashMap<>();
        categoryCounts.forEach((category, count) -> byCategory.put(category, ModelMeasures.share(count, baskets)));
        return new Popularity(bySku, byCategory);
    }

    private static void offer(TopNeighbours[] best, int item, Neighbour candidate, int topK) {
        if (best[item] == null) {
            best[item] = new TopNeighbours(topK);
        }
        best[item].offer(candidate);
    }

    private Neighbour neighbour(Integer from, Integer to, long both) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("unknown item");
        }
        String sku = skus.get(to);
        return ModelMeasures.neighbour(sku, categoryOf.apply(sku), itemCounts[from], itemCounts[to], both, baskets);
    }

    private int idOf(String sku) {
        Integer id = ids.get(sku);
        if (id != null) {
            return id;
        }
        int next = skus.size();
        ids.put(sku, next);
        skus.add(sku);
        if (next == itemCounts.length) {
            itemCounts = Arrays.copyOf(itemCounts, next * 2);
        }
        return next;
    }
}
